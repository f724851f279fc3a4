import OrderEngine

/// The store's reading role, as the grid asks it: pages of orders in the grid's order (newest
/// first, a page after a key), counts, and rows by number. Each backend translates the same
/// ``GridFilter`` (``SQLDialect``) and finds the same orders, in the same order — proved by the
/// conformance suite.
public protocol StoreQuerying: Sendable {
    /// Up to `limit` rows of `filter` after `key` (from the top when nil), newest first.
    func page(_ filter: GridFilter, after key: GridKey?, limit: Int) throws -> [OrderRow]
    /// How many orders `filter` finds.
    func count(_ filter: GridFilter) throws -> Int
    /// How many orders each local status holds.
    func countsByStatus() throws -> [LocalStatus: Int]
    /// The current rows of `numbers` (those the store has).
    func rows(_ numbers: [OrderNumber]) throws -> [OrderNumber: OrderRow]
}

extension StoreQuerying {
    /// The first `limit` rows of `filter`, newest first.
    public func page(_ filter: GridFilter, limit: Int) throws -> [OrderRow] {
        try page(filter, after: nil, limit: limit)
    }
}

extension OrderStore: StoreQuerying {}
