import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay

/// Whole getOrder answers into a store at the speed of a bulk load: what the benchmarks' million-
/// order store and the import tests are built with (a fetch imports through ``OrderImport/incoming``).
extension OrderImport {
    /// Imports whole getOrder answers. Two threads decode the answers, in order, at most
    /// `decodingAhead` chunks ahead of the one being written. The writer is the one thread that
    /// must never wait: the decoding threads run at a lower priority, so that on two cores the
    /// writer keeps one to itself and decoding takes the rest (with equal shares the writer was on
    /// a core 80 % of its time in a 300,000-order import; 85–88 % then, the rest waiting on disk,
    /// which SQLite's ``OrderStore/withBulkImport(logLimit:_:)`` now leaves to a checkpointing thread).
    @discardableResult
    public static func importBodies(
        _ bodies: [Data], into store: some StoreImporting, localStatus: LocalStatus = .newOrder, perTransaction: Int = 20,
        decodingAhead: Int = 3
    ) throws -> OrderStore.ImportSummary {
        let chunks = stride(from: 0, to: bodies.count, by: perTransaction).map { Array(bodies[$0..<min(bodies.count, $0 + perTransaction)]) }
        let decoding = ChunkDecoding(count: chunks.count, ahead: decodingAhead) { index in
            try chunks[index].flatMap { OrderImport.incoming(try RakutenPayClient.fetchedOrders(fromBody: $0), localStatus: localStatus) }
        }
        defer { decoding.stop() }
        return try store.withBulkImport {
            var summary = OrderStore.ImportSummary()
            for index in chunks.indices {
                let incoming = try decoding.take(index)
                let part = try store.importOrders(incoming)
                decoding.discard(incoming)
                summary.inserted += part.inserted
                summary.alreadyPresent += part.alreadyPresent
            }
            return summary
        }
    }
}
