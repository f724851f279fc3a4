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
