import Foundation
import OrderEngine
import Synchronization
import RakutenPay
import ShippingFiles

/// RMS's 楽天ペイ受注CSV (受注管理 → データダウンロード): CP932 (or UTF-8), one row per item line
/// per destination, read by header name (orders-rules-scale.md §2). Rows are grouped by 注文番号,
/// then 送付先ID (the API's basketId), then 商品明細ID (itemDetailId), and each order becomes the
/// API's ``OrderModel``, so that it is mapped, totalled and shown as a fetched order is.
///
/// Every line of the file is accounted for: the header, a blank line, a line of an order, a line
/// that repeats another exactly, or a line refused with why. An order any of whose lines cannot be
/// read is refused whole; a value that is odd but not needed to tell or total the order is kept as
/// a problem of the order (it comes in 要確認, and the next API read fills it).
public enum RMSOrderCSV {
    public struct File: Sendable {
        public let encoding: FileEncoding
        /// The lines after the header.
        public let dataLines: Int
        public let orders: [ReadOrder]
        /// Lines that belong to no order (no 注文番号), with why.
        public let looseRefusals: [(line: Int, reason: String)]
        public let blankLines: [Int]
        /// Lines that repeat an earlier line of the same item exactly: read once.
        public let repeatedLines: [Int]
        /// Header names Juchu does not read.
        public let unknownColumns: [String]
        /// The columns Juchu reads that the file has.
        let columns: Set<Column>

        /// Whether a line or an order of the file is refused (the store has no say in it).
        public var refusesSomething: Bool {
            !looseRefusals.isEmpty || orders.contains { if case .refused = $0.content { true } else { false } }
        }

        /// Every data line, once: those of the orders, the loose refusals, the blank and repeated.
        public var accountedLines: Int {
            orders.reduce(0) { $0 + $1.lines.count } + looseRefusals.count + blankLines.count + repeatedLines.count
        }
    }

    /// One order of the file: its lines, and what it reads as.
    public struct ReadOrder: Sendable {
        public let number: String
        public let lines: [Int]
        public let content: Content

        public enum Content: Sendable {
            /// The order as the API would give it, with what of it could not be read (line and column).
            case model(OrderModel, problems: [String])
            /// Not taken: why, with the line.
            case refused(String)
        }
    }

    /// Reads a whole file. A file that is not text, not this CSV (the old format, a missing
    /// column) or whose quotes never close is an error naming the line; a bad order is not.
    public static func read(_ bytes: [UInt8]) throws(FileFormatError) -> File {
        let (text, encoding) = try FileText.decode(bytes)
        // Lines ended by CR alone (an old Mac's) end no record: the whole file would read as its header.
        if bytes.contains(0x0D), !bytes.contains(0x0A) {
            throw FileFormatError(line: 1, "改行がCRだけです（CRLFかLFで保存し直してください）")
        }
        let records = try CSV.records(text)
        guard let first = records.first else { throw FileFormatError("空のファイルです") }
        let header = try Header(first.fields)
        var blank: [Int] = []
        var loose: [(Int, String)] = []
        var rowsByOrder: [String: [Row]] = [:]
        var orderOfNumbers: [String] = []
        for record in records.dropFirst() {
            if record.fields.allSatisfy(Self.isBlank) {
                blank.append(record.line)
                continue
            }
            let row = Row(line: record.line, fields: record.fields, header: header)
            let number = row.text(.orderNumber)
            guard !number.isEmpty else {
                loose.append((record.line, "注文番号がありません"))
                continue
            }
            if rowsByOrder[number] == nil { orderOfNumbers.append(number) }
            rowsByOrder[number, default: []].append(row)
        }
        let rowsOfOrders = rowsByOrder
        let read = inParts(orderOfNumbers) { number in
            let rows = rowsOfOrders[number]!
            let (content, repeats) = OrderRows(number: number, rows: rows).read()
            return (ReadOrder(number: number, lines: rows.map(\.line).filter { !repeats.contains($0) }, content: content), repeats)
        }
        let orders = read.map(\.0)
        let repeated = read.flatMap(\.1)
        return File(
            encoding: encoding, dataLines: records.count - 1, orders: orders, looseRefusals: loose, blankLines: blank,
            repeatedLines: repeated.sorted(), unknownColumns: header.unknown, columns: header.columns)
    }
}

extension RMSOrderCSV {
    /// A field of nothing but spaces (a full-width one too): ASCII ones told by their bytes, the
    /// rest as Foundation tells whitespace. A line's first field is nearly always its 注文番号.
    static func isBlank(_ field: String) -> Bool {
        var asciiOnly = true
        for byte in field.utf8 {
            if byte >= 0x80 {
                asciiOnly = false
                break
            }
            if byte != 0x20, byte != 0x09 { return false }
        }
        return asciiOnly || field.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// `transform` of each element, in order, on every core: a day's download is tens of
    /// thousands of orders, each read alone.
    static func inParts<T: Sendable, R: Sendable>(_ elements: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, elements.count / 500))
        guard parts > 1 else { return elements.map(transform) }
        let size = (elements.count + parts - 1) / parts
        let done = Mutex<[Int: [R]]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = elements[min(part * size, elements.count)..<min((part + 1) * size, elements.count)]
            let mapped = slice.map(transform)
            done.withLock { $0[part] = mapped }
        }
        return done.withLock { results in (0..<parts).flatMap { results[$0] ?? [] } }
    }

    /// One record, read by column name.
    struct Row: Sendable {
        let line: Int
        let fields: [String]
        let header: Header

        /// The field's text, with the ASCII spaces and tabs at its ends taken off (a full-width
        /// space is the buyer's, as the API keeps it) and its line breaks as the API writes them
        /// (LF); empty when the file lacks the column or the row is short.
        func text(_ column: Column) -> String {
            guard let index = header.position(of: column), index < fields.count else { return "" }
            var field = fields[index]
            if field.utf8.contains(0x0D) { field = field.replacingOccurrences(of: "\r\n", with: "\n") }
            // Most fields have no space at either end: those are not copied.
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            guard let first = field.utf8.first, let last = field.utf8.last, blank(first) || blank(last) else { return field }
            let bytes = Array(field.utf8)
            guard let start = bytes.firstIndex(where: { !blank($0) }), let end = bytes.lastIndex(where: { !blank($0) }) else { return "" }
            return String(decoding: bytes[start...end], as: UTF8.self)
        }

        func has(_ column: Column) -> Bool { header.position(of: column) != nil }

        var widthProblem: String? {
            fields.count == header.width ? nil : "\(line)行目: 列の数が \(fields.count) で、見出しの \(header.width) と違います"
        }
    }

    /// A value that must be read for the order to be told or totalled, and could not be.
    struct Refusal: Error {
        let reason: String
    }
}
