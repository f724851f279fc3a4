import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles
import ShopSettings
import TerminalUI

/// What a fuzzing input is fed to: each reader of text from outside — RMS's answers, the shop's
/// config.toml, keymap.toml and rules.toml — the way the desk reads it. A thrown error is a correct answer
/// to a bad input; only a crash, a hang or a leak is a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// A getOrder answer, decoded, every order mapped for the store (the readable ones and those
    /// kept 要確認), and what the store writes of each (columns, content, search terms).
    case getOrder = "getorder"
    /// A searchOrder answer.
    case searchOrder = "searchorder"
    /// config.toml.
    case config
    /// keymap.toml.
    case keymap
    /// rules.toml, its `when` lines read as the search line's language.
    case rules
    /// A buyer's change as `juchu edit --set` takes it (KEY=VALUE lines), checked and applied to an
    /// order; the unsent edit it makes must read back from its journal text as it was.
    case edit
    /// A carrier's file of tracking numbers (B2クラウド, e飛伝Ⅲ, ゆうプリR, クリックポスト, a generic CSV),
    /// detected or read as each format: every line after the header must be a row or an ignored
    /// line — none lost, none counted twice.
    case tracking
    /// RMS's 楽天ペイ受注CSV: every line after the header accounted for once (an order's, blank,
    /// repeated or refused), and each order read mapped for the store as the import maps it.
    case rmsCSV = "rms-csv"

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .getOrder:
            if case .success(let fetched) = Result(catching: { try RakutenPayClient.fetchedOrders(fromBody: Array(bytes)) }) {
                // What the store writes of each order: its columns, content, journal line, search
                // document and the terms PostgreSQL indexes (made on bytes).
                for item in OrderImport.incoming(fetched, localStatus: .newOrder, fetchedAt: Date(timeIntervalSince1970: 1_795_000_000)) {
                    _ = item.columnValues
                    _ = item.arrival
                    _ = Result { try item.content() }
                    _ = SearchTerms.indexedTermsText(item.searchDocument)
                }
            }
        case .searchOrder:
            _ = Result { try JSONIndexDecoder().decode(SearchOrderResponse.self, from: bytes) }
        case .config:
            var config = ShopConfig()
            _ = Result { try config.read(String(decoding: bytes, as: UTF8.self), file: "config.toml") }
        case .keymap:
            _ = Result { try Keymap(parsing: String(decoding: bytes, as: UTF8.self), file: "keymap.toml") }
        case .rules:
            _ = Result {
                try RulesFile.read(String(decoding: bytes, as: UTF8.self), file: "rules.toml", statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags)
            }
        case .tracking:
            let data = Array(bytes)
            for format in [nil] + TrackingFormat.allCases.map(Optional.some) {
                guard case .success(let file) = Result(catching: { () throws(FileFormatError) -> TrackingFile in
                    try TrackingFileReader.read(data, format: format)
                }) else { continue }
                guard case .success(let records) = Result(catching: { () throws(FileFormatError) -> [CSV.Record] in
                    try CSV.records(try FileText.decode(data, as: file.encoding).0)
                }) else { fatalError("a tracking file read, whose text then cannot be read again") }
                let lines = records.count - (file.hasHeader ? 1 : 0)
                if file.dataLines != lines || Set(file.rows.map(\.line) + file.ignored.map(\.line)).count != lines {
                    fatalError("\(format?.rawValue ?? "detected") \(file.format): \(lines) lines after the header, \(file.rows.count) rows and \(file.ignored.count) ignored")
                }
            }
        case .rmsCSV:
            let data = Array(bytes)
            guard case .success(let file) = Result(catching: { () throws(FileFormatError) -> RMSOrderCSV.File in try RMSOrderCSV.read(data) })
            else { return }
            if file.accountedLines != file.dataLines {
                fatalError("\(file.dataLines) lines after the header, \(file.accountedLines) accounted for")
            }
            var seen: Set<Int> = []
            for line in file.orders.flatMap(\.lines) + file.looseRefusals.map(\.line) + file.blankLines + file.repeatedLines {
                if !seen.insert(line).inserted { fatalError("line \(line) counted twice") }
            }
            for order in file.orders {
                guard case .model(let model, let problems) = order.content else { continue }
                let item = OrderStore.Incoming(order: RMSOrderCSVImport.order(model, problems: problems, storeAs: .newOrder), rawJSON: nil)
                _ = item.columnValues
                _ = Result { try item.content() }
                _ = SearchTerms.indexedTermsText(item.searchDocument)
            }
        case .edit:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = PendingEdit(text: text)
            var values: [DetailField: String] = [:]
            for line in text.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "="), let field = DetailField(key: String(line[..<equals])) else { continue }
                values[field] = String(line[line.index(after: equals)...])
            }
            let edit = DetailEdit(values)
            let context = DetailEdit.Context(today: CalendarDate(year: 2026, month: 12, day: 6)!, deliveryMethods: DeliveryDetails.commonMethods)
            _ = edit.problems(for: Self.order, context: context)
            let changed = edit.applied(to: Self.order, context: context)
            if let pending = changed.pendingEdit, PendingEdit(text: pending.text) != pending {
                fatalError("an unsent edit does not read back from its journal text: \(pending)")
            }
        }
    }

    /// The order an edit is applied to: a generated one, as RMS sends it.
    static let order: Order = {
        var generator = OrderGenerator(seed: 11, settings: .init(shopID: "398211"))
        let model = generator.orders(count: 1, now: RakutenDateTime(epochSeconds: 1_795_000_000))[0]
        return Order(rakuten: model, localStatus: .newOrder)
    }()
}
