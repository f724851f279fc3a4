import Dispatch
import Foundation
import OrderEngine
import OrderStore
import RakutenPay
import Synchronization

/// Takes getOrder answers into the store: decoded, mapped, stored with their exact JSON.
public enum OrderImport {
    /// The orders of fetched answers, mapped into the local status new orders get.
    public static func incoming(_ fetched: RakutenPayClient.FetchedOrders, localStatus: LocalStatus) -> [OrderStore.Incoming] {
        fetched.orders.map { OrderStore.Incoming(order: Order(rakuten: $0.model, localStatus: localStatus), rawJSON: $0.rawJSON) }
    }

    /// Imports whole getOrder answers. Decoding the next answers runs on another core while the
    /// current ones are written: the two halves take about as long as each other.
    @discardableResult
    public static func importBodies(_ bodies: [Data], into store: OrderStore, localStatus: LocalStatus = .newOrder, perTransaction: Int = 20) throws -> OrderStore.ImportSummary {
        let chunks = stride(from: 0, to: bodies.count, by: perTransaction).map { Array(bodies[$0..<min(bodies.count, $0 + perTransaction)]) }
        @Sendable func decode(_ chunk: [Data]) -> Result<[OrderStore.Incoming], any Error> {
            Result {
                try chunk.flatMap { incoming(try RakutenPayClient.fetchedOrders(fromBody: Array($0)), localStatus: localStatus) }
            }
        }
        var summary = OrderStore.ImportSummary()
        let next = Mutex<Result<[OrderStore.Incoming], any Error>?>(nil)
        let ready = DispatchSemaphore(value: 0)
        func startDecoding(_ index: Int) {
            guard index < chunks.count else { return }
            let chunk = chunks[index]
            DispatchQueue.global().async {
                let result = decode(chunk)
                next.withLock { $0 = result }
                ready.signal()
            }
        }
        startDecoding(0)
        for index in chunks.indices {
            ready.wait()
            let decoded = try next.withLock { $0.take()! }.get()
            startDecoding(index + 1)
            let part = try store.importOrders(decoded)
            summary.inserted += part.inserted
            summary.alreadyPresent += part.alreadyPresent
        }
        return summary
    }
}
