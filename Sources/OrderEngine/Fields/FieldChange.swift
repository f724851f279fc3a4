/// One field of one order going from `before` to `after`.
public struct FieldChange: Sendable, Hashable, Codable {
    public let field: OrderField
    public let before: FieldValue
    public let after: FieldValue

    public init(field: OrderField, before: FieldValue, after: FieldValue) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// 「配送業者 （なし）→ヤマト運輸」: the field and both values as the operator reads them.
    public var displayText: String {
        // A push: what it sends, field by field.
        if field == .pendingEdit, case .text(let text?) = before, case .text(nil) = after, let edit = PendingEdit(text: text), !edit.lines.isEmpty {
            return "RMSに反映: " + edit.lines.joined(separator: "、")
        }
        return "\(field.label) \(field.displayText(of: before))→\(field.displayText(of: after))"
    }
}

extension Order {
    /// The journalled fields that differ between this order and `other`, in ``OrderField`` order.
    public func changes(to other: Order) -> [FieldChange] {
        OrderField.allCases.compactMap { field in
            // Items are text made from the packages: packages left as they were (nearly every
            // action's case, and the same storage then) need no text made to say so.
            if field == .items || field == .destinations, packages == other.packages { return nil }
            // Made as JSON: compared first as they are.
            if field == .orderer, orderer == other.orderer { return nil }
            if field == .pendingEdit, pendingEdit == other.pendingEdit { return nil }
            if field.isDeliveryDetail, delivery == other.delivery { return nil }
            let before = field.value(in: self)
            let after = field.value(in: other)
            return before == after ? nil : FieldChange(field: field, before: before, after: after)
        }
    }
}
