import OrderEngine

/// The store's importing role: new orders in, each with its content, its terms for the search,
/// the journal line of its arrival and the counts per status, in one transaction; an order
/// already there is left as it is (a fetch never overwrites). Each backend writes the same rows —
/// proved by the conformance suite, table by table.
public protocol StoreImporting: Sendable {
    /// Stores the orders of `incoming` not yet in the store; the others are counted, not touched.
    func importOrders(_ incoming: [OrderStore.Incoming], action: JournalKind) throws -> OrderStore.ImportSummary
    /// The raw JSON RMS sent for an order when it was imported (nil: none, or no such order).
    func rawJSON(of number: OrderNumber) throws -> [UInt8]?
    /// Runs `body`, an import of many thousands of orders, as the backend takes one best.
    func withBulkImport<T>(_ body: () throws -> T) throws -> T
}

extension StoreImporting {
    /// Stores new orders as a fetch brings them.
    @discardableResult
    public func importOrders(_ incoming: [OrderStore.Incoming]) throws -> OrderStore.ImportSummary {
        try importOrders(incoming, action: .action(.fetch))
    }
}

extension OrderStore: StoreImporting {}
