import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// `juchu confirm`, `juchu cancel`, `juchu push` and `juchu ship` killed with SIGKILL at random moments and run
/// again: whatever moment the kill strikes (before the intent, between the intent and the
/// request, while it is in flight, before its answer is recorded), every write reaches RMS once
/// and the outbox is settled.
@Suite("End to end: writes killed at random moments", .serialized)
struct KilledWritesEndToEndTests {
    /// A sandbox with its orders awaiting confirmation fetched into a store of its own: a database
    /// file of `juchu`'s home, or a database of the test server that config.toml names by url.
    struct Setting {
        let juchu: JuchuBinary
        let sandbox: SandboxHarness
        let scratch: ScratchStore
        let store: any ShopStore
        let service: SyncService
        let numbers: [OrderNumber]

        /// The store as config.toml names it: the file's path, or the server's URL.
        var db: String { scratch.path ?? scratch.location!.shown }

        static func start(orders: Int, backend: StoreBackend = .sqlite) async throws -> Setting {
            let juchu = try JuchuBinary()
            let sandbox = try await SandboxHarness.start(orders: orders, requestsPerSecond: 0) {
                $0.latencyMilliseconds = 3
                $0.secondsUntilProcessing = 1
                $0.secondsUntilDone = 1
            }
            let scratch = try ScratchStore(backend)
            let store = try scratch.open(operatorName: OperatorIdentity.current)
            let service = SyncService(client: sandbox.client, store: store)
            var fetch = FetchSettings()
            fetch.skipYoungerThanMinutes = 0
            fetch.lookBackDays = 30
            try await service.fetch(fetch)
            let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 5_000).map(\.number)
            return Setting(juchu: juchu, sandbox: sandbox, scratch: scratch, store: store, service: service, numbers: numbers)
        }

        /// `command`'s arguments for every 新規受付 order of the file, against the sandbox.
        func arguments(_ command: [String]) throws -> [String] {
            // The sandbox applies an async report at once: no need to give its queue RMS's time.
            command + ["--status", "新規受付", "--config", try CommandsEndToEndTests.sandboxConfig(
                sandbox, in: juchu, database: db, requestsPerSecond: 100, api: "async_apply_seconds = 0")]
        }

        /// Runs `arguments` `runs` times, each killed at a random moment; then once more to its
        /// end. Returns how many runs were killed, and the last run's process.
        /// `longest`: the latest moment drawn, in ms (a run that waits for RMS's results takes seconds).
        /// `environment`: each run's, by its index (the last run's is `runs`).
        func killRepeatedly(
            _ arguments: [String], runs: Int, longest: Int = 600, environment: (Int) -> [String: String] = { _ in [:] },
            beforeLast: () async throws -> Void = {}
        ) async throws -> (killed: Int, last: JuchuProcess) {
            var generator = SystemRandomNumberGenerator()
            var killed = 0
            // Kill moments are drawn up to `longest`, or up to 90 % of the last run that finished: once
            // every order is sent, a run only starts and skips, and on a quiet machine that takes less
            // than that — drawn from a fixed range, most of those runs would finish, not be killed.
            var latestUpperBound = longest  // ms
            for run in 0..<runs {
                let process = try JuchuProcess(juchu, arguments, environment: environment(run))
                let started = ContinuousClock.now
                let moment = Int.random(in: 20...max(21, latestUpperBound), using: &generator)
                try await offPool {
                    Thread.sleep(forTimeInterval: Double(moment) / 1000)
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                    process.waitUntilExit()
                }
                if process.terminationReason == .uncaughtSignal {
                    killed += 1
                } else {
                    latestUpperBound = min(longest, Int((ContinuousClock.now - started) / .milliseconds(1) * 0.9))
                }
            }
            try await beforeLast()
            let last = try JuchuProcess(juchu, arguments, environment: environment(runs))
            try await offPool { last.waitUntilExit() }
            return (killed, last)
        }

        /// The outbox holds nothing unsettled.
        func outboxSettled() throws -> Bool {
            let outbox = try store.health(unconfirmedBefore: Date.distantPast).outbox
            return outbox["pending", default: 0] + outbox["sending", default: 0] + outbox["unknown", default: 0] == 0
        }

        func stop() async {
            await sandbox.stop()
            #expect(throws: Never.self) { try scratch.remove() }
            juchu.cleanUp()
        }
    }

    /// The last run's exit: 0 or 3, or — when the killed runs sent everything — only skips.
    static func finishedCleanly(_ last: JuchuProcess) -> Bool {
        [0, 3].contains(last.terminationStatus) || (last.terminationStatus == 1 && last.output.contains("成功 0件、失敗 0件"))
    }

    @Test("juchu confirm of the sandbox's 1,000 orders killed with SIGKILL at 100 random moments and restarted: each order confirmed once, all reach 楽天処理済", arguments: StoreBackend.available)
    func killedConfirm(backend: StoreBackend) async throws {
        let setting = try await Setting.start(orders: 1_000, backend: backend)
        // The sandbox's orders are at every RMS status; those awaiting confirmation are fetched.
        #expect(setting.numbers.count > 700)
        let confirmable = Set(try setting.store.orders(setting.numbers).filter { !$0.fees.shipping.isUnset && !$0.isBundled }.map(\.number.rawValue))
        let (killed, last) = try await setting.killRepeatedly(try setting.arguments(["confirm"]), runs: 100)
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        // The worker's polling brings every order to 楽天処理済.
        for _ in 0..<30 {
            try await setting.service.pollConfirmations()
            let done = try setting.store.orders(confirmable.map(OrderNumber.init)).filter { $0.sync == .rakutenDone }.count
            if done == confirmable.count { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let accepted = await setting.sandbox.server.acceptedConfirmations()
        #expect(killed > 50, "most runs must be killed, not finish (\(killed))")
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == confirmable)
        let states = try setting.store.orders(confirmable.map(OrderNumber.init)).map(\.sync)
        #expect(states.allSatisfy { $0 == .rakutenDone }, "not all 楽天処理済: \(Set(states.map(\.label)))")
        #expect(try setting.outboxSettled())
        await setting.stop()
    }

    @Test("on PostgreSQL, juchu confirm run from two hosts in turn (JUCHU_HOST_ID), killed with SIGKILL at 20 random moments, then once more while it holds claims: the other host's killed run's writes are left while its heartbeat is fresh and settled once it stops; each order confirmed once", .enabled(if: StoreBackend.serverURL != nil))
    func killedConfirmAcrossHosts() async throws {
        let setting = try await Setting.start(orders: 500, backend: .postgresql)
        let confirmable = Set(try setting.store.orders(setting.numbers).filter { !$0.fees.shipping.isUnset && !$0.isBundled }.map(\.number.rawValue))
        let hosts = ["site-a", "site-b"]
        let database = setting.scratch.location!.database
        let arguments = try setting.arguments(["confirm"])
        // Counted from this process, a host of its own: the open writes, and those whose claimer still beats.
        // Those still beating are counted after the store's answer: a beat that runs out in between is counted neither way.
        func counts() throws -> (open: Int, unresolved: Int, beating: Int) {
            let open = Int(try StoreCopyEndToEndTests.psql("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')", database: database)) ?? -1
            let unresolved = try setting.store.unresolvedIntents().filter { !$0.isUnknown }.count
            let beating = Int(try StoreCopyEndToEndTests.psql("""
                SELECT count(*) FROM outbox o JOIN process_heartbeats h ON h.process = o.claimed_by
                WHERE o.state IN ('pending', 'sending') AND h.beat_at > now() - interval '30 seconds'
                """, database: database)) ?? -1
            return (open, unresolved, beating)
        }
        var beforeWait = (open: 0, unresolved: 0, beating: 0)
        var afterWait = (open: 0, unresolved: 0, beating: 0)
        let (killed, last) = try await setting.killRepeatedly(
            arguments, runs: 20, environment: { ["JUCHU_HOST_ID": hosts[$0 % 2]] }, beforeLast: {
                // One more run of site-b, killed once it holds claims: its writes are open, its heartbeat fresh.
                let straggler = try JuchuProcess(setting.juchu, arguments, environment: ["JUCHU_HOST_ID": "site-b"])
                let claims = "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending') AND claimed_by LIKE '%@site-b:\(straggler.processIdentifier)'"
                let deadline = Date().addingTimeInterval(90)
                while straggler.isRunning, Date() < deadline, try StoreCopyEndToEndTests.psql(claims, database: database) == "0" {
                    try await Task.sleep(for: .milliseconds(10))
                }
                kill(straggler.processIdentifier, SIGKILL)
                try await offPool { straggler.waitUntilExit() }
                beforeWait = try counts()
                // Its heartbeat stops; past the expiry every open write is another host's abandoned one.
                try await Task.sleep(for: .seconds(32))
                afterWait = try counts()
            })
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        #expect(killed > 10, "most runs must be killed, not finish (\(killed))")
        #expect(beforeWait.open > 0 && beforeWait.beating > 0, "the last killed run held no claims: \(beforeWait)")
        #expect(beforeWait.unresolved <= beforeWait.open - beforeWait.beating, "a write whose claimer still beats was taken for abandoned: \(beforeWait)")
        #expect(afterWait.beating == 0 && afterWait.unresolved == afterWait.open && afterWait.open > 0, "\(afterWait)")
        let accepted = await setting.sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == confirmable, "\(confirmable.subtracting(accepted.keys).count) not confirmed")
        #expect(try setting.outboxSettled())
        print("killed across hosts: \(killed) of 20 runs killed; open writes before the heartbeats expired \(beforeWait), after \(afterWait)")
        await setting.stop()
    }

    @Test("juchu mail send of 500 サンクスメール killed with SIGKILL at 40 random moments and restarted: every mail received at most once, each one sent (done) or 結果不明, none marked sent that was not received")
    func killedMail() async throws {
        let setting = try await Setting.start(orders: 720)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        // Not a ソーシャルギフト still 入力待ち: no mail goes to one (its address is RMS's placeholder).
        let mailable = Set(try setting.store.orders(setting.numbers).filter { !$0.fees.shipping.isUnset && $0.giftRecipientDue == nil }.prefix(500).map(\.number))
        #expect(mailable.count == 500)
        let config = try MailEndToEndTests.config(setting.sandbox, relay, in: setting.juchu, database: setting.db, requestsPerSecond: 100)
        let arguments = ["mail", "send", "--template", "thanks", "--config", config] + mailable.map(\.rawValue).sorted()
        let (killed, last) = try await setting.killRepeatedly(arguments, runs: 40, longest: 3_000)
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        #expect(killed > 20, "most runs must be killed, not finish (\(killed))")
        var received: [OrderNumber: Int] = [:]
        for message in try relay.messages() {
            let body = MailEndToEndTests.body(String(decoding: message.data, as: UTF8.self))
            guard let line = body.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("■ご注文番号: ") }) else { continue }
            received[OrderNumber(String(line.dropFirst("■ご注文番号: ".count))), default: 0] += 1
        }
        #expect(received.values.allSatisfy { $0 == 1 }, "received twice: \(received.filter { $0.value > 1 }.keys.prefix(5))")
        let history = try setting.store.mailHistory(Array(mailable))
        var unclear = 0
        for number in mailable {
            let records = history[number] ?? []
            let states = records.map(\.state)
            #expect(!states.contains(.pending) && !states.contains(.sending), "\(number) left \(states)")
            if states.contains(.done) {
                #expect(received[number] == 1, "\(number) marked sent, not received")
            } else if states.contains(.unknown) {
                unclear += 1
            } else {
                Issue.record("\(number) neither sent nor 結果不明: \(states), received \(received[number] ?? 0)")
            }
            if received[number] == 1 { #expect(states.contains(.done) || states.contains(.unknown), "\(number) received but recorded \(states)") }
        }
        #expect(unclear < 40, "at most one 結果不明 per killed run (\(unclear))")
        print("killed mail: \(killed) of 40 runs killed, \(received.count) mails received once each, \(unclear) 結果不明")
        await setting.stop()
    }

    @Test("juchu cancel of 300 orders killed with SIGKILL at 60 random moments and restarted: each order cancelled at RMS once, none left unsettled", arguments: StoreBackend.available)
    func killedCancel(backend: StoreBackend) async throws {
        let setting = try await Setting.start(orders: 400, backend: backend)
        #expect(setting.numbers.count > 250)
        let cancellable = Set(try setting.store.orders(setting.numbers).filter { !$0.isBundled }.map(\.number.rawValue))
        let (killed, last) = try await setting.killRepeatedly(try setting.arguments(["cancel", "--reason", "欠品"]), runs: 60)
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        let accepted = await setting.sandbox.server.acceptedWrites(.cancelOrder)
        #expect(killed > 30, "most runs must be killed, not finish (\(killed))")
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was cancelled twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == cancellable, "\(cancellable.subtracting(accepted.keys).count) not cancelled; the last run: \(last.output.suffix(600))")
        let orders = try setting.store.orders(cancellable.map(OrderNumber.init))
        #expect(orders.allSatisfy { $0.localStatus == .cancelled && $0.rmsProgress.isCancelling },
                "not all cancelled here: \(orders.filter { $0.localStatus != .cancelled || !$0.rmsProgress.isCancelling }.prefix(5).map { "\($0.number) \($0.localStatus) \($0.rmsProgress) \($0.sync)" })")
        #expect(try setting.outboxSettled())
        await setting.stop()
    }

    @Test("juchu push of 200 saved edits killed with SIGKILL at 60 random moments and restarted: each edit reaches RMS once, as saved", arguments: StoreBackend.available)
    func killedPush(backend: StoreBackend) async throws {
        let setting = try await Setting.start(orders: 400, backend: backend)
        // An edit saved on every order that can take one: 送料 up by 250.
        var saved: [String: Int] = [:]
        for order in try setting.store.orders(setting.numbers) where !order.isBundled && !order.fees.shipping.isUnset && order.readProblem == nil {
            var edit = OrderEdit(of: order)
            let fee = (order.fees.shipping.yen ?? 0) + 250
            edit.fees.shipping = .yen(fee)
            guard try setting.store.save(edit, editing: order).isEmpty else { continue }
            saved[order.number.rawValue] = fee
        }
        #expect(saved.count > 150)
        let (killed, last) = try await setting.killRepeatedly(try setting.arguments(["push"]), runs: 60)
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        let accepted = await setting.sandbox.server.acceptedWrites(.updateOrderSender)
        #expect(killed > 30, "most runs must be killed, not finish (\(killed))")
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an edit was pushed twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == Set(saved.keys))
        for (number, fee) in saved {
            let held = await setting.sandbox.server.order(number)
            #expect(held?.postagePrice == fee, "\(number): RMS holds \(held?.postagePrice ?? -1), saved \(fee)")
        }
        let pending = try setting.store.orders(saved.keys.map(OrderNumber.init)).filter { $0.pendingEdit != nil }.map(\.number)
        #expect(pending.isEmpty, "still 未反映: \(pending)")
        #expect(try setting.outboxSettled())
        await setting.stop()
    }

    @Test("juchu push of 200 buyers' changes (お届け日時・メモ, 送付先・置き配, 配送方法, 備考) killed with SIGKILL at 60 random moments and restarted: each group reaches RMS once, as saved")
    func killedDetailPush() async throws {
        let setting = try await Setting.start(orders: 400)
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let context = DetailEdit.Context(today: today)
        // Each order gets the memo group; every second one a new address too, every third a new
        // delivery method, every fifth new remarks: several calls per order, any of them cut.
        var saved: [String: DetailEdit] = [:]
        for (index, order) in try setting.store.orders(setting.numbers).enumerated() where order.readProblem == nil && order.packages.count == 1 && order.giftRecipientDue == nil
            && order.packages[0].handling?.convenienceStore == nil {
            var values: [DetailField: String] = [
                .deliveryDate: today.adding(days: 3 + index % 20).description, .shippingTerm: "1820", .memo: "電話で変更 \(index)",
            ]
            // 送付先 goes with the fees (updateOrderSender): not on an order whose 送料 is not set.
            if index % 2 == 0, !order.fees.shipping.isUnset, !order.fees.cashOnDelivery.isUnset {
                values[.sender(package: 0, .subAddress)] = "変更後の番地 \(index)-1"
            }
            if index % 3 == 0 { values[.deliveryName] = order.delivery?.method == "ゆうパック" ? "宅配便" : "ゆうパック" }
            if index % 5 == 0 { values[.remarks] = "ギフト包装の追加 \(index)" }
            guard case .success = try setting.store.save(DetailEdit(values), editing: order, context: context) else { continue }
            saved[order.number.rawValue] = DetailEdit(values)
            if saved.count == 200 { break }
        }
        #expect(saved.count == 200)
        let (killed, last) = try await setting.killRepeatedly(try setting.arguments(["push"]), runs: 60)
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        #expect(killed > 30, "most runs must be killed, not finish (\(killed))")
        for (function, group) in [(APIFunction.updateOrderMemo, EditGroup.memo), (.updateOrderSender, .sender), (.updateOrderDelivery, .delivery), (.updateOrderRemarks, .remarks)] {
            let accepted = await setting.sandbox.server.acceptedWrites(function)
            let expected = Set(saved.filter { $0.value.values.keys.contains { $0.group == group } }.keys)
            #expect(accepted.values.allSatisfy { $0 == 1 }, "\(function) sent twice: \(accepted.filter { $0.value > 1 })")
            #expect(Set(accepted.keys) == expected, "\(function): \(expected.subtracting(accepted.keys).count) not sent, \(Set(accepted.keys).subtracting(expected).count) not asked")
        }
        for (number, edit) in saved {
            let held = try #require(await setting.sandbox.server.order(number))
            #expect(held.deliveryDate?.description == edit.values[.deliveryDate] && held.shippingTerm == 1820 && held.memo == edit.values[.memo], "\(number)")
            if let address = edit.values[.sender(package: 0, .subAddress)] { #expect(held.packageModelList[0].senderModel.subAddress == address, "\(number)") }
            if let method = edit.values[.deliveryName] { #expect(held.deliveryModel.deliveryName == method, "\(number)") }
            if let remarks = edit.values[.remarks] { #expect(held.remarks == remarks, "\(number)") }
        }
        let pending = try setting.store.orders(saved.keys.map(OrderNumber.init)).filter { $0.pendingEdit != nil }.map(\.number)
        #expect(pending.isEmpty, "still 未反映: \(pending.prefix(5)) \(last.output.split(separator: "\n").filter { line in pending.contains { line.contains($0.rawValue) } }.prefix(5))")
        #expect(try setting.outboxSettled())
        print("killed detail push: \(killed) of 60 runs killed, \(saved.count) orders")
        await setting.stop()
    }

    @Test("juchu ship of every order at 発送待ち killed with SIGKILL at 100 random moments (60 on PostgreSQL), with RMS's QPS limit and 20 % faults, and restarted: each basket reported once, nothing lost", arguments: StoreBackend.available)
    func killedShip(backend: StoreBackend) async throws {
        let setting = try await Setting.start(orders: 1_000, backend: backend)
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let confirmable = try setting.store.orders(setting.numbers).filter { !$0.fees.shipping.isUnset && !$0.isBundled && $0.readProblem == nil }
        let confirmed = try await setting.service.run(.confirm, on: confirmable.map(\.number))
        #expect(confirmed.succeeded == confirmable.count)
        var shippable: [Order] = []
        for _ in 0..<20 where shippable.count < confirmable.count {
            try await Task.sleep(for: .seconds(1))
            try await setting.service.refreshRMSStatus(confirmable.map(\.number))
            shippable = try setting.store.orders(confirmable.map(\.number)).filter { $0.rmsProgress == .awaitingShipment }
        }
        #expect(shippable.count > 600)
        var serial = 0
        var numbers: [String: String] = [:]  // "order|basket" → tracking number
        for order in shippable {
            for package in order.packages {
                serial += 1
                let number = ShippingNumbers.valid(serial)
                numbers["\(order.number)|\(package.basketID)"] = number
                _ = try setting.store.addParcel(to: order.number, basketID: package.basketID, carrier: Carrier(code: "1001"),
                                                trackingNumber: number, shippedOn: today)
            }
        }
        let (faults, _) = try await setting.sandbox.admin("faults", json: #"{"faultRate": 0.2}"#)
        let (qps, _) = try await setting.sandbox.admin("qps", json: #"{"requestsPerSecond": 20}"#)
        #expect(faults == 200 && qps == 200)
        var reportedByKilledRuns = 0
        // A run on PostgreSQL opens more (two connections, the heartbeat) before it reports: its kills are drawn
        // from a longer span, fewer of them, so that some strike while reports are under way.
        let (runs, longest) = backend == .postgresql ? (60, 7_000) : (100, 4_000)
        let (killed, last) = try await setting.killRepeatedly(try setting.arguments(["ship"]), runs: runs, longest: longest, beforeLast: {
            _ = try await setting.sandbox.admin("faults", json: #"{"faultRate": 0}"#)
            reportedByKilledRuns = await setting.sandbox.server.acceptedWrites(.updateOrderShippingAsync).count
        })
        // The kills struck while reports were under way, not only before the first.
        #expect(reportedByKilledRuns > 0, "the killed runs reported nothing")
        #expect(Self.finishedCleanly(last), "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        #expect(killed > runs / 2, "most runs must be killed, not finish (\(killed))")
        let accepted = await setting.sandbox.server.acceptedWrites(.updateOrderShippingAsync)
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was reported twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == Set(shippable.map(\.number.rawValue)), "\(Set(shippable.map(\.number.rawValue)).subtracting(accepted.keys).count) not reported")
        for order in shippable {
            let held = try #require(await setting.sandbox.server.order(order.number.rawValue))
            for package in held.packageModelList {
                let rows = package.shippingModelList ?? []
                #expect(rows.map(\.shippingNumber) == [numbers["\(order.number)|\(package.basketId)"]], "\(order.number) basket \(package.basketId): \(rows)")
            }
        }
        let stored = try setting.store.orders(shippable.map(\.number))
        #expect(stored.allSatisfy { $0.parcels.allSatisfy { $0.report == .reported } && $0.localStatus == .shipped })
        #expect(try setting.outboxSettled())
        await setting.stop()
    }
}
