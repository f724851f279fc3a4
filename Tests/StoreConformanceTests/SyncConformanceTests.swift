import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Testing
import TestSupport

/// The sync worker's services on each backend, against the sandbox over real HTTP: what reaches
/// RMS does not depend on where the shop's data is kept.
@Suite("Conformance: fetching and sending to RMS on each backend", .serialized)
struct SyncConformanceTests {
    /// The sandbox with `orders`, a store of its own on `backend`, and the services between them.
    struct Shop {
        static let settings = {
            var settings = FetchSettings()
            settings.skipYoungerThanMinutes = 0
            return settings
        }()
        let sandbox: SandboxHarness
        let scratch: ScratchStore
        let store: any OpenedStore
        let service: SyncService

        init(_ backend: StoreBackend, orders: Int) async throws {
            sandbox = try await SandboxHarness.start(orders: orders)
            scratch = try ScratchStore(backend)
            store = try scratch.open(operatorName: "受注 太郎")
            service = SyncService(client: sandbox.client, store: store)
        }

        /// The orders fetched that a confirmation may be sent for.
        func confirmable() throws -> [OrderNumber] {
            try store.page(GridFilter(localStatus: .newOrder), limit: 1_000)
                .filter { $0.isRakutenAPI && !$0.isShippingFeeUnset && !$0.isBundled }.map(\.number)
        }

        func stop() {
            let sandbox = sandbox
            Task { await sandbox.stop() }
            #expect(throws: Never.self) { try scratch.remove() }
        }
    }

    @Test("fetch, confirm and settle: every order fetched once; each confirmation recorded, sent once and accepted; asked again, nothing is sent; nothing is left unresolved", arguments: StoreBackend.available)
    func fetchAndConfirm(_ backend: StoreBackend) async throws {
        let shop = try await Shop(backend, orders: 30)
        defer { shop.stop() }
        let (store, service, sandbox) = (shop.store, shop.service, shop.sandbox)
        let first = try await service.fetch(Shop.settings)
        let again = try await service.fetch(Shop.settings)
        #expect(first.inserted > 20 && again.inserted == 0 && again.alreadyPresent == first.inserted, "\(first) \(again)")

        let confirmable = try shop.confirmable()
        try #require(confirmable.count >= 10)
        let report = try await service.run(ConfirmAction(), on: confirmable)
        #expect(report.succeeded == confirmable.count, "\(report.lines.filter { !$0.ok }.map(\.message))")
        let repeated = try await service.run(ConfirmAction(), on: confirmable)
        #expect(repeated.lines.isEmpty && repeated.skipped.count == confirmable.count)
        try await service.settleUnclearWrites(waitingForInFlight: true)

        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(Set(accepted.keys) == Set(confirmable.map(\.rawValue)))
        #expect(accepted.values.allSatisfy { $0 == 1 }, "each confirmation once: \(accepted.filter { $0.value != 1 })")
        #expect(try store.unresolvedIntents(claimedBefore: Date().addingTimeInterval(3_600)).isEmpty)
        let health = try store.health(unconfirmedBefore: Date())
        #expect(health.outbox["pending"] == nil && health.outbox["sending"] == nil && health.outbox["done"] == confirmable.count, "\(health.outbox)")
        // Each confirmation journalled once, with the operator who sent it.
        for number in confirmable.prefix(5) {
            let sent = try store.journal(of: number).filter { $0.action == ActionID.confirm.rawValue }
            #expect(!sent.isEmpty && Set(sent.map(\.batchID)).count == 1 && sent.allSatisfy { $0.operatorName == "受注 太郎" }, "\(number): \(sent)")
        }
    }

    /// An outbox row's state and result (`-` for none).
    static func row(_ intent: Int64, of store: any OpenedStore) throws -> String {
        try store.reading { db in
            var said = "none"
            try db.forEachRow("SELECT state, result FROM outbox WHERE id = ?", [.integer(intent)]) { row in
                said = "\(try row.text("state") ?? "none") \(try row.text("result") ?? "-")"
            }
            return said
        }
    }

    /// How many calls of `function` the sandbox has answered.
    static func requests(to function: String, at sandbox: SandboxHarness) async throws -> Int {
        let (_, body) = try await sandbox.admin("stats", method: "GET")
        let stats = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (stats?["requests"] as? [String: Int])?[function] ?? 0
    }

    @Test("a write another process settled before it left is not sent, and keeps that process's record (a batch settled whole makes no call); a settler records nothing over a claim its sender moved meanwhile; on PostgreSQL a sender whose heartbeat has lapsed sends nothing and records it unsent", arguments: StoreBackend.available)
    func settledBeforeItLeft(_ backend: StoreBackend) async throws {
        let shop = try await Shop(backend, orders: 60)
        defer { shop.stop() }
        let (store, service, sandbox) = (shop.store, shop.service, shop.sandbox)
        _ = try await service.fetch(Shop.settings)
        var confirmable = try shop.confirmable()
        try #require(confirmable.count >= 20)

        // Claimed here; then another process, taking this one for gone, settles the first as not sent.
        let batch = Array(confirmable.prefix(5))
        confirmable.removeFirst(5)
        let applied = try store.apply(ConfirmAction(), to: batch)
        let taken = try #require(applied.intents[batch[0]])
        try store.recordOutcomes(.confirm, [.init(intent: taken, number: batch[0], outcome: .failed(.temporary, detail: "他の端末で確認: 未送信"))])
        let report = try await service.send(applied)
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(Set(accepted.keys) == Set(batch.dropFirst().map(\.rawValue)), "the settled one never reaches RMS: \(accepted)")
        let line = try #require(report.lines.first { $0.number == batch[0] })
        #expect(!line.ok && line.message.contains("他の端末"), "\(line.message)")
        let states = try store.health(unconfirmedBefore: Date()).outbox
        #expect(states["failed"] == 1 && states["done"] == 4, "\(states)")
        #expect(try Self.row(taken, of: store) == "failed temporary: 他の端末で確認: 未送信", "the settling process's record kept")

        // A batch settled whole elsewhere: no call to RMS at all.
        let settledWhole = Array(confirmable.prefix(2))
        confirmable.removeFirst(2)
        let whole = try store.apply(ConfirmAction(), to: settledWhole)
        try store.recordOutcomes(.confirm, whole.intents.map { .init(intent: $0.value, number: $0.key, outcome: .failed(.temporary, detail: "他"), from: .pending) })
        let calls = try await Self.requests(to: "confirmOrder", at: sandbox)
        let wholeReport = try await service.send(whole)
        #expect(try await Self.requests(to: "confirmOrder", at: sandbox) == calls, "nothing to send, no request")
        #expect(wholeReport.lines.count == 2 && wholeReport.lines.allSatisfy { !$0.ok && $0.message.contains("他の端末") })

        // A settler that read a claim pending records nothing once its sender has moved it to
        // sending (and sent it): the sender's answer is the one recorded.
        let raced = try #require(confirmable.first)
        confirmable.removeFirst()
        let claim = try #require(try store.apply(ConfirmAction(), to: [raced]).intents[raced])
        #expect(try store.markSending([claim]) == [claim])
        let settler = try store.recordOutcomes(.confirm, [.init(intent: claim, number: raced, outcome: .failed(.temporary, detail: "未送信"), from: .pending)])
        #expect(settler.isEmpty)
        #expect(try Self.row(claim, of: store) == "sending -")
        #expect(try store.recordOutcomes(.confirm, [.init(intent: claim, number: raced, outcome: .accepted(nil), from: .sending)]) == [claim])
        #expect(try Self.row(claim, of: store) == "done accepted")

        guard backend == .postgresql else { return }
        // This process's beat made older than a sender may send on: nothing leaves, all recorded as
        // not sent. A beat landing meanwhile makes the try inconclusive, and it is made again.
        for _ in 0..<5 {
            let next = Array(confirmable.prefix(3))
            confirmable.removeFirst(3)
            let lapsed = try store.apply(ConfirmAction(), to: next)
            try store.writing("test") { db in
                try db.run("UPDATE process_heartbeats SET beat_at = now() - interval '25 seconds' WHERE process = ?", [.text(store.deskID)])
            }
            let lapsedReport = try await service.send(lapsed)
            if try store.reading({ try store.holdsItsClaims(in: $0) }) { continue }
            let reached = await sandbox.server.acceptedConfirmations()
            #expect(Set(reached.keys).isDisjoint(with: next.map(\.rawValue)), "nothing sent once the beat lapsed")
            #expect(lapsedReport.lines.count == 3 && lapsedReport.lines.allSatisfy { !$0.ok && $0.message.contains("生存の記録") }, "\(lapsedReport.lines.map(\.message))")
            #expect(try store.unresolvedIntents(claimedBefore: Date().addingTimeInterval(3_600)).isEmpty, "recorded as not sent, not left open")
            // Sent once the next beat (every 5 s) is written.
            try await Task.sleep(for: .seconds(6))
            let again = try await service.run(ConfirmAction(), on: next)
            #expect(again.succeeded == 3, "\(again.lines.map(\.message))")
            return
        }
        Issue.record("a beat landed in each of five tries")
    }
}
