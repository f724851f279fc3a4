import Dispatch
import Foundation
import RakutenPay
import RMSSandbox
import Synchronization

/// getOrder answers of generated orders, 100 to an answer as RMS sends them, for the benchmarks.
enum GeneratedAnswers {
    /// The answers for `orders`, encoded on every core as the sandbox encodes them (keys in the
    /// order RMS writes them). Encoding takes longer than an import.
    static func bodies(of orders: [OrderModel]) throws -> [Data] {
        let answers = orders.chunked(into: 100)
        let encoded = Mutex([Result<Data, any Error>?](repeating: nil, count: answers.count))
        DispatchQueue.concurrentPerform(iterations: answers.count) { index in
            let body = Result { try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: answers[index], version: 10)) }
            encoded.withLock { $0[index] = body }
        }
        return try encoded.withLock { results in try results.map { try $0!.get() } }
    }

    /// The answers for `count` new orders placed 30 seconds apart back from now. Orders are made
    /// 100,000 at a time: a million orders' models at once would take gigabytes more.
    static func newOrders(count: Int, seed: UInt64) throws -> [Data] {
        var generator = OrderGenerator(seed: seed, settings: .init(shopID: "398211"))
        let now = RakutenDateTime(Date())
        let round = 100_000
        var bodies: [Data] = []
        for first in stride(from: 0, to: count, by: round) {
            let orders = (first..<min(count, first + round)).map { generator.newOrder(placedAt: now.adding(seconds: -Int64($0 * 30))) }
            bodies += try Self.bodies(of: orders)
            if count > round { FileHandle.standardError.write(Data("\r  注文を生成中 \(first + orders.count)/\(count)件".utf8)) }
        }
        if count > round { FileHandle.standardError.write(Data("\n".utf8)) }
        return bodies
    }
}
