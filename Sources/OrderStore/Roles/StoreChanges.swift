/// The store's role of saying that orders changed: a desk asks it every 0.3 s and reads its page
/// again when the answer moves. SQLite's store counts every change in the file; PostgreSQL's
/// hears them from the server (LISTEN/NOTIFY), from every host.
public protocol StoreChanges: Sendable {
    /// A number that moves whenever any process changes an order (or when changes may have been
    /// missed: the reader then reads again).
    func changeCount() throws -> Int64
}

extension OrderStore: StoreChanges {}
