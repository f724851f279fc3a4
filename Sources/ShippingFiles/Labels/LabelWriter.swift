import Foundation
import OrderEngine

/// Builds a carrier's label file from orders: a row per basket with its shipment key, orders the
/// label rules refuse skipped with the reason, a character the encoding cannot hold refusing its
/// order (named: order, field, character), a field over the carrier's length warned with what
/// will be printed.
public struct LabelWriter: Sendable {
    public let format: LabelFormat
    public let sender: LabelSender
    /// The day labels are made: 出荷予定日 when the order has none.
    public let today: CalendarDate

    public init(format: LabelFormat, sender: LabelSender, today: CalendarDate) {
        self.format = format
        self.sender = sender
        self.today = today
    }

    /// `keys`: the shipment keys of the baskets that get rows, asked for once, in their order (the
    /// store gives each basket one, and the same one again: ``OrderStore/shipmentKeys(for:)``).
    public func file(for orders: [Order], keys: ([(order: OrderNumber, basketID: Int)]) throws -> [String]) rethrows -> LabelFile {
        let layout = format.layout(sender)
        var file = LabelFile(format: format, layout: layout)
        var labelled: [Order] = []
        for order in orders {
            if let refusal = LabelEligibility.refusal(of: order, takesConvenienceStores: format.takesConvenienceStores) ?? layout.refusal(of: order, settings: sender) {
                file.skips.append(.init(order: order.number, reason: refusal))
            } else {
                labelled.append(order)
            }
        }
        let baskets = labelled.flatMap { order in order.packages.map { (order: order.number, basketID: $0.basketID) } }
        var given = try keys(baskets).makeIterator()
        for order in labelled {
            var rows: [LabelFile.Row] = []
            var warnings: [LabelFile.Warning] = []
            var refusal: String?
            for package in order.packages {
                let basket = LabelBasket(order: order, package: package, key: given.next() ?? "", sender: sender, today: today)
                var (fields, notes) = layout.fields(basket)
                warnings += notes.map { .init(order: order.number, field: "手入力", text: $0) }
                for (index, value) in fields.enumerated() where !value.isEmpty {
                    if let bad = FileText.firstUnencodable(in: value) {
                        refusal = "\(layout.header[index])に送り状の文字コード（Shift_JIS）にない文字「\(bad)」があります。RMSか注文内容修正で直してください"
                        break
                    }
                    guard let limit = layout.limits[index], FileText.cp932Length(value) > limit else { continue }
                    let printed = Self.prefix(value, bytes: limit)
                    warnings.append(.init(order: order.number, field: layout.header[index], text: "長すぎるため「\(printed)」まで印字されます"))
                    fields[index] = printed
                }
                if refusal != nil { break }
                rows.append(.init(order: order.number, basketID: package.basketID, key: basket.key, fields: fields))
            }
            if let refusal {
                file.skips.append(.init(order: order.number, reason: refusal))
            } else {
                file.rows += rows
                file.warnings += warnings
            }
        }
        return file
    }

    /// Text as the carriers' software takes it: no line breaks, no double quotes, no commas (peers
    /// strip them; B2 reads a quoted comma, other tools do not).
    static func clean(_ text: String) -> String {
        let unwanted = text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x2C || $0 == 0x22 }
        let cleaned = unwanted ? String(text.map { "\r\n,\"".contains($0) ? " " : $0 }) : text
        guard cleaned.first?.isWhitespace == true || cleaned.last?.isWhitespace == true else { return cleaned }
        return cleaned.trimmingCharacters(in: .whitespaces)
    }

    /// A phone number with its hyphens as given; +81 taken back to the leading 0.
    static func phone(_ text: String) -> String {
        text.hasPrefix("+81") ? "0" + text.dropFirst(3).drop { $0 == "-" || $0 == " " } : text
    }

    /// 1234567 → 123-4567.
    static func zipCode(_ text: String) -> String {
        let digits = text.filter(\.isNumber)
        return digits.count == 7 ? "\(digits.prefix(3))-\(digits.suffix(4))" : text
    }

    /// The longest start of `text` within `bytes` CP932 bytes.
    static func prefix(_ text: String, bytes: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let size = FileText.cp932Length(String(character))
            guard used + size <= bytes else { break }
            result.append(character)
            used += size
        }
        return result
    }
}
