import Foundation
import OrderEngine

/// One field of one order changed by one action: who, when, before and after.
public struct JournalEntry: Sendable, Hashable {
    public let id: Int64
    public let batchID: String
    public let at: Date
    public let operatorName: String
    public let action: String
    public let orderNumber: OrderNumber
    public let field: String
    public let before: String
    public let after: String
    /// False for what left the machine (confirm, cancel, shipping report).
    public let undoable: Bool
}

extension JournalEntry {
    /// The journal's columns an entry is read from.
    public static let columns = "id, batch_id, at, operator, action, order_number, field, before_value, after_value, undoable"

    /// The entry a row of ``columns`` holds, its values in the words of the field they belong to.
    public init(reading row: some StoredRowReading) throws {
        do {
            try self.init(columns: row)
        } catch let empty as EmptyColumn {
            throw empty.said("注文 \(try row.text("order_number") ?? "?") の履歴")
        }
    }

    private init(columns row: some StoredRowReading) throws {
        let fieldID = try row.requiredText("field")
        let field = OrderField(rawValue: fieldID)
        func text(_ stored: String) -> String {
            guard let value = FieldValue(journalText: stored) else { return stored }
            return field?.displayText(of: value) ?? value.displayText
        }
        self.init(
            id: try row.requiredInteger("id"), batchID: try row.requiredText("batch_id"),
            at: Date(timeIntervalSince1970: Double(try row.requiredInteger("at")) / 1000),
            operatorName: try row.requiredText("operator"), action: try row.requiredText("action"),
            orderNumber: OrderNumber(try row.requiredText("order_number")),
            field: field?.label ?? fieldID, before: text(try row.requiredText("before_value")), after: text(try row.requiredText("after_value")),
            undoable: try row.requiredInteger("undoable") != 0)
    }
}
