import Dispatch
import OrderEngine
import OrderStore
import Synchronization

/// Reads the grid's rows. A search is read on a thread of its own, one read at a time, the newest
/// request replacing one not yet started: typing never waits for a search, and the newest search
/// is the one shown. Everything else (a status tab, the next page) is read at once.
final class RowReader: Sendable {
    struct Request: Sendable {
        /// Which reload this is: an answer to an older one is not shown.
        let generation: Int
        let filter: GridFilter
        /// Nil: from the top; otherwise the next rows after this one.
        let after: GridKey?
        let limit: Int
        /// Nil: 全件.
        let status: LocalStatus?
        /// What the grid knows already, for a next page (counts and total are read with the first).
        let knownCounts: [LocalStatus: Int]
        let knownTotal: Int
        /// The checked orders: how many of them the filter shows is read with the first page.
        var marks: [OrderNumber] = []
    }

    struct Answer: Sendable {
        let request: Request
        let result: Result<(rows: [OrderRow], hasMore: Bool, total: Int, counts: [LocalStatus: Int], elsewhere: Int?), StoreReadFailure>
        /// Of the request's checked orders, how many the filter shows (nil: not read).
        var marksShown: Int?
    }

    struct StoreReadFailure: Error {
        let description: String
    }

    private let store: any ShopStore
    private let queue = DispatchQueue(label: "juchu.desk.rows", qos: .userInitiated)
    private let slots = Mutex<(pending: Request?, running: Bool, answer: Answer?)>((nil, false, nil))

    init(store: any ShopStore) {
        self.store = store
    }

    /// Reads `request` in the background; its answer is taken with ``takeAnswer()``.
    func readInBackground(_ request: Request) {
        let start = slots.withLock { slots in
            slots.pending = request
            defer { slots.running = true }
            return !slots.running
        }
        if start { queue.async { self.drain() } }
    }

    /// The newest answer read in the background, once.
    func takeAnswer() -> Answer? {
        slots.withLock { slots in
            defer { slots.answer = nil }
            return slots.answer
        }
    }

    private func drain() {
        while let next = slots.withLock({ slots -> Request? in
            let next = slots.pending
            slots.pending = nil
            if next == nil { slots.running = false }
            return next
        }) {
            let answer = read(next)
            slots.withLock { $0.answer = answer }
        }
    }

    /// Reads `request` now.
    func read(_ request: Request) -> Answer {
        do {
            let rows = try store.page(request.filter, after: request.after, limit: request.limit + 1)
            // More rows of the same list: the tab counts are read with every reload, not here.
            let counts = request.after == nil ? try store.countsByStatus() : request.knownCounts
            // A search counts its own matches (once, not for every further page).
            let total =
                request.after != nil ? request.knownTotal
                : request.filter.search != nil ? try store.count(request.filter)
                : request.status.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            let shown = request.after == nil && !request.marks.isEmpty ? try store.count(request.filter, among: request.marks) : nil
            // Nothing here: the same search in every status, so the operator knows to look in 全件.
            var elsewhere: Int?
            if request.after == nil, total == 0, request.status != nil, request.filter.search != nil, request.filter.problems.isEmpty {
                elsewhere = try store.count(request.filter.inEveryStatus)
            }
            return Answer(
                request: request, result: .success((Array(rows.prefix(request.limit)), rows.count > request.limit, total, counts, elsewhere)),
                marksShown: shown)
        } catch {
            return Answer(request: request, result: .failure(StoreReadFailure(description: "\(error)")))
        }
    }
}
