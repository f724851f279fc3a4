import Foundation
import OrderEngine
import OrderStore

/// A batch's progress as it goes: orders done of all, for a local change applied in parts and a
/// write sent to RMS alike — one kind of progress, which the desk's dialog shows for both.
public typealias BatchProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// A local change applied a part at a time under one journal batch, so that progress shows and the
/// operator can stop between parts; a change that looks at the whole selection (同梱) in one part.
extension SyncService {
    /// Orders per transaction when a local change is applied in parts.
    public static let partSize = 500

    /// What a batch applied in parts did.
    public struct AppliedInParts: Sendable {
        public var changes: [Plan.Change] = []
        /// Orders it made (複製).
        public var created: [Order] = []
        public var skips: [Plan.Skip] = []
        public let batchID: String
        /// Stopped (the task cancelled) before every part was applied.
        public var stopped = false
    }

    /// Applies `action` (a local change: nothing goes to RMS) to `numbers` in parts of
    /// ``partSize``. `previewed`: the fields the preview the operator accepted showed per order
    /// (an order changed since is skipped by the store); nil when there was no preview.
    public func applyInParts(
        _ action: any BulkAction, to numbers: [OrderNumber], previewed: [OrderNumber: [FieldChange]]? = nil,
        progress: BatchProgress = { _, _ in }
    ) throws -> AppliedInParts {
        let parts = action.decidesOnSelection ? [numbers] : numbers.chunked(into: Self.partSize)
        var result = AppliedInParts(batchID: UUID().uuidString.lowercased())
        var done = 0
        for part in parts {
            if Task.isCancelled {
                result.stopped = true
                return result
            }
            let applied = try store.apply(action, to: part, batchID: result.batchID, previewed: previewed)
            result.changes += applied.plan.changes
            result.created += applied.created
            result.skips += applied.plan.skips
            done += part.count
            progress(done, numbers.count)
        }
        return result
    }
}
