import Foundation
import OrderEngine
import OrderStore
import RakutenPay
import ShippingFiles

/// 「RMSの受注CSVを取り込む」: RMS's 楽天ペイ受注CSV files against the store, previewed or applied
/// in one transaction. An order not here is added (origin CSV, at the status its RMS status
/// gives; the next API read fills what the CSV lacks); one here is never duplicated or
/// overwritten — what differs is kept as 差分あり; an order the file cannot give whole is refused
/// with its line and reason, and nothing of it is stored. The same file twice changes nothing.
public enum RMSOrderCSVImport {
    /// What became of one order of a file.
    public enum Outcome: Sendable, Equatable {
        /// Added (or to be added); `problems`: odd values it comes in 要確認 with.
        case new(problems: [String])
        case same
        case differs([RMSDifference.Field], noted: Bool, heldBack: Bool)
        case refused(String)
        /// The same order again, later in the files read: read once, from where it came first.
        case repeated(firstIn: String)

        public var label: String {
            switch self {
            case .new(let problems): problems.isEmpty ? "新規" : "新規（要確認）"
            case .same: "同じ"
            case .differs(_, let noted, let heldBack): heldBack ? "差分あり（保留）" : noted ? "差分あり（記録済み）" : "差分あり"
            case .refused: "拒否"
            case .repeated: "重複"
            }
        }

        /// What the operator reads beside the label.
        public var text: String {
            switch self {
            case .new(let problems): problems.joined(separator: "、")
            case .same: "ここにある注文と同じです"
            case .differs(let fields, _, let heldBack):
                fields.map { "\($0.label): \($0.ours) → \($0.rms)" }.joined(separator: "、")
                    + (heldBack ? "（RMSの変更の差分が先にあります。受け入れてからもう一度取り込んでください）" : "")
            case .refused(let reason): reason
            case .repeated(let file): "\(file) の同じ注文を取り込みます"
            }
        }
    }

    public struct OrderResult: Sendable {
        public let number: String
        public let lines: [Int]
        public let outcome: Outcome
    }

    /// One file: read (with its orders' outcomes), or why it could not be.
    public struct FileResult: Sendable {
        public let path: String
        public let read: Result<RMSOrderCSV.File, FileFormatError>
        public let orders: [OrderResult]

        /// The file's name, without its folder.
        public var name: String { (path as NSString).lastPathComponent }

        /// Whether the file cannot be read, or has a line or an order refused.
        public var refusesSomething: Bool {
            if case .success(let file) = read { file.refusesSomething } else { true }
        }

        /// 「新規 2・同じ 1・差分あり 1・拒否 1（7行: 明細 5、空行 1、重複 1）」
        public var summary: String {
            guard case .success(let file) = read else { return "" }
            var counts: [String: Int] = [:]
            for order in orders { counts[order.outcome.label, default: 0] += 1 }
            let kinds = ["新規", "新規（要確認）", "同じ", "差分あり", "差分あり（記録済み）", "差分あり（保留）", "重複", "拒否"]
            let parts = kinds.compactMap { kind in counts[kind].map { "\(kind) \($0)" } }
            let refusedLines = file.looseRefusals.count
            return "\(file.encoding.label)、\(parts.isEmpty ? "注文なし" : parts.joined(separator: "・"))"
                + "（\(file.dataLines)行: 注文の行 \(file.orders.reduce(0) { $0 + $1.lines.count })"
                + (file.blankLines.isEmpty ? "" : "、空行 \(file.blankLines.count)")
                + (file.repeatedLines.isEmpty ? "" : "、同じ行の繰り返し \(file.repeatedLines.count)")
                + (refusedLines == 0 ? "" : "、注文番号のない行 \(refusedLines)") + "）"
        }
    }

    public struct Report: Sendable {
        public let files: [FileResult]
        public let applied: Bool

        public var refusesSomething: Bool { files.contains(where: \.refusesSomething) }
    }

    /// Files read, each whole or with why not: once for a preview and its applying.
    public struct ReadFiles: Sendable {
        let files: [(String, Result<RMSOrderCSV.File, FileFormatError>)]

        /// Whether a file cannot be read, or has a line or an order refused: known from the files
        /// alone, before the store is asked.
        public var refusesSomething: Bool {
            files.contains { _, read in if case .success(let file) = read { file.refusesSomething } else { true } }
        }

        /// Only the files of `paths` (the desk takes in the files without a refusal).
        public func keeping(_ paths: Set<String>) -> ReadFiles {
            ReadFiles(files: files.filter { paths.contains($0.0) })
        }
    }

    /// Reads each of `paths`, as the tracking files are read: a file that cannot be opened is
    /// one that cannot be read, said with why.
    public static func read(_ paths: [String]) -> ReadFiles {
        ReadFiles(files: paths.map { path in
            do {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                return (path, Result { () throws(FileFormatError) -> RMSOrderCSV.File in try RMSOrderCSV.read(bytes) })
            } catch {
                return (path, .failure(FileFormatError("読めません: \(error.localizedDescription)")))
            }
        })
    }

    /// The desk's preview: each file compared, and the files going ahead takes in — those read,
    /// without a refusal unless `takingValidOrders`. The orders of the taken files are compared
    /// as applying will take them (an order in a file left behind is not theirs to repeat).
    public static func preview(
        _ read: ReadFiles, store: any ShopStore, storeAs: LocalStatus, takingValidOrders: Bool
    ) throws -> (report: Report, taken: Set<String>) {
        let full = try run(read, store: store, storeAs: storeAs, applying: false)
        let taken = Set(full.files.filter { file in
            if case .failure = file.read { return false }
            return !file.refusesSomething || takingValidOrders
        }.map(\.path))
        guard taken.count < full.files.count, !taken.isEmpty else { return (full, taken) }
        let part = try run(read.keeping(taken), store: store, storeAs: storeAs, applying: false)
        let files = full.files.map { file in part.files.first { $0.path == file.path } ?? file }
        return (Report(files: files, applied: false), taken)
    }

    /// Compares the files' orders with the store; with `applying`, adds the new ones and keeps
    /// the differences, all in one transaction. `storeAs`: the shop's first status.
    public static func run(_ read: ReadFiles, store: any ShopStore, storeAs: LocalStatus, applying: Bool) throws -> Report {
        let files = read.files
        // Each order once, from the first file that has it.
        var firstFile: [String: String] = [:]
        var taking: [(OrderModel, [String], RMSOrderCSV.File)] = []
        var newProblems: [String: [String]] = [:]
        for case (let path, .success(let file)) in files {
            for read in file.orders where firstFile[read.number] == nil {
                guard case .model(let model, let problems) = read.content else { continue }
                firstFile[read.number] = path
                newProblems[read.number] = problems
                taking.append((model, problems, file))
            }
        }
        // Mapped, and what each new one writes worked out, on every core.
        let present = Set(try store.rows(taking.map { OrderNumber($0.0.orderNumber) }).keys)
        let csvOrders = RMSOrderCSV.inParts(taking) { model, problems, file in
            OrderStore.CSVOrder(
                order: order(model, problems: problems, storeAs: storeAs), omitting: omitted(by: file, problems: problems),
                likelyNew: !present.contains(OrderNumber(model.orderNumber)))
        }
        let outcomes = try store.importCSV(csvOrders, applying: applying)
        var taken: Set<String> = []
        let results = files.map { path, read -> FileResult in
            guard case .success(let file) = read else { return FileResult(path: path, read: read, orders: []) }
            let orders = file.orders.map { order -> OrderResult in
                let outcome: Outcome
                if case .refused(let reason) = order.content {
                    outcome = .refused(reason)
                } else if firstFile[order.number] != path || taken.contains(order.number) {
                    outcome = .repeated(firstIn: firstFile[order.number] ?? path)
                } else {
                    taken.insert(order.number)
                    switch outcomes[OrderNumber(order.number)] {
                    case .new?: outcome = .new(problems: newProblems[order.number] ?? [])
                    case .same?, nil: outcome = .same
                    case .differs(let fields, let noted, let heldBack)?: outcome = .differs(fields, noted: noted, heldBack: heldBack)
                    }
                }
                return OrderResult(number: order.number, lines: order.lines, outcome: outcome)
            }
            return FileResult(path: path, read: read, orders: orders)
        }
        return Report(files: results, applied: applying)
    }

    /// The order as a fetch would store it, but from the CSV: origin CSV, at the status its RMS
    /// status gives, and flagged 要確認 (with what could not be read) until RMS's copy fills it:
    /// the CSV lacks what edits, labels and reports need (発送明細ID, the coupons…), so nothing
    /// is changed here that RMS's copy would then overwrite.
    public static func order(_ model: OrderModel, problems: [String], storeAs: LocalStatus) -> Order {
        var order = Order(rakuten: model, localStatus: storeAs)
        order.localStatus = order.rmsProgress.localStatusWhenBroughtIn(new: storeAs)
        order.origin = .csvImport
        order.readProblem = ReadProblem(
            keyPath: "RMSの受注CSV",
            problem: (problems.isEmpty ? ["RMSから読むまで、CSVにない項目があります（RMSステータスを取得で埋まります）"] : problems).joined(separator: "、"))
        return order
    }

    /// What a file does not hold, by ``RMSDifference`` key: its template's missing columns, the
    /// order's unreadable values, and 置き配 (no column has it).
    static func omitted(by file: RMSOrderCSV.File, problems: [String]) -> @Sendable (String) -> Bool {
        let missing = Set(keyColumns.filter { key, column in
            !file.columns.contains(column) || problems.contains { $0.contains(" \(column.rawValue): ") }
        }.map(\.key))
        return { key in
            if key.hasPrefix("dropOffLocation") { return true }
            // A destination's part (sender2.city) by its part.
            let general = key.hasPrefix("sender") ? "sender." + (key.split(separator: ".").last.map(String.init) ?? "") : key
            return missing.contains(general)
        }
    }

    /// The comparison's keys and the column each is read from.
    static let keyColumns: [String: RMSOrderCSV.Column] = [
        "paymentCharge": .paymentCharge,
        "deliveryName": .deliveryMethod, "deliveryDate": .deliveryDate, "shippingTerm": .timeSlot, "memo": .memo,
        "remarks": .remarks, "giftCheck": .gift, "subStatusId": .subStatusID,
        "orderer.familyName": .ordererFamilyName, "orderer.firstName": .ordererFirstName,
        "orderer.familyNameKana": .ordererFamilyKana, "orderer.firstNameKana": .ordererFirstKana,
        "orderer.zipCode": .ordererZip1, "orderer.prefecture": .ordererPrefecture, "orderer.city": .ordererCity,
        "orderer.subAddress": .ordererSubAddress, "orderer.phoneNumber": .ordererPhone1,
        "sender.familyName": .senderFamilyName, "sender.firstName": .senderFirstName, "sender.familyNameKana": .senderFamilyKana,
        "sender.firstNameKana": .senderFirstKana, "sender.zipCode": .senderZip1, "sender.prefecture": .senderPrefecture,
        "sender.city": .senderCity, "sender.subAddress": .senderSubAddress, "sender.phoneNumber": .senderPhone1,
    ]
}
