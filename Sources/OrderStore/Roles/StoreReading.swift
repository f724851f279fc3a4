import OrderEngine

/// The store's reading role for whole orders and their history: what the detail, a preview and
/// the rules read. Each backend builds an order back from the same columns (``OrderRecord``) and
/// an entry from the same journal columns — proved by the conformance suite.
public protocol StoreReading: Sendable {
    /// The orders of `numbers` that exist, in the same order; with `content` false, orders from RMS
    /// carry their state and orderer's name only (no JSON read).
    func orders(_ numbers: [OrderNumber], content: Bool) throws -> [Order]
    /// The journal of one order, oldest first.
    func journal(of number: OrderNumber) throws -> [JournalEntry]
}

extension StoreReading {
    /// The order of `number`, whole; nil when there is none.
    public func order(_ number: OrderNumber) throws -> Order? {
        try orders([number], content: true).first
    }

    /// The orders of `numbers` that exist, whole, in the same order.
    public func orders(_ numbers: [OrderNumber]) throws -> [Order] {
        try orders(numbers, content: true)
    }
}

extension OrderStore: StoreReading {}
