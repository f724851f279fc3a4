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

/// The shop's rules run on newly imported orders against the sandbox over HTTP, through the same
/// plans, journal and outbox as an operator's actions: each rule once per order, a held order never
/// confirmed, every confirmation sent once, each write the rule's in the journal.
@Suite("Rules on newly imported orders: once per order, held never confirmed, each write sent once and journalled as the rule's")
struct RulesSyncTests {
    static let rules = RuleSet([
        Rule(name: "代引は保留", when: "支払:代引", actions: [.changeStatus(LocalStatus("保留")), .setFlag("要確認")], hold: "代引は送料を確認"),
        Rule(name: "カードは確認", when: "支払:カード", actions: [.confirm, .setFlag("メール便")]),
        Rule(name: "残りも確認", when: "金額:>=0", actions: [.confirm]),
    ])

    @Test("a fetch's new orders: 代引 held (保留, 要確認, not confirmed), card orders confirmed once; nothing twice on a second run")
    func newOrders() async throws {
        let fetched = try await FetchedSandbox.start(orders: 40) { $0.secondsUntilProcessing = 0 }
        defer { Task { await fetched.stop() } }
        let imported = try fetched.store.page(GridFilter(), limit: 1_000).map(\.number)
        let before = try fetched.store.orders(imported)
        let cod = before.filter { $0.payment.methodName == "代金引換" }.map(\.number)
        let card = before.filter { $0.payment.methodName == "クレジットカード" }.map(\.number)
        #expect(!cod.isEmpty && !card.isEmpty, "the sandbox's orders have both")

        let report = try await fetched.service.runRulesOnNewOrders(Self.rules)
        #expect(report.checked == imported.count)
        let after = Dictionary(uniqueKeysWithValues: try fetched.store.orders(imported).map { ($0.number, $0) })
        for number in cod {
            let order = try #require(after[number])
            #expect(order.localStatus == LocalStatus("保留"))
            #expect(order.flags.contains("要確認"))
            #expect(order.sync == .notSent, "a held order is never confirmed by a rule")
        }
        let outbox = try await DatabaseQueue(path: fetched.store.path).read { db in
            try Row.fetchAll(db, sql: "SELECT order_number, COUNT(*) AS n FROM outbox WHERE kind = 'confirm' GROUP BY order_number")
        }
        let sent = Dictionary(uniqueKeysWithValues: outbox.map { (OrderNumber($0["order_number"] as String), $0["n"] as Int) })
        #expect(sent.values.allSatisfy { $0 == 1 }, "each confirmation recorded once")
        #expect(cod.allSatisfy { sent[$0] == nil })
        for number in card {
            let order = try #require(after[number])
            #expect(order.flags.contains("メール便"))
            if before.first(where: { $0.number == number })?.fees.shipping.isUnset == false {
                #expect(sent[number] == 1, "\(number) confirmed by カードは確認")
            }
        }
        let journal = try fetched.store.journal(of: try #require(cod.first))
        #expect(journal.contains { $0.operatorName == "ルール: 代引は保留" }, "\(journal.map(\.operatorName))")
        let acts = try fetched.store.ruleActs(of: [try #require(cod.first)])
        #expect(acts.values.first?.map(\.rule) == ["代引は保留"])
        #expect(acts.values.first?.first?.matched == "支払=代金引換")

        // Nothing new: a second run checks nothing; run on demand over every order, no rule acts twice.
        let again = try await fetched.service.runRulesOnNewOrders(Self.rules)
        #expect(again.checked == 0)
        let onDemand = try await fetched.service.applyRules(Self.rules, to: imported)
        #expect(onDemand.acted.isEmpty, "\(onDemand.acted.map(\.rule))")
        let outboxAfter = try await DatabaseQueue(path: fetched.store.path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'confirm'")
        }
        #expect(outboxAfter == sent.values.reduce(0, +))
    }

    @Test("a rule's act taken back after a first write that failed is recorded anew on the next round; never twice")
    func actTakenBack() async throws {
        let fetched = try await FetchedSandbox.start(orders: 4)
        defer { Task { await fetched.stop() } }
        let numbers = try fetched.store.page(GridFilter(), limit: 10).map(\.number)
        let rule = Self.rules.rules[2]
        let matched = Dictionary(uniqueKeysWithValues: numbers.map { ($0, "金額=…") })
        #expect(try fetched.store.recordRuleActs(rule, matched, batchID: "first") == numbers.sorted())
        #expect(try fetched.store.recordRuleActs(rule, matched, batchID: "again").isEmpty, "recorded once")
        try fetched.store.forgetRuleActs(rule, numbers, batchID: "other")
        #expect(try fetched.store.ruleActs(of: numbers).values.allSatisfy { $0.count == 1 }, "another batch's acts stay")
        try fetched.store.forgetRuleActs(rule, numbers, batchID: "first")
        #expect(try fetched.store.ruleActs(of: numbers).isEmpty)
        #expect(try fetched.store.recordRuleActs(rule, matched, batchID: "retry") == numbers.sorted())
    }

    @Test("orders already in the file when rules arrive are not the rules' to act on; one imported later is")
    func onlyNewOrders() async throws {
        let fetched = try await FetchedSandbox.start(orders: 10)
        defer { Task { await fetched.stop() } }
        // Without rules, the worker only moves past what it has seen.
        let none = try await fetched.service.runRulesOnNewOrders(RuleSet([]))
        #expect(none.checked == 0)
        #expect(try fetched.store.ordersAwaitingRules().through == nil)
        let later = try await fetched.service.runRulesOnNewOrders(Self.rules)
        #expect(later.checked == 0 && later.acted.isEmpty)
        // An order imported now is new: the rules look at it, and only at it.
        let arriving = OrderFixtures.order(99)
        try fetched.store.importOrders([OrderStore.Incoming(order: arriving, rawJSON: nil)])
        let marking = RuleSet([Rule(name: "新着は要確認", when: "金額:>=0", actions: [.setFlag("要確認")])])
        let fresh = try await fetched.service.runRulesOnNewOrders(marking)
        #expect(fresh.checked == 1)
        #expect(fresh.acted.map(\.numbers) == [[arriving.number]])
        #expect(try fetched.store.order(arriving.number)?.flags == ["要確認"])
    }

    @Test("a rule's batch is anyone's to take back: another desk finds it (not among its own) and undoes the local part; the confirmation stays sent")
    func ruleBatchTakenBackElsewhere() async throws {
        let fetched = try await FetchedSandbox.start(orders: 40) { $0.secondsUntilProcessing = 0 }
        defer { Task { await fetched.stop() } }
        let report = try await fetched.service.runRulesOnNewOrders(Self.rules)
        let held = try #require(report.acted.first { $0.rule == "代引は保留" })
        let confirmed = try #require(report.acted.first { $0.rule == "カードは確認" })
        let otherDesk = try OrderStore(path: fetched.directory.file("fetched.sqlite"), operatorName: "desk-b", deskID: "desk-b")
        #expect(try otherDesk.undoableBatches(ofDesk: otherDesk.deskID).isEmpty, "no batch of the other desk's own")
        let rules = try otherDesk.undoableBatches(byRules: true)
        #expect(Set(rules.map(\.batchID)).isSuperset(of: [held.batchID, confirmed.batchID]))
        #expect(rules.allSatisfy { $0.operatorName.hasPrefix(Rule.operatorPrefix) })

        let undone = try otherDesk.undo(batch: held.batchID)
        #expect(Set(undone.restored) == Set(held.numbers))
        for order in try otherDesk.orders(held.numbers) {
            #expect(order.localStatus != LocalStatus("保留") && !order.flags.contains("要確認"), "\(order.number) put back")
        }
        let sentBefore = try fetched.store.orders(confirmed.numbers).map(\.sync)
        try otherDesk.undo(batch: confirmed.batchID)
        let after = try otherDesk.orders(confirmed.numbers)
        #expect(after.allSatisfy { !$0.flags.contains("メール便") }, "the rule's check item taken back")
        #expect(after.map(\.sync) == sentBefore, "what went to RMS is not taken back")
        #expect(try otherDesk.undoableBatches(byRules: true).allSatisfy { ![held.batchID, confirmed.batchID].contains($0.batchID) })
    }

    @Test("リピート: a rule finds the buyer's second order here (the store counts the first), not the first")
    func repeatBuyer() async throws {
        let fetched = try await FetchedSandbox.start(orders: 2)
        defer { Task { await fetched.stop() } }
        _ = try await fetched.service.runRulesOnNewOrders(RuleSet([]))
        let first = OrderFixtures.order(98)
        var second = OrderFixtures.order(99)
        second.orderer = first.orderer
        second.orderedAt = first.orderedAt.addingTimeInterval(3_600)
        try fetched.store.importOrders([first, second].map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        let rules = RuleSet([Rule(name: "リピーターは要確認", when: "リピート:あり", actions: [.setFlag("要確認")])])
        let report = try await fetched.service.runRulesOnNewOrders(rules)
        #expect(report.acted.map(\.numbers) == [[second.number]])
        let why = try SyncService.simulateRules(rules, on: [second.number], store: fetched.store, mailer: nil)
        #expect(why.first?.trace.steps.first?.verdict == .actedBefore(try #require(try fetched.store.ruleActs(of: [second.number])[second.number]?.first?.at)))
        #expect(try fetched.store.ruleActs(of: [second.number])[second.number]?.first?.matched == "リピート=これまで1件")
    }

    /// Two orders waiting for confirmation to one recipient (氏名, 電話番号, 郵便番号 as RMS gives
    /// them), from one buyer or from two, fetched into a new store; RMS takes a confirmation at once.
    static func pairToOneRecipient(sameBuyer: Bool) async throws -> (FetchedSandbox, [OrderNumber]) {
        let sandbox = try await SandboxHarness.start(orders: 30) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
        }
        let plain = try await sandbox.orders(inProgress: 100).filter {
            $0.packageModelList.count == 1 && $0.postagePrice >= 0 && $0.socialGiftFlag != 1 && $0.packageModelList[0].deliveryCvsModel == nil
        }
        try #require(plain.count >= 2)
        let (first, second) = (plain[0], plain[1])
        #expect(await sandbox.server.modifyOrder(second.orderNumber) { order in
            if sameBuyer { order.ordererModel = first.ordererModel }
            order.packageModelList[0].senderModel = first.packageModelList[0].senderModel
        })
        let directory = TemporaryDirectory()
        let store = try OrderStore(path: directory.file("pair.sqlite"))
        let service = SyncService(client: sandbox.client, store: store)
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        try await service.fetch(settings)
        return (FetchedSandbox(sandbox: sandbox, directory: directory, store: store, service: service),
                [OrderNumber(first.orderNumber), OrderNumber(second.orderNumber)])
    }

    @Test("a rule's 同梱 waits until RMS has taken both of the buyer's orders to one address, then bundles them once, as the rule, in its batch (anyone's to take back)")
    func bundleOnceConfirmed() async throws {
        let (fetched, pair) = try await Self.pairToOneRecipient(sameBuyer: true)
        defer { Task { await fetched.stop() } }
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let rules = RuleSet([Rule(name: "同じ送付先は同梱", when: "同梱:候補", actions: [.confirm, .bundle])])

        let simulated = try SyncService.simulateRules(rules, on: pair, store: store, mailer: nil)
        #expect(simulated.allSatisfy { $0.plan.last?.applies?.hasPrefix("同梱候補と同梱（") == true }, "\(simulated.map(\.plan))")
        let report = try await service.runRulesOnNewOrders(rules)
        #expect(Set(report.waitingToBundle) == Set(pair), "RMS has not yet taken them: the 同梱 waits")
        #expect(try store.orders(pair).allSatisfy { $0.bundleID == nil })
        #expect(try store.ruleActs(of: pair).values.allSatisfy { $0.first?.waitsToBundle == true })

        try await service.refreshRMSStatus(pair)
        #expect(try store.orders(pair).allSatisfy { $0.sync == .rakutenDone })
        let later = try await service.runRulesOnNewOrders(rules)
        #expect(later.waitingToBundle.isEmpty)
        let bundled = try store.orders(pair)
        #expect(bundled[0].bundleID != nil && bundled[0].bundleID == bundled[1].bundleID)
        #expect(try store.ruleActs(of: pair).values.allSatisfy { $0.first?.waitsToBundle == false })
        #expect(try store.journal(of: pair[0]).contains { $0.operatorName == "ルール: 同じ送付先は同梱" && $0.field == "同梱" })
        #expect(await sandbox.server.acceptedConfirmations().filter { pair.map(\.rawValue).contains($0.key) }.values.allSatisfy { $0 == 1 })
        // Nothing waits any more: another round changes nothing.
        #expect(try await service.runRulesOnNewOrders(rules).lines.isEmpty)

        let batch = try #require(try store.undoableBatches(byRules: true).first)
        try store.undo(batch: batch.batchID)
        #expect(try store.orders(pair).allSatisfy { $0.bundleID == nil }, "taken back with the rule's batch")
    }

    @Test("a rule's 同梱 pairs as the panel's: another buyer's order to the same recipient is neither waited on nor bundled")
    func bundleKeepsToOneBuyer() async throws {
        let (fetched, pair) = try await Self.pairToOneRecipient(sameBuyer: false)
        defer { Task { await fetched.stop() } }
        let (store, service) = (fetched.store, fetched.service)
        #expect(try store.bundleCandidates(among: pair) == Set(pair), "the same destination: 同梱候補 both")
        let report = try await service.runRulesOnNewOrders(RuleSet([Rule(name: "同じ送付先は同梱", when: "同梱:候補", actions: [.bundle])]))
        #expect(report.waitingToBundle.isEmpty, "no partner of the same buyer: nothing to wait for")
        #expect(Set(report.skipped.map(\.skip.number)) == Set(pair) && report.skipped.allSatisfy { $0.skip.reason == .bundleNoPartner })
        #expect(try store.orders(pair).allSatisfy { $0.bundleID == nil })
    }

    @Test("the worker reads rules.toml again when it changes: orders that arrive after an edit get the new rules, without a restart; a file that does not read keeps the rules and says so")
    func workerReloads() async throws {
        let fetched = try await FetchedSandbox.start(orders: 5)
        defer { Task { await fetched.stop() } }
        _ = try await fetched.service.runRulesOnNewOrders(RuleSet([]))
        // What the file says, round by round: unchanged, broken, then a rule that marks new orders.
        struct Broken: Error, CustomStringConvertible { var description: String { "rules.toml: 2行目の [[rule]] when: 読めません" } }
        let versions = Mutex<[Result<RuleSet, Broken>]>([
            .success(RuleSet([])), .failure(Broken()),
            .success(RuleSet([Rule(name: "新着は要確認", when: "", actions: [.setFlag("要確認")])])),
        ])
        let said = Mutex<[String]>([])
        let service = fetched.service.reporting { event in
            if case .failed(let activity, _, let detail) = event { said.withLock { $0.append("\(activity): \(detail)") } }
            if case .rulesReloaded(let count) = event { said.withLock { $0.append("reloaded \(count)") } }
        }
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        var worker = SyncWorker(service: service, fetchSettings: settings, pollInterval: .milliseconds(200), fetchInterval: .milliseconds(200), leaseSeconds: 30)
        worker.reloadRules = {
            // Past the versions, the last rules stand (the file unchanged).
            try versions.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }.get()
        }
        let running = worker
        let task = Task { await running.run() }
        defer { task.cancel() }
        for _ in 0..<50 where versions.withLock({ $0.count > 1 }) { try await Task.sleep(for: .milliseconds(100)) }
        await fetched.sandbox.server.addNewOrders(3)
        var marked: [OrderRow] = []
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(200))
            marked = try fetched.store.page(GridFilter(search: "チェック:要確認"), limit: 100)
            if marked.count >= 3 { break }
        }
        task.cancel()
        #expect(marked.count >= 3, "the orders after the edit got the new rule")
        #expect(said.withLock { $0 }.contains { $0.hasPrefix("ルールの読み込み: ") && $0.contains("前のルールのまま") }, "\(said.withLock { $0 })")
        #expect(said.withLock { $0 }.contains("reloaded 1"))
    }
}
