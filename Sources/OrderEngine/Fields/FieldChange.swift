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
        "\(field.label) \(field.displayText(of: before))→\(field.displayText(of: after))"
    }
}

extension Order {
    /// The journalled fields that differ between this order and `other`, in ``OrderField`` order.
    public func changes(to other: Order) -> [FieldChange] {
        OrderField.allCases.compactMap { field in
            // Items are text made from the packages: packages left as they were (nearly every
            // action's case, and the same storage then) need no text made to say so.
            if field == .items, packages == other.packages { return nil }
            let before = field.value(in: self)
            let after = field.value(in: other)
            return before == after ? nil : FieldChange(field: field, before: before, after: after)
        }
    }
}
