import ArgumentParser
import OrderEngine
import OrderStore

/// Which orders a command acts on: the numbers given, or every order of one local status.
struct OrderSelection: ParsableArguments {
    @Option(help: "この受注ステータスの注文すべて（例: 新規受付）")
    var status: String?

    @Argument(help: "注文番号")
    var orders: [String] = []

    func validate() throws {
        if orders.isEmpty == (status == nil) {
            throw ValidationError("注文番号か --status のどちらか一方を指定してください")
        }
    }

    func numbers(in store: any ShopStore) throws -> [OrderNumber] {
        guard let status else { return orders.map(OrderNumber.init) }
        return try store.page(GridFilter(localStatus: LocalStatus(status)), limit: 1_000_000).map(\.number)
    }
}
