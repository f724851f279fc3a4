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

    /// `key`: the shipment key of an order's basket (the store gives each basket one, kept).
    public func file(for orders: [Order], key: (OrderNumber, Int) throws -> String) rethrows -> LabelFile {
        var file = LabelFile(format: format)
        for order in orders {
            if let refusal = LabelEligibility.refusal(of: order, takesConvenienceStores: format.takesConvenienceStores) {
                file.skips.append(.init(order: order.number, reason: refusal))
                continue
            }
            var rows: [LabelFile.Row] = []
            var warnings: [LabelFile.Warning] = []
            var refusal: String?
            for package in order.packages {
                var fields = b2Fields(order, package, key: try key(order.number, package.basketID))
                for (index, value) in fields.enumerated() where !value.isEmpty {
                    if let bad = FileText.firstUnencodable(in: value) {
                        refusal = "\(B2Layout.header[index])に送り状の文字コード（Shift_JIS）にない文字「\(bad)」があります。RMSか注文内容修正で直してください"
                        break
                    }
                    guard let column = B2Layout.Column(rawValue: index + 1), let limit = B2Layout.limits[column],
                        FileText.cp932Length(value) > limit.bytes
                    else { continue }
                    let printed = Self.prefix(value, bytes: limit.bytes)
                    warnings.append(.init(order: order.number, field: limit.label, text: "長すぎるため「\(printed)」まで印字されます"))
                    fields[index] = printed
                }
                if refusal != nil { break }
                rows.append(.init(order: order.number, basketID: package.basketID, key: fields[0], fields: fields))
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

    private func b2Fields(_ order: Order, _ package: Package, key: String) -> [String] {
        var fields = Array(repeating: "", count: B2Layout.header.count)
        func set(_ column: B2Layout.Column, _ value: String) { fields[column.rawValue - 1] = value }
        let destination = package.destination
        set(.key, key)
        let slipType = B2Layout.slipType(order)
        set(.slipType, slipType)
        set(.cool, "0")
        set(.shipDate, B2Layout.date(order.dates[.plannedShipmentDate] ?? today))
        set(.deliveryDate, B2Layout.date(order.delivery?.date))
        set(.timeSlot, B2Layout.timeSlot(order.delivery?.timeSlot))
        set(.phone, Self.phone(destination.phoneNumber))
        set(.zipCode, Self.zipCode(destination.zipCode))
        let address = Self.clean("\(destination.prefecture)\(destination.city)\(destination.subAddress)")
        // The address goes on its line; what B2 cannot print there goes on the building's.
        let limit = B2Layout.limits[.address]!.bytes
        if FileText.cp932Length(address) > limit {
            let first = Self.prefix(address, bytes: limit)
            set(.address, first)
            set(.building, String(address.dropFirst(first.count)))
        } else {
            set(.address, address)
        }
        set(.name, Self.clean(destination.fullName))
        set(.honorific, "様")
        set(.senderPhone, Self.phone(sender.phone))
        set(.senderZipCode, Self.zipCode(sender.zipCode))
        set(.senderAddress, Self.clean(sender.address))
        set(.senderName, Self.clean(sender.name))
        let items = package.items.map { Self.clean($0.name) }
        set(.itemName1, items.first ?? "")
        if items.count == 2 { set(.itemName2, items[1]) } else if items.count > 2 { set(.itemName2, "他\(items.count - 1)点") }
        if let place = package.handling?.dropOffLocation { set(.note, Self.clean("置き配:\(place)")) }
        if slipType == "2" || slipType == "9", let amount = order.requestPrice.yen {
            // What RMS says to collect: 請求金額 (goods, postage, fees, less coupons and points).
            set(.collectAmount, String(amount))
        }
        set(.issueCount, "1")
        set(.customerCode, sender.yamatoCustomerCode)
        set(.freightNumber, sender.yamatoFreightNumber)
        return fields
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
