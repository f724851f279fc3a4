import Synchronization

/// Events from background work, drained by the desk's loop on its own thread.
final class EventQueue: Sendable {
    private let pending = Mutex<[DeskEvent]>([])

    func post(_ event: DeskEvent) { pending.withLock { $0.append(event) } }

    func drain() -> [DeskEvent] {
        pending.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
