import Foundation

/// Runs blocking work (a database writer, waiting for a process) on a thread of its own. Async
/// tests share Swift's cooperative pool, one thread per core — two here: blocking on it would
/// starve the sandbox, the relay and every other test.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}
