import Foundation
import GRDB
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Synchronization
import Testing
import TestSupport
import OrderStorePostgres

/// The shop's rules the soak's worker runs on every new order: hold 代金引換, confirm card orders
/// and mark them, mark 同梱候補 and bundle them once RMS has taken them.
extension SoakTests {
    static let rules = RuleSet([
        Rule(name: "代引は保留", when: "支払:代引", actions: [.setFlag("要確認")], hold: "代引は送料を確認"),
        Rule(name: "カードは確認", when: "支払:カード", actions: [.confirm, .setFlag("メール便")]),
        Rule(name: "同梱候補", when: "同梱:候補", actions: [.setFlag("ギフト"), .bundle]),
    ])
}

/// A model-based soak with the sandbox as the oracle: orders arrive every second or so and
/// customers cancel, one request in ten fails as RMS's do (500, maintenance, QPS, dropped
/// connections, truncated bodies, after or before a write is applied), a sync worker fetches and
/// polls, and two operators on the same file work at random — confirm, change statuses, write
/// fees, edit and push, undo, read RMS again. At the end every order RMS holds awaiting
/// confirmation is in the store, each confirmation reached RMS once, the totals are RMS's, every
/// pushed edit is RMS's, the outbox is settled and the failures are gone with the faults.
///
/// Two minutes in `swift test`; `JUCHU_SOAK_MINUTES=30 swift test --filter SoakTests` for the
/// long form (README).
@Suite("Soak: a sync worker and two operators against a faulty, living RMS")
struct SoakTests {
    static var minutes: Double {
        ProcessInfo.processInfo.environment["JUCHU_SOAK_MINUTES"].flatMap(Double.init) ?? 2
    }

    /// What one operator did and saw, for the closing checks and the report.
    struct Tally: Sendable {
        var actions = 0
        var confirmsAsked = 0
        var editsPushed = 0
        var parcelsReported = 0
        var parcelsCorrected = 0
        /// Tracking numbers this operator has made (each one unique in the soak).
        var numbers = 0
        var rmsFailures = 0
        /// Failures that are not RMS's: none may happen.
        var unexpected: [String] = []
    }

    @Test("every order arrives, each confirmation is sent once, totals and pushed edits are RMS's, nothing is left unsettled", arguments: StoreBackend.available)
    func soak(_ backend: StoreBackend) async throws {
        let sandbox = try await SandboxHarness.start(orders: 120, seed: 42) {
            $0.lifeIntervalSeconds = 1
            $0.newOrderChance = 0.7
            $0.customerCancelChance = 0.1
            $0.faultRate = 0.1
            $0.secondsUntilProcessing = 2
            $0.secondsUntilDone = 3
            $0.secondsUntilCancelled = 2
        }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // The worker, the desks and the backup each open the store as a process of their own would.
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        fetch.lookBackDays = 7

        // The sync worker: a process of its own in real life, a store and a service of its own here.
        let workerFailures = Mutex<[String]>([])
        let workerService = SyncService(client: sandbox.client, store: try scratch.open(operatorName: "sync"), events: { event in
            if case .failed(let activity, let errorClass, let detail) = event, errorClass == nil {
                workerFailures.withLock { $0.append("\(activity): \(detail)") }
            }
        })
        var worker = SyncWorker(
            service: workerService, fetchSettings: fetch, pollInterval: .seconds(1), fetchInterval: .seconds(3), leaseSeconds: 30)
        worker.watchInterval = .seconds(10)
        worker.rules = Self.rules
        let running = worker
        let workerTask = Task { await running.run() }

        let deadline = ContinuousClock.now + .seconds(Self.minutes * 60)
        // On PostgreSQL the two desks present hosts of their own, as operators at two sites do: their
        // claims are told alive by their heartbeats, not by this host's pids.
        let desks = try ["desk-a", "desk-b"].map { name in
            let deskID = backend == .postgresql ? "\(OperatorIdentity.current)@site-\(name.suffix(1)):\(getpid())" : OperatorIdentity.process
            return SyncService(client: sandbox.client, store: try scratch.open(operatorName: name, deskID: deskID))
        }
        // A backup taken halfway, by a process of its own, while the worker and both desks write.
        let backupTask = Task {
            try await Task.sleep(for: .seconds(Self.minutes * 30))
            return try scratch.open(operatorName: "backup").makeBackup(BackupSchedule(folder: directory.file("backups")))
        }
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for (index, desk) in desks.enumerated() {
                group.addTask { try await Self.operate(desk, seed: UInt64(index + 1), until: deadline) }
            }
            var all: [Tally] = []
            for try await tally in group { all.append(tally) }
            return all
        }
        workerTask.cancel()
        await workerTask.value

        // The faults stop; the worker's work is finished by hand, as its next rounds would.
        sandbox.server.setFaultRate(0)
        let settle = desks[0]
        // Orders keep arriving meanwhile: those placed after this last fetch are for the next one.
        let lastFetch = RakutenDateTime(Date())
        try await settle.fetch(fetch)
        try await Task.sleep(for: .seconds(4))  // Rakuten finishes what it is processing.
        // A report whose answer a fault cut may still be on its way: waited for, then settled.
        try await settle.settleUnclearWrites(staleIntentAge: 0, waitingForInFlight: true)
        try await settle.pollConfirmations(staleIntentAge: 0)
        let store = settle.store
        let everything = try store.page(GridFilter(), limit: 100_000).map(\.number)
        try await settle.refreshRMSStatus(everything)

        // The oracle: what RMS holds now.
        let oracle = try await SoakOracle(sandbox: sandbox, store: store)
        let missing = oracle.missing(fetchedUntil: lastFetch)
        #expect(missing.isEmpty, "orders RMS holds awaiting confirmation that never reached the desk: \(missing)")
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "confirmed more than once: \(accepted.filter { $0.value > 1 })")
        let totals = oracle.totalsNotRMSs()
        #expect(totals.problems.isEmpty, "\(totals.problems.prefix(5))")
        let pushes = try oracle.pushesNotRMSs()
        #expect(pushes.problems.isEmpty, "\(pushes.problems.prefix(3))")
        let parcels = oracle.parcelsNotRMSs()
        #expect(parcels.problems.isEmpty, "\(parcels.problems.prefix(5))")
        #expect(parcels.checked > 0 || Self.minutes < 1, "no parcel was reported")
        let unsettled = try oracle.leftUnsettled()
        #expect(unsettled.isEmpty, "\(unsettled)")
        let unexpected = tallies.flatMap(\.unexpected) + workerFailures.withLock { $0 }
        #expect(unexpected.isEmpty, "failures that were not RMS's: \(unexpected.prefix(5))")

        // The rules: each acted at most once per order (one batch of the rule's own steps per rule
        // and order in the journal; RMS's answers to them are recorded apart), no order a rule held was confirmed by a rule, and what rules confirmed RMS
        // accepted at most once (above, with every confirmation).
        let (twice, heldConfirmed, ruled, mixedBundles, ruleBundles) = try store.reading { db in
            func count(_ sql: String) throws -> Int {
                var n: Int64 = -1
                try db.forEachRow(sql, []) { n = try $0.integer("n") ?? -1 }
                return Int(n)
            }
            return (try count("""
                SELECT COUNT(*) AS n FROM (SELECT order_number, operator FROM journal WHERE operator LIKE 'ルール: %'
                AND action IN ('set-flag', 'confirm', 'change-status')
                GROUP BY order_number, operator HAVING COUNT(DISTINCT batch_id) > 1) AS twice
                """),
             try count("""
                SELECT COUNT(*) AS n FROM journal WHERE operator LIKE 'ルール: %' AND action = 'confirm'
                AND order_number IN (SELECT order_number FROM rule_acts WHERE hold IS NOT NULL)
                """),
             try count("SELECT COUNT(*) AS n FROM rule_acts"),
             // A rule's 同梱 holds one destination's orders, at least two.
             try count("""
                SELECT COUNT(*) AS n FROM (SELECT bundle_id FROM orders WHERE bundle_id IN (
                    SELECT member.bundle_id FROM orders AS member JOIN journal ON journal.order_number = member.order_number
                    WHERE journal.operator = 'ルール: 同梱候補' AND journal.action = 'bundle')
                GROUP BY bundle_id HAVING COUNT(DISTINCT destination_key) > 1 OR COUNT(*) < 2) AS mixed
                """),
             try count("SELECT COUNT(DISTINCT batch_id) AS n FROM journal WHERE operator = 'ルール: 同梱候補' AND action = 'bundle'"))
        }
        #expect(mixedBundles == 0, "a rule bundled orders of different destinations, or one alone")
        #expect(twice == 0, "a rule acted twice on an order")
        #expect(heldConfirmed == 0, "a rule confirmed an order a rule held")
        #expect(ruled > 0, "no rule acted")

        // The halfway backup, restored, holds every order, journal entry and write it was taken with.
        let halfway = try await backupTask.value.backup
        // Restored into a store of its own: SQLite's file, or an empty database of the server.
        let target = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try target.remove() } }
        let restored: StoreRestore.Result = switch backend {
        case .sqlite: try StoreRestore(from: halfway.path, to: target.path!, access: .ownerOnly).run(at: Date())
        case .postgresql: try PostgresRestore(from: halfway.path, to: target.location!).run(at: Date())
        }
        var expected = halfway.contents
        expected.outbox["unknown", default: 0] += expected.outbox.removeValue(forKey: "pending") ?? 0
        expected.outbox["unknown", default: 0] += expected.outbox.removeValue(forKey: "sending") ?? 0
        expected.outbox = expected.outbox.filter { $0.value > 0 }
        let restoredStore = try target.open()
        #expect(try restoredStore.contents() == expected)
        #expect(restored.writesMadeUnknown == (halfway.contents.outbox["pending"] ?? 0) + (halfway.contents.outbox["sending"] ?? 0))
        // Its journal is the live journal up to one moment, and its writes the live outbox's first.
        // (undone_by_batch is written later, when an entry is undone: the rest of an entry never changes.)
        let integers: Set<String> = ["at", "undoable", "created_at"]
        func rows(_ store: any ShopStore, _ sql: String, _ columns: [String]) throws -> [String] {
            try store.reading { db in
                var all: [String] = []
                // Integers as integers (a name the integers list), the rest as text: each backend reads a column by its kind.
                try db.forEachRow(sql, []) { row in
                    all.append(try columns.map { integers.contains($0) ? try row.integer($0).map(String.init) ?? "∅" : try row.text($0) ?? "∅" }.joined(separator: "|"))
                }
                return all
            }
        }
        let journal = ["batch_id", "at", "operator", "action", "order_number", "field", "before_value", "after_value", "undoable"]
        let journalSQL = "SELECT \(journal.joined(separator: ", ")) FROM journal ORDER BY id"
        let writes = ["kind", "order_number", "created_at"]
        let writesSQL = "SELECT kind, order_number, created_at FROM outbox ORDER BY id"
        let restoredJournal = try rows(restoredStore, journalSQL, journal)
        #expect(restoredJournal.count == halfway.contents.journalEntries)
        #expect(Array(try rows(store, journalSQL, journal).prefix(restoredJournal.count)) == restoredJournal, "the backup's journal is the live journal up to one moment")
        let restoredWrites = try rows(restoredStore, writesSQL, writes)
        #expect(Array(try rows(store, writesSQL, writes).prefix(restoredWrites.count)) == restoredWrites, "the backup's writes are the live outbox's first")
        #expect(try restoredStore.orders(try restoredStore.page(GridFilter(), limit: 100_000).map(\.number)).count == halfway.contents.orders)
        #expect(halfway.contents.orders > 0 && halfway.contents.journalEntries > 0)
        if backend == .postgresql {
            let hosts = Set(try rows(store, "SELECT DISTINCT claimed_by FROM outbox", ["claimed_by"]).compactMap { OperatorIdentity.hostAndPID(of: $0)?.host })
            #expect(hosts.isSuperset(of: ["site-a", "site-b"]), "both sites' desks sent: \(hosts)")
        }

        let stats = try await sandbox.admin("stats", method: "GET")
        let requests = ((try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: Any])?["requests"] as? [String: Int] ?? [:])
        print("""
            soak (\(backend)): \(Self.minutes) min, \(oracle.held.count) orders at RMS (\(oracle.awaitingConfirmation(fetchedUntil: lastFetch).count) awaiting \
            confirmation), \(oracle.stored.count) stored; \
            operator actions \(tallies.map(\.actions).reduce(0, +)), confirms asked \(tallies.map(\.confirmsAsked).reduce(0, +)), \
            accepted \(accepted.count), edits pushed \(tallies.map(\.editsPushed).reduce(0, +)), RMS failures seen by the operators \
            \(tallies.map(\.rmsFailures).reduce(0, +)); requests \(requests.values.reduce(0, +)) at a fault rate of 10 %; \
            totals checked \(totals.checked), pushed edits checked \(pushes.checked); parcels reported \
            \(tallies.map(\.parcelsReported).reduce(0, +)) and corrected \(tallies.map(\.parcelsCorrected).reduce(0, +)), \
            \(parcels.checked) held by RMS as reported here; rules acted \(ruled) times, bundled in \(ruleBundles) batches; \
            backup halfway: \(halfway.contents.summary), restored whole
            """)
        await sandbox.stop()
    }

    /// 出荷: numbers typed for a few baskets at RMS 発送待ち and reported; now and then a reported
    /// number corrected and the correction sent.
    static func ship(_ desk: SyncService, random: inout SeededRandom, seed: UInt64, tally: inout Tally) async throws {
        let store = desk.store
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let waiting = try store.orders(try store.ordersAwaitingShipment().shuffled(using: &random).prefix(4).map { $0 })
        if Bool.random(using: &random), let reported = waiting.first(where: { $0.parcels.contains { $0.report == .reported && $0.shippingDetailID != nil } }),
            let parcel = reported.parcels.first(where: { $0.report == .reported && $0.shippingDetailID != nil }),
            let number = parcel.trackingNumber
        {
            tally.numbers += 1
            _ = try store.changeParcel(of: reported.number, trackingNumber: number, newNumber: ShippingNumbers.valid(Int(seed) * 1_000_000 + tally.numbers))
            tally.parcelsCorrected += 1
            _ = try await desk.run(ShipCorrectionAction(), on: [reported.number])
            return
        }
        var typed: [OrderNumber] = []
        for order in waiting where order.parcels.isEmpty {
            for package in order.packages {
                tally.numbers += 1
                _ = try store.addParcel(to: order.number, basketID: package.basketID, carrier: Carrier(code: "1001"),
                                        trackingNumber: ShippingNumbers.valid(Int(seed) * 1_000_000 + tally.numbers), shippedOn: today)
            }
            typed.append(order.number)
        }
        guard !typed.isEmpty else { return }
        tally.parcelsReported += typed.count
        _ = try await desk.run(ShipReportAction(today: today), on: typed)
    }

    /// One operator's random work until `deadline`.
    static func operate(_ desk: SyncService, seed: UInt64, until deadline: ContinuousClock.Instant) async throws -> Tally {
        var random = SeededRandom(seed: seed)
        var tally = Tally()
        let store = desk.store
        while ContinuousClock.now < deadline {
            tally.actions += 1
            let rows = try store.page(GridFilter(localStatus: .newOrder), limit: 300)
            let some = Array(rows.shuffled(using: &random).prefix(Int.random(in: 1...6, using: &random))).map(\.number)
            do {
                switch Int.random(in: 0..<100, using: &random) {
                case 0..<30:
                    tally.confirmsAsked += some.count
                    _ = try await desk.run(.confirm, on: some)
                case 30..<45:
                    _ = try store.apply(ChangeStatusAction(to: random.pick([.awaitingPayment, .onHold, .newOrder])), to: some)
                case 45..<55:
                    _ = try store.apply(try WriteFeeAction(random.pick([.shipping, .cashOnDelivery]), text: String(random.pick([0, 550, 800, 1200]))), to: some)
                case 55..<70:
                    guard let number = some.first, let order = try store.order(number) else { break }
                    var edit = OrderEdit(of: order)
                    edit.fees.shipping = .yen(random.pick([700, 900, 1300]))
                    if !edit.lines.isEmpty, !edit.lines[0].isEmpty { edit.lines[0][0].units += 1 }
                    guard try store.save(edit, editing: order).isEmpty else { break }
                    tally.editsPushed += 1
                    _ = try await desk.run(.pushEdit, on: [number])
                case 70..<80:
                    if let batch = try store.undoableBatches(limit: 5).first(where: { $0.operatorName == store.operatorName }) {
                        _ = try store.undo(batch: batch.batchID)
                    }
                case 80..<85:
                    _ = try await desk.refreshRMSStatus(some)
                case 85..<90:
                    do {
                        try await ship(desk, random: &random, seed: seed, tally: &tally)
                    } catch let refusal as ActionInputError {
                        // What the other operator did meanwhile (a parcel being sent, a number entered): refused, as at the desk.
                        _ = refusal
                    }
                default:
                    // Checks, as an operator marks and thinks.
                    try await Task.sleep(for: .milliseconds(Int.random(in: 50...300, using: &random)))
                }
            } catch let error as RakutenPayError {
                _ = error
                tally.rmsFailures += 1
            } catch {
                tally.unexpected.append("\(error)")
            }
        }
        return tally
    }
}
