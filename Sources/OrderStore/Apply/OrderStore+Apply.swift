import Foundation
import OrderEngine

extension OrderStore {
    /// What applying an action did: the plan as decided inside the writing transaction, from the
    /// rows as they were then, and what must now be sent. For an action that looks only at state
    /// (``BulkAction/readsOrderContent`` false) the plan's orders carry their state, not their
    /// addresses and items: show a preview from ``OrderStore/orders(_:)``, not from this.
    public struct Applied: Sendable {
        public let plan: Plan
        /// The journal batch of the change: what ``undo(batch:)`` takes back.
        public let batchID: String
        /// Outbox id per order whose change must be sent to RMS.
        public let intents: [OrderNumber: Int64]
        /// Orders made by the action (複製), with the numbers they were given.
        public let created: [Order]
    }
}

extension StoreApplying {
    /// Plans `action` for `numbers` and applies the plan in one transaction: every changed field is
    /// journalled, every change that goes to RMS gets an outbox intent before anything is sent,
    /// and orders made by the action are inserted. Another process can never apply the same
    /// once-only change twice: the outbox's unique index turns a second claim into a skip.
    ///
    /// A large selection may be applied in parts, each its own transaction, under one `batchID`:
    /// the undo then takes back all the parts at once.
    ///
    /// `claimedBy`: the process the writes to RMS are claimed by (default: this store's desk,
    /// ``StoreTransactions/deskID``, whose heartbeat or pid tells the other processes it lives).
    ///
    /// `previewed`: each order's fields as the preview the operator accepted showed them. An order
    /// whose fields no longer start from what the preview showed (another desk changed it since)
    /// is skipped with the reason, not changed from values the operator never saw.
    public func apply(
        _ action: some BulkAction, to numbers: [OrderNumber], batchID: String? = nil,
        claimedBy claimer: String? = nil, previewed: [OrderNumber: [FieldChange]]? = nil
    ) throws -> OrderStore.Applied {
        // Claimed by this desk's process unless said (a test's process of another host, of the past).
        let process = claimer ?? deskID
        return try writing("「\(action.title)」の保存") { db in
            let date = now()
            // The loaded orders live only in the plan: a 10,000-order plan is held once, not twice.
            let plan = action.plan(try OrderStore.load(try widen(numbers, for: action, in: db), content: action.readsOrderContent, in: db))
            let batchID = batchID ?? UUID().uuidString.lowercased()
            var intents: [OrderNumber: Int64] = [:]
            var claimedElsewhere: Set<OrderNumber> = []
            var skips = plan.skips
            for change in plan.changes {
                if let previewed, let moved = OrderStore.movedSincePreview(change.fields, previewed[change.number] ?? []) {
                    skips.append(.init(number: change.number, reason: .changedSincePreview(field: moved.field.label, now: moved.field.displayText(of: moved.before))))
                    claimedElsewhere.insert(change.number)
                    continue
                }
                if change.sendsToRMS, let write = plan.write {
                    // Claimed once: another process's claim of the same once-only write makes this a skip.
                    guard let intent = try OrderStore.recordIntent(write, for: change.number, by: operatorName, claimedBy: process, at: date, in: db)
                    else {
                        skips.append(.init(number: change.number, reason: write.kind.inFlight))
                        claimedElsewhere.insert(change.number)
                        continue
                    }
                    intents[change.number] = intent
                }
                guard !change.fields.isEmpty else { continue }
                try OrderStore.write(change.after, from: change.before, in: db, at: date)
                for field in change.fields {
                    try OrderStore.journal([field], of: change.number, batchID: batchID, action: .action(action.id),
                                     undoable: !change.sendsToRMS && field.field.isLocal, operatorName: operatorName, at: date, in: db)
                }
            }
            let changes = claimedElsewhere.isEmpty ? plan.changes : plan.changes.filter { !claimedElsewhere.contains($0.number) }
            if changes.contains(where: { change in !change.sendsToRMS && change.fields.contains { $0.field.isLocal } }) {
                try recordDesk(of: batchID, in: db)
            }
            var created: [Order] = []
            for creation in plan.creations {
                var order = creation.order
                order.number = try OrderStore.nextHandNumber(like: creation.source, at: date, in: db)
                guard try db.storeNewOrder(
                    OrderStore.Incoming(order: order, rawJSON: nil), batchID: batchID, action: .action(action.id),
                    operatorName: operatorName, at: date)
                else { throw StoreError("注文番号 \(order.number.rawValue) は既にあります") }
                created.append(order)
            }
            let applied = Plan(actionID: plan.actionID, title: plan.title, write: plan.write,
                               changes: changes, skips: skips, creations: plan.creations)
            return OrderStore.Applied(plan: applied, batchID: batchID, intents: intents, created: created)
        }
    }

    /// Says which desk made `batchID` (once, for a batch applied in parts).
    func recordDesk(of batchID: String, in db: any StoreStatements) throws {
        try db.run("INSERT INTO batch_desks (batch_id, desk) VALUES (?, ?) ON CONFLICT DO NOTHING", [.text(batchID), .text(deskID)])
    }

    /// An action that acts on whole bundles (``BulkAction/takesWholeBundles``) takes every member
    /// of the bundles chosen.
    private func widen(_ numbers: [OrderNumber], for action: some BulkAction, in db: any StoreStatements) throws -> [OrderNumber] {
        action.takesWholeBundles ? try OrderStore.withBundlePartners(numbers, in: db) : numbers
    }

    /// `numbers`, then every other member of the bundles (同梱) among them: what acts on a bundle
    /// acts on all of it — its one label, its one 納品書, its report, its unbundling.
    public func withBundlePartners(_ numbers: [OrderNumber]) throws -> [OrderNumber] {
        try reading { db in try OrderStore.withBundlePartners(numbers, in: db) }
    }
}

extension OrderStore {

    /// The first field whose value now differs from what the preview showed before the change,
    /// or that the change now touches and the preview did not (nil: the change is the preview's).
    static func movedSincePreview(_ fields: [FieldChange], _ previewed: [FieldChange]) -> FieldChange? {
        let shown = Dictionary(previewed.map { ($0.field, $0.before) }, uniquingKeysWith: { first, _ in first })
        if let moved = fields.first(where: { shown[$0.field] != $0.before }) { return moved }
        let touched = Set(fields.map(\.field))
        // A field the preview changed that no longer changes: it was set to the same value elsewhere.
        return previewed.first { !touched.contains($0.field) }.map { FieldChange(field: $0.field, before: $0.after, after: $0.after) }
    }

    static func withBundlePartners(_ numbers: [OrderNumber], in db: any StoreStatements) throws -> [OrderNumber] {
        var seen = Set(numbers)
        var widened = numbers
        for chunk in numbers.map(\.rawValue).chunked(into: 500) {
            let partners = try db.rows("""
                SELECT order_number FROM orders WHERE bundle_id IN (
                    SELECT bundle_id FROM orders WHERE order_number IN (\(marks(chunk.count))) AND bundle_id IS NOT NULL)
                ORDER BY order_number
                """, chunk.map { .text($0) }) { try $0.requiredText("order_number") }
            widened += partners.map(OrderNumber.init).filter { seen.insert($0).inserted }
        }
        return widened
    }

    /// A number for an order made in the desk (``OrderNumber/handEntered(prefix:after:)``): the
    /// day's next, read from the numbers in the file inside the writing transaction.
    static func nextHandNumber(like source: OrderNumber, at date: Date, in db: any StoreStatements) throws -> OrderNumber {
        let prefix = OrderNumber.handEnteredPrefix(like: source, on: CalendarDate(japanDayOf: JapanTime(date)))
        let last = try db.firstRow("SELECT MAX(order_number) AS last FROM orders WHERE order_number >= ? AND order_number < ?",
                                   [.text(prefix), .text(prefix + "~")]) { try $0.text("last") } ?? nil
        return OrderNumber.handEntered(prefix: prefix, after: last)
    }
}
