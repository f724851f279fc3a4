import Foundation
import Glibc
import OrderStore
import Synchronization

/// Decodes an import's chunks on two threads of their own, in order and a bounded number ahead of
/// the writer, at a lower priority than the writer. Threads of their own, not Dispatch's pool:
/// a thread's priority can be lowered but not raised again by an ordinary user, and pool threads
/// are shared with the rest of the process.
final class ChunkDecoding: Sendable {
    typealias Decoded = Result<[OrderStore.Incoming], any Error>

    private let decoded = Mutex<[Int: Decoded]>([:])
    private let finished: [DispatchSemaphore]
    /// Chunks that may be decoded before the writer takes the earliest.
    private let room: DispatchSemaphore
    private let next = Atomic<Int>(0)
    /// Chunks the writer is done with, freed by the decoding threads: freeing a chunk's orders
    /// (their strings, arrays and JSON) would otherwise take the writer's time.
    private let written = Mutex<[[OrderStore.Incoming]]>([])
    private let stopped = Atomic<Bool>(false)
    private static let threads = 2

    init(count: Int, ahead: Int, decode: @escaping @Sendable (Int) throws -> [OrderStore.Incoming]) {
        finished = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        // Made at 0 and signalled: Dispatch traps when a semaphore is freed below the value it
        // was made with, which the threads' last waits would leave it.
        room = DispatchSemaphore(value: 0)
        for _ in 0..<max(1, ahead) { room.signal() }
        for _ in 0..<Self.threads {
            let thread = Thread { [self] in
                // Nice 10 weighs about a tenth of the writer when they share a core. (On Linux a
                // priority is a thread's own: 0 names the calling thread.)
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                while true {
                    room.wait()
                    let done = written.withLock { chunks in
                        defer { chunks = [] }
                        return chunks
                    }
                    withExtendedLifetime(done) {}  // freed here, outside the lock
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard !stopped.load(ordering: .relaxed), index < count else { return }
                    let result = Result { try decode(index) }
                    decoded.withLock { $0[index] = result }
                    finished[index].signal()
                }
            }
            thread.name = "juchu.import.decode"
            thread.start()
        }
    }

    /// The chunk at `index`, once decoded; chunks are taken in order.
    func take(_ index: Int) throws -> [OrderStore.Incoming] {
        finished[index].wait()
        room.signal()
        return try decoded.withLock { $0.removeValue(forKey: index)! }.get()
    }

    /// Hands back a chunk the writer is done with, to be freed on a decoding thread.
    func discard(_ chunk: [OrderStore.Incoming]) {
        written.withLock { $0.append(chunk) }
    }

    /// Lets the threads end once the chunks they are decoding are done.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        for _ in 0..<Self.threads { room.signal() }
    }
}
