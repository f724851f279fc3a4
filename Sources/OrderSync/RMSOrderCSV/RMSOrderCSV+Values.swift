import Foundation
import OrderEngine
import RakutenPay

extension RMSOrderCSV {
    /// Reads fields as the API's values. What must be read to tell or total an order refuses it
    /// when it cannot be (``required(_:_:)``); anything else odd is noted in ``problems`` (line and
    /// column) and read as the API's default, never guessed into a value.
    struct Values {
        private(set) var problems: [String] = []

        private mutating func note(_ row: Row, _ column: Column, _ what: String) {
            problems.append("\(row.line)行目 \(column.rawValue): \(what)")
        }

        /// A whole number: digits with an optional minus (−9999, RMS's unset, included).
        static func integer(_ text: String) -> Int? {
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }

        func required(_ row: Row, _ column: Column) throws(Refusal) -> Int {
            let text = row.text(column)
            guard let value = Self.integer(text) else {
                throw Refusal(reason: "\(row.line)行目: \(column.rawValue)「\(text)」が数ではありません")
            }
            return value
        }

        mutating func optional(_ row: Row, _ column: Column) -> Int? {
            let text = row.text(column)
            guard !text.isEmpty else { return nil }
            guard let value = Self.integer(text) else {
                note(row, column, "「\(text)」は数ではありません")
                return nil
            }
            return value
        }

        /// A count the API has no unset for (points, a coupons' total): RMS's −9999 is noted and read as 0.
        mutating func count(_ row: Row, _ column: Column) -> Int? {
            guard let value = optional(row, column) else { return nil }
            guard value >= 0 else {
                note(row, column, "「\(value)」は未確定の値です。0として読みました")
                return 0
            }
            return value
        }

        /// Notes a column the file does not have, and what was read in its place.
        mutating func noteMissing(_ row: Row, _ column: Column, read: String) {
            if !row.has(column) { note(row, column, "列がありません。\(read)として読みました") }
        }

        /// An amount; unset (−9999, as RMS says it) where the file lacks it or it is odd.
        mutating func money(_ row: Row, _ column: Column) -> Int {
            optional(row, column) ?? Money.rakutenUnsetSentinel
        }

        func text(_ row: Row, _ column: Column) -> String? {
            let text = row.text(column)
            return text.isEmpty ? nil : text
        }

        /// 0 or 1 (or the words RMS may write for them).
        mutating func flag(_ row: Row, _ column: Column, default fallback: Int = 0, words: [String: Int] = [:]) -> Int {
            let text = row.text(column)
            guard !text.isEmpty else { return fallback }
            if let value = Self.integer(text) ?? words[text] { return value }
            note(row, column, "「\(text)」はフラグ（0・1）ではありません")
            return fallback
        }

        /// A tax rate as a fraction: 0.1 from 「0.1」, 「10」 or 「10%」.
        mutating func rate(_ row: Row, _ column: Column) -> Double? {
            var text = row.text(column)
            guard !text.isEmpty else { return nil }
            let percent = text.hasSuffix("%") || text.hasSuffix("％")
            if percent { text.removeLast() }
            guard let number = Double(text), number >= 0, number <= 100 else {
                note(row, column, "「\(row.text(column))」は税率ではありません")
                return nil
            }
            return percent || number >= 1 ? number / 100 : number
        }

        /// A Japan time: 「2026-12-01 10:23:45」, 「2026/12/01 10:23」 or the API's own form.
        mutating func dateTime(_ row: Row, _ column: Column) -> RakutenDateTime? {
            let text = row.text(column)
            guard !text.isEmpty else { return nil }
            if let parsed = RakutenDateTime(parsing: text) ?? Self.japanTime(text) { return parsed }
            note(row, column, "「\(text)」は日時ではありません")
            return nil
        }

        /// 注文日 and 注文時間, when the file has them instead of 注文日時.
        mutating func dateTime(_ row: Row, date: Column, time: Column) -> RakutenDateTime? {
            let day = row.text(date), clock = row.text(time)
            guard !day.isEmpty else { return nil }
            return Self.japanTime("\(day) \(clock)")
        }

        mutating func date(_ row: Row, _ column: Column) -> RakutenDate? {
            let text = row.text(column)
            guard !text.isEmpty else { return nil }
            let parts = Self.numbers(text)
            if parts.count == 3, let date = RakutenDate(year: parts[0], month: parts[1], day: parts[2]) { return date }
            note(row, column, "「\(text)」は日付ではありません")
            return nil
        }

        static func numbers(_ text: String) -> [Int] {
            text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).prefix(7).compactMap { Int($0.prefix(6)) }
        }

        /// Year, month, day, then hour and minute (and second) if given, in Japan.
        static func japanTime(_ text: String) -> RakutenDateTime? {
            let parts = numbers(text)
            guard parts.count >= 3, parts.count <= 6, parts[0] >= 1000, CivilDate.isValid(year: parts[0], month: parts[1], day: parts[2]) else {
                return nil
            }
            let clock = Array(parts.dropFirst(3)) + Array(repeating: 0, count: 6 - parts.count)
            guard clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
            let local = Int64(CivilDate.days(year: parts[0], month: parts[1], day: parts[2])) * 86_400
                + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
            return RakutenDateTime(epochSeconds: local - Int64(RakutenDateTime.japanOffsetMinutes * 60))
        }

        mutating func wrapping(
            _ row: Row, title: Column, name: Column, price: Column, includesTax: Column, rate: Column, tax: Column
        ) -> WrappingModel? {
            guard let wrappingName = text(row, name) else { return nil }
            return WrappingModel(
                title: optional(row, title) ?? 1, name: wrappingName, price: money(row, price),
                includeTaxFlag: flag(row, includesTax, default: 1, words: ["税込": 1, "税別": 0]), deleteWrappingFlag: 0,
                taxRate: self.rate(row, rate), taxPrice: optional(row, tax))
        }

        /// 10 %, 8 % and 0 %: RMS's per-rate totals, where the file has them.
        mutating func taxSummaries(_ row: Row) -> [TaxSummaryModel]? {
            let rates: [(Double, [Column])] = [
                (0.1, [.tax10Request, .tax10RequestTax, .tax10Total, .tax10PaymentCharge, .tax10Coupon, .tax10Points]),
                (0.08, [.tax8Request, .tax8RequestTax, .tax8Total, .tax8PaymentCharge, .tax8Coupon, .tax8Points]),
                (0, [.tax0Request, .tax0RequestTax, .tax0Total, .tax0PaymentCharge, .tax0Coupon, .tax0Points]),
            ]
            let summaries = rates.compactMap { rate, columns -> TaxSummaryModel? in
                guard !row.text(columns[0]).isEmpty else { return nil }
                let amounts = columns.map { money(row, $0) }
                return TaxSummaryModel(
                    taxRate: rate, reqPrice: amounts[0], reqPriceTax: amounts[1], totalPrice: amounts[2], paymentCharge: amounts[3],
                    couponPrice: amounts[4], point: amounts[5])
            }
            return summaries.isEmpty ? nil : summaries
        }

        /// Notes a column that should be the same on every row of `rows` and is not.
        mutating func agree(_ rows: [Row], on columns: [Column]) {
            guard let first = rows.first, rows.count > 1 else { return }
            for column in columns where first.has(column) {
                // Byte by byte: a String's == normalises Japanese text first, too slow for every row.
                let value = first.text(column)
                if let other = rows.first(where: { !$0.text(column).utf8.elementsEqual(value.utf8) }) {
                    note(other, column, "\(first.line)行目と違います（「\(first.text(column))」と「\(other.text(column))」）。\(first.line)行目の値で読みました")
                }
            }
        }
    }
}
