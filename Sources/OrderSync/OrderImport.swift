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

    /// Imports whole getOrder answers. Answers are decoded `decodingAhead` chunks ahead of the
    /// one being written, on other threads: decoding takes more CPU than writing, so with one
    /// chunk ahead the writer waited while a core sat idle.
    @discardableResult
    public static func importBodies(
        _ bodies: [Data], into store: OrderStore, localStatus: LocalStatus = .newOrder, perTransaction: Int = 20,
        decodingAhead: Int = 2
    ) throws -> OrderStore.ImportSummary {
        let chunks = stride(from: 0, to: bodies.count, by: perTransaction).map { Array(bodies[$0..<min(bodies.count, $0 + perTransaction)]) }
        @Sendable func decode(_ chunk: [Data]) -> Result<[OrderStore.Incoming], any Error> {
            Result {
                try chunk.flatMap { incoming(try RakutenPayClient.fetchedOrders(fromBody: Array($0)), localStatus: localStatus) }
            }
        }
        var summary = OrderStore.ImportSummary()
        let decoded = Mutex<[Int: Result<[OrderStore.Incoming], any Error>]>([:])
        let finished = chunks.map { _ in DispatchSemaphore(value: 0) }
        func startDecoding(_ index: Int) {
            guard index < chunks.count else { return }
            let chunk = chunks[index]
            DispatchQueue.global().async {
                let result = decode(chunk)
                decoded.withLock { $0[index] = result }
                finished[index].signal()
            }
        }
        for index in 0..<max(1, decodingAhead) { startDecoding(index) }
        for index in chunks.indices {
            finished[index].wait()
            let incoming = try decoded.withLock { $0.removeValue(forKey: index)! }.get()
            startDecoding(index + max(1, decodingAhead))
            let part = try store.importOrders(incoming)
            summary.inserted += part.inserted
            summary.alreadyPresent += part.alreadyPresent
        }
        return summary
    }
}
