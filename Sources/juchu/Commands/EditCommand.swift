import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShopSettings

/// `juchu edit`: a buyer's change (送付先, 注文者, 配送方法, お届け日時, メモ, 備考, サブステータス)
/// saved from a script, checked as the desk's form checks it. A Rakuten order's change is then
/// 未反映 until `juchu push` (or the desk's 入力内容を反映する) sends it.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "注文の送付先・配送・メモなどを変更して保存します（RMSへは juchu push で反映）",
        discussion: """
            例: juchu edit 123456-20261206-0000000001 --set deliveryDate=2026-12-12 --set shippingTerm=1416
            項目の一覧は juchu edit --keys。終了コード: 0 保存した（変更なしを含む）、1 失敗、2 使い方・設定・値の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "注文番号")
    var order: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("変更する項目と値（KEY=VALUE、いくつでも）", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    @Flag(help: "変更できる項目（KEY）の一覧を出します")
    var keys = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        if keys { return }
        guard order != nil else { throw ValidationError("注文番号を指定してください（項目の一覧は --keys）") }
        guard !assignments.isEmpty else { throw ValidationError("--set KEY=VALUE で変更する項目を指定してください") }
    }

    func run() throws {
        if keys { return printKeys() }
        try reportingErrors {
            let edit = try Self.edit(from: assignments)
            let (settings, file) = try options.load()
            try options.require(OperatorTask.editOrder, settings, file: file)
            let store = try options.openStore(settings, existing: true)
            let number = OrderNumber(order!)
            guard let current = try store.order(number) else { throw UserFacingError("注文 \(number) はありません", exitCode: 2) }
            var subStatuses: [DetailEdit.SubStatus] = []
            if edit.values.keys.contains(.subStatusId) {
                subStatuses = try currentSubStatuses(settings, file: file, store: store)
            }
            let context = DetailEdit.Context(
                today: CalendarDate(japanDayOf: JapanTime(Date())), deliveryMethods: settings.deliveryMethods, subStatuses: subStatuses)
            let saved: Order
            switch try store.save(edit, editing: current, context: context) {
            case .failure(let problems):
                throw UserFacingError(problems.problems.map { "\(number): \($0)" }.joined(separator: "\n"), exitCode: 2)
            case .success(let order):
                saved = order
            }
            let changed = current.changes(to: saved).filter { $0.field != .pendingEdit }.map(\.displayText)
            let pending = saved.pendingEdit.map { "RMS未反映（\($0.groups.sorted().map(\.label).joined(separator: "・"))）: juchu push \(number) で反映します" }
            if json {
                try printJSON(["orderNumber": number.rawValue, "changed": changed, "pending": saved.pendingEdit?.lines ?? []])
            } else if changed.isEmpty {
                print("\(number): 変更はありません")
            } else {
                print("\(number): 保存しました")
                for line in changed { print("  \(line)") }
                if let pending { print("  \(pending)") }
            }
        }
    }

    /// The values to set, from `KEY=VALUE`; an unknown key or a malformed pair stops with exit 2.
    static func edit(from assignments: [String]) throws -> DetailEdit {
        var values: [DetailField: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw UserFacingError("「\(assignment)」は KEY=VALUE の形ではありません", exitCode: 2)
            }
            let key = String(assignment[..<equals])
            guard let field = DetailField(key: key) else {
                throw UserFacingError("「\(key)」という項目はありません（juchu edit --keys で一覧を出せます）", exitCode: 2)
            }
            guard values[field] == nil else { throw UserFacingError("「\(key)」が2回指定されています", exitCode: 2) }
            values[field] = String(assignment[assignment.index(after: equals)...])
        }
        return DetailEdit(values)
    }

    /// The sub-statuses RMS lists, read again when a day old; when RMS cannot be asked, the ones
    /// kept (said on stderr), and RMS checks the id when it is sent.
    private func currentSubStatuses(_ settings: ShopConfig, file: String, store: any ShopStore) throws -> [DetailEdit.SubStatus] {
        let service = SyncService(client: try options.client(settings, file: file), store: store)
        do {
            return try runBlocking { try await service.currentSubStatuses() }
        } catch {
            let kept = try store.subStatuses().list
            FileHandle.standardError.write(Data("警告: サブステータス一覧をRMSから読めません（\(error)）。保存済みの\(kept.count)件で確かめます\n".utf8))
            return kept
        }
    }

    private func printKeys() {
        let fields = DetailField.all(packages: 2)
        let width = fields.map(\.key.count).max() ?? 0
        for field in fields {
            print("\(field.key.padding(toLength: width, withPad: " ", startingAt: 0))  \(field.label)  \(field.valueHint)  （\(field.group.label)）")
        }
        print("sender2.… / dropOffLocation2 は2つ目の送付先。address1/address2/address3 は prefecture/city/subAddress と同じ")
    }
}
