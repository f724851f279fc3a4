import Foundation

/// getOrder in batches of 100.
extension RakutenPayClient {
    /// What getOrder returned for a list of numbers, whatever its length.
    public struct FetchedOrders: Sendable {
        public var orders: [FetchedOrder] = []
        /// Orders RMS sent that could not be read, by number and key path.
        public var failures: [OrderDecodingFailure] = []
        /// Numbers RMS did not return.
        public var missing: [String] = []
    }

    /// One order as decoded, with the exact JSON RMS sent for it (kept so the mapping can be redone).
    public struct FetchedOrder: Sendable {
        public let model: OrderModel
        public let rawJSON: [UInt8]
    }

    /// One call: at most 100 numbers.
    public func getOrder(_ numbers: [String]) async throws -> GetOrderResponse {
        try await getOrderKeepingBody(numbers).response
    }

    func getOrderKeepingBody(_ numbers: [String]) async throws -> (response: GetOrderResponse, body: [UInt8]) {
        precondition(numbers.count <= GetOrderRequest.maximumOrders, "getOrder takes at most 100 numbers")
        return try await callKeepingBody(
            .getOrder, GetOrderRequest(orderNumberList: numbers, version: configuration.getOrderVersion),
            as: GetOrderResponse.self)
    }

    /// Every order of `numbers`, 100 per call. `progress` is told after each call.
    public func getOrders(
        _ numbers: [String], progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> FetchedOrders {
        var result = FetchedOrders()
        var done = 0
        for batch in numbers.chunked(into: GetOrderRequest.maximumOrders) {
            let (response, body) = try await getOrderKeepingBody(batch)
            let fetched = try Self.fetchedOrders(response, body: body)
            result.orders += fetched.orders
            result.failures += fetched.failures
            let returned = Set(response.orders.map(\.orderNumber))
                .union(response.failures.compactMap(\.orderNumber))
            result.missing += batch.filter { !returned.contains($0) }
            done += batch.count
            progress(done, numbers.count)
        }
        return result
    }
}

extension RakutenPayClient {
    /// The orders of one getOrder answer, each with its exact bytes (unknown keys included), so
    /// that the mapping can be redone from them. `body` is the answer `response` was read from.
    public static func fetchedOrders(_ response: GetOrderResponse, body: [UInt8]) throws -> FetchedOrders {
        try body.withUnsafeBufferPointer { try fetchedOrders(response, bytes: $0) }
    }

    /// Reads a getOrder answer as the client does: the orders, their exact bytes, and the failures.
    public static func fetchedOrders(fromBody body: [UInt8]) throws -> FetchedOrders {
        try body.withUnsafeBufferPointer { try fetchedOrders(fromBytes: $0) }
    }

    /// The same for an answer kept as Data (read where it lies, not copied first).
    public static func fetchedOrders(fromBody body: Data) throws -> FetchedOrders {
        try body.withUnsafeBytes { try fetchedOrders(fromBytes: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    private static func fetchedOrders(fromBytes bytes: UnsafeBufferPointer<UInt8>) throws -> FetchedOrders {
        try fetchedOrders(JSONCoding.decoder.decode(GetOrderResponse.self, from: bytes), bytes: bytes)
    }

    private static func fetchedOrders(_ response: GetOrderResponse, bytes: UnsafeBufferPointer<UInt8>) throws -> FetchedOrders {
        var result = FetchedOrders()
        let exact = response.orderBytes.count == response.orders.count
        for (index, model) in response.orders.enumerated() {
            // A response not read through the tape (made here, or by Codable) has no byte ranges.
            let raw = exact ? Array(bytes[response.orderBytes[index]]) : try Array(JSONCoding.encoder.encode(model))
            result.orders.append(FetchedOrder(model: model, rawJSON: raw))
        }
        result.failures = response.failures
        if response.failureBytes.count == response.failures.count {
            for index in result.failures.indices { result.failures[index].rawJSON = Array(bytes[response.failureBytes[index]]) }
        }
        return result
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    public func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
