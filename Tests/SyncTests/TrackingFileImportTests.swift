import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Testing
import TestSupport

/// The tracking inbox read as one import: files matched together, and a file moved to 取込済 only
/// when every number it brought is written.
@Suite("荷物番号の取り込み: the inbox's files as one import")
struct TrackingFileImportTests {
    let directory = TemporaryDirectory("juchu-tracking-inbox")
    let today = CalendarDate(year: 2026, month: 12, day: 6)!

    func store() throws -> (OrderStore, [Order]) {
        let orders = (1...3).map { OrderFixtures.confirmed($0) }
        let store = try OrderStore(path: directory.file("tracking.sqlite"), operatorName: "suzuki")
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        return (store, orders)
    }

    func file(_ name: String, _ rows: [(Order, String)]) throws -> String {
        let path = directory.file("inbox/" + name)
        try FileManager.default.createDirectory(atPath: directory.file("inbox"), withIntermediateDirectories: true)
        let text = "注文番号,荷物番号,配送会社\r\n" + rows.map { "\($0.0.number),\($0.1),1001\r\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("the same line in two files is written once and fails nothing; a number on another order in the store is refused")
    func together() throws {
        defer { directory.remove() }
        let (store, orders) = try store()
        _ = try store.addParcel(to: orders[2].number, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(9), shippedOn: today)
        let a = try file("a.csv", [(orders[0], ShippingNumbers.valid(1))])
        let b = try file("b.csv", [(orders[0], ShippingNumbers.valid(1)), (orders[1], ShippingNumbers.valid(9))])
        let imported = try TrackingFileImport.read([a, b], store: store, today: today)
        #expect(imported.files.map(\.refusedCount) == [0, 1])
        #expect(imported.files[1].lines.map(\.label) == ["入力済み", "競合"], "\(imported.files[1].lines.map(\.text))")
        let (_, leftOut) = try imported.apply(to: store, takingValidLines: true)
        #expect(leftOut.isEmpty, "\(leftOut)")
        #expect(try store.order(orders[0].number)?.parcels.map(\.trackingNumber) == [ShippingNumbers.valid(1)])
        #expect(try store.order(orders[1].number)?.parcels.isEmpty == true)
    }

    @Test("an order whose parcels changed after the preview is left out, and its file stays in the inbox to be read again; the other file moves")
    func leftOutStays() throws {
        defer { directory.remove() }
        let (store, orders) = try store()
        let a = try file("a.csv", [(orders[0], ShippingNumbers.valid(1))])
        let b = try file("b.csv", [(orders[1], ShippingNumbers.valid(2))])
        let imported = try TrackingFileImport.read([a, b], store: store, today: today)
        #expect(!imported.hasRefused)
        // Another desk enters a number for the second order meanwhile.
        _ = try store.addParcel(to: orders[1].number, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(5), shippedOn: today)
        let (_, leftOut) = try imported.apply(to: store, takingValidLines: false)
        #expect(leftOut.map(\.0) == [orders[1].number])
        let files = imported.moveTakenIn(takingValidLines: false, leftOut: Set(leftOut.map(\.0)))
        #expect(files.moved == ["a.csv"])
        #expect(files.left.count == 1 && files.left[0].contains("b.csv") && files.left[0].contains(orders[1].number.rawValue), "\(files.left)")
        #expect(FileManager.default.fileExists(atPath: b) && !FileManager.default.fileExists(atPath: a))
        #expect(FileManager.default.fileExists(atPath: directory.file("inbox/取込済/a.csv")))
    }
}
