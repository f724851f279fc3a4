import Foundation
import OrderEngine

/// Builds a carrier's label file from orders: a row per parcel (``LabelParcel``: a basket, or a
/// bundle's baskets as one) with its shipment key, orders the label rules or the carrier's layout
/// refuse skipped with the reason, a character the encoding cannot hold refusing its order
/// (named: order, field, character), a field over the carrier's length warned with what will be
/// printed, and what the operator must set by hand.
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

    /// `keys`: the shipment keys of the parcels that get rows — each parcel's baskets (one, or a
    /// bundle's), asked for once, in their order (the store gives each the same key again:
    /// ``OrderStore/shipmentKeys(for:)``).
    public func file(for orders: [Order], keys: ([[ShipmentTarget]]) throws -> [String]) rethrows -> LabelFile {
        let layout = format.layout(sender)
        var file = LabelFile(format: format, layout: layout)
        let (parcels, refusals) = LabelParcel.make(orders, takesConvenienceStores: format.takesConvenienceStores)
        var refused: [OrderNumber: String] = Dictionary(refusals.map { ($0.order, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var labelled: [LabelParcel] = []
        for parcel in parcels {
            if let refusal = layout.refusal(of: parcel, settings: sender) {
                for target in parcel.targets where refused[target.order] == nil { refused[target.order] = refusal }
            } else {
                labelled.append(parcel)
            }
        }
        // An order with several baskets is written whole or not at all.
        labelled.removeAll { parcel in parcel.targets.contains { refused[$0.order] != nil } }
        var given = try keys(labelled.map(\.targets)).makeIterator()
        var rows: [OrderNumber: [LabelFile.Row]] = [:]
        var warnings: [OrderNumber: [LabelFile.Warning]] = [:]
        for parcel in labelled {
            let basket = LabelBasket(parcel: parcel, key: given.next() ?? "", sender: sender, today: today)
            let members = parcel.members.map(\.order.number)
            var (fields, notes) = layout.fields(basket)
            var found: [(field: String, text: String)] = (parcel.notes + notes).map { ("手入力", $0) }
            var refusal: String?
            for (index, value) in fields.enumerated() where !value.isEmpty {
                if let bad = FileText.firstUnencodable(in: value) {
                    refusal = "\(layout.header[index])に送り状の文字コード（Shift_JIS）にない文字「\(bad)」があります。RMSか注文内容修正で直してください"
                    break
                }
                // The mark a formula-like value gets when written (``CSV/field(_:)``) counts in the limit.
                guard let limit = layout.limits[index].map({ CSV.neutralises(value) ? $0 - 1 : $0 }), FileText.cp932Length(value) > limit else { continue }
                let printed = Self.prefix(value, bytes: limit)
                found.append((layout.header[index], "長すぎるため「\(printed)」まで印字されます"))
                fields[index] = printed
            }
            if let refusal {
                for member in members where refused[member] == nil { refused[member] = refusal }
                continue
            }
            let row = LabelFile.Row(targets: parcel.targets, key: basket.key, fields: fields)
            for member in Set(members) {
                rows[member, default: []].append(row)
                warnings[member, default: []] += found.map { LabelFile.Warning(order: member, field: $0.field, text: $0.text) }
            }
        }
        // In the orders' order: each order's rows (a bundle's row once, under its lead), then its warnings.
        var written: Set<[ShipmentTarget]> = []
        for order in orders {
            if let reason = refused[order.number] {
                file.skips.append(.init(order: order.number, reason: reason))
                continue
            }
            for row in rows[order.number] ?? [] where written.insert(row.targets).inserted { file.rows.append(row) }
            file.warnings += warnings[order.number] ?? []
        }
        return file
    }

    /// Text as the carriers' software takes it, on one line: line breaks, tabs and other controls,
    /// double quotes and commas become spaces (peers strip them; B2 reads a quoted comma, other
    /// tools do not), invisible format characters (direction marks, zero-width joiners) go, and
    /// the ends are trimmed. Looked at scalar by scalar: "\r\n" is one Character.
    static func clean(_ text: String) -> String {
        let unwanted = text.unicodeScalars.contains { isSpaced($0) || isInvisible($0) }
        guard unwanted || text.first?.isWhitespace == true || text.last?.isWhitespace == true else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isInvisible(scalar) {
            scalars.append(isSpaced(scalar) ? " " : scalar)
        }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }

    private static func isSpaced(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "," || scalar == "\""
    }

    /// A format character (Cf: direction marks, zero-width joiners); ASCII, kana and kanji and
    /// full-width forms — nearly every character of a label — are known not to be one.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0xAD, 0xAE..<0x600, 0x3000...0x9FFF, 0xFF00...0xFFEF: false
        default: scalar.properties.generalCategory == .format
        }
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
