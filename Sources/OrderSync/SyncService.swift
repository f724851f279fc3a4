import Foundation
import Logging
import OrderEngine
import OrderStore
import RakutenPay

/// Moves orders between RMS and the store: fetch, send confirmations, read RMS state back.
/// Every write to RMS is recorded in the store's outbox before it is sent.
public struct SyncService: Sendable {
    public let client: RakutenPayClient
    public let store: OrderStore
    public let events: @Sendable (SyncEvent) -> Void
    let now: @Sendable () -> Date
    let logger = Logger(label: "juchu.sync")

    public init(
        client: RakutenPayClient, store: OrderStore, now: @escaping @Sendable () -> Date = Date.init,
        events: @escaping @Sendable (SyncEvent) -> Void = { _ in }
    ) {
        self.client = client
        self.store = store
        self.now = now
        self.events = events
    }

    /// The same service reporting to `events` instead.
    public func reporting(to events: @escaping @Sendable (SyncEvent) -> Void) -> SyncService {
        SyncService(client: client, store: store, now: now, events: events)
    }

    /// The same service with other credentials (a licenceKey renewed in RMS).
    public func using(_ credentials: RakutenPayCredentials) -> SyncService {
        var configuration = client.configuration
        configuration.credentials = credentials
        return SyncService(client: RakutenPayClient(configuration: configuration), store: store, now: now, events: events)
    }

    // MARK: 受注取得

    /// Fetches the orders RMS holds in `settings.rmsProgress` and stores those not yet stored.
    @discardableResult
    public func fetch(_ settings: FetchSettings) async throws -> FetchReport {
        events(.fetchStarted)
        return try await reportingFailure(of: Activity.fetch) {
            let end = RakutenDateTime(now())
            let start = end.adding(seconds: -Int64(settings.lookBackDays) * 86_400)
            let numbers = try await client.searchOrderNumbers(
                orderProgress: [settings.rmsProgress.code], from: start, to: end)
            let known = Set(try store.orders(numbers.map(OrderNumber.init)).map(\.number.rawValue))
            let wanted = numbers.filter { !known.contains($0) }
            var report = FetchReport(found: numbers.count, alreadyPresent: known.count)
            let fetched = try await client.getOrders(wanted) { done, total in
                events(.fetchProgress(done: done, total: total))
            }
            let cutoff = end.adding(seconds: -Int64(settings.skipYoungerThanMinutes) * 60)
            var ripe = fetched
            if settings.skipYoungerThanMinutes > 0 {
                ripe.orders = fetched.orders.filter { $0.model.orderDatetime <= cutoff }
                report.tooYoung = fetched.orders.count - ripe.orders.count
            }
            let summary = try store.importOrders(OrderImport.incoming(ripe, localStatus: settings.localStatus, fetchedAt: now()))
            report.inserted = summary.inserted
            report.alreadyPresent += summary.alreadyPresent
            report.unreadable = fetched.failures.map(\.description)
            // Listed by searchOrder but not returned by getOrder: searched and asked for again next round.
            report.notReturned = fetched.missing
            if !fetched.missing.isEmpty {
                logger.warning("getOrder did not return \(fetched.missing.count) listed orders: \(fetched.missing.joined(separator: ", "))")
            }
            events(.fetchFinished(report))
            return report
        }
    }

    // MARK: 注文確認通知

    /// Claims `numbers` for confirmation in the store, sends them 100 per call, and records each
    /// result. Intents a process left behind when it died are resolved from RMS first, so that
    /// their orders are sent again only if RMS shows them unconfirmed.
    public func confirm(_ numbers: [OrderNumber]) async throws -> ConfirmReport {
        try await settleUnclearWrites()
        let claimed = try store.claimConfirmations(numbers)
        return try await send(claimed)
    }

    /// Sends intents already claimed and recorded.
    public func send(_ claimed: OrderStore.Applied) async throws -> ConfirmReport {
        var report = ConfirmReport(skipped: claimed.plan.skips)
        let numbers = claimed.plan.changes.map(\.number).filter { claimed.intents[$0] != nil }
        var sent = 0
        events(.confirmProgress(sent: 0, total: numbers.count))
        for batch in numbers.chunked(into: ConfirmOrderRequest.maximumOrders) {
            let intents = batch.compactMap { claimed.intents[$0] }
            try store.markSending(intents)
            let results = await client.confirmOrder(batch.map(\.rawValue))
            var outcomes: [(intent: Int64, number: OrderNumber, outcome: OrderStore.IntentOutcome)] = []
            for result in results {
                let number = OrderNumber(result.orderNumber)
                guard let intent = claimed.intents[number] else { continue }
                let outcome = Self.storeOutcome(result.outcome)
                outcomes.append((intent, number, outcome))
                report.lines.append(Self.line(number, outcome))
            }
            try store.recordConfirmations(outcomes)
            sent += batch.count
            events(.confirmProgress(sent: sent, total: numbers.count))
        }
        events(.confirmFinished(report))
        return report
    }

    static func storeOutcome(_ outcome: RakutenPayClient.ConfirmOutcome) -> OrderStore.IntentOutcome {
        switch outcome {
        case .accepted(let progress): .accepted(progress.map(RMSProgress.init(code:)))
        case .refused(let errorClass, let message), .notApplied(let errorClass, let message):
            .failed(errorClass, detail: message)
        case .unknown(_, let message): .unknown(detail: message)
        }
    }

    static func line(_ number: OrderNumber, _ outcome: OrderStore.IntentOutcome) -> ConfirmReport.Line {
        switch outcome {
        case .accepted: ConfirmReport.Line(number: number, ok: true, message: "注文確認に成功しました")
        case .failed(let errorClass, _):
            // The operator's words for RMS's error, and what to do about it.
            ConfirmReport.Line(number: number, ok: false, message: errorClass.messageWithRemedy)
        case .unknown: ConfirmReport.Line(number: number, ok: false, message: "結果不明（RMSを確認中）")
        }
    }

    // MARK: RMSステータスを取得 and polling

    /// Reads `numbers` again from RMS and records what it holds.
    @discardableResult
    public func refreshRMSStatus(_ numbers: [OrderNumber], action: String = "refresh-rms-status") async throws -> Int {
        guard !numbers.isEmpty else { return 0 }
        return try await reportingFailure(of: Activity.reading(for: action)) {
            let fetched = try await client.getOrders(numbers.map(\.rawValue))
            try store.recordRMSCopies(fetched.orders.map { OrderStore.RMSCopy(model: $0.model, rawJSON: $0.rawJSON) }, action: action)
            events(.statusRefreshed(count: fetched.orders.count))
            return fetched.orders.count
        }
    }

    /// Reads the licenceKey's expiry from RMS (LicenseManagementAPI) and records it, for the
    /// warning every desk and `juchu status` give from 14 days before.
    @discardableResult
    public func readLicenseExpiry() async throws -> Date {
        try await reportingFailure(of: Activity.licenseExpiry) {
            let expiry = try await client.licenseKeyExpiry()
            try store.recordLicenseExpiry(expiry, licenseKey: client.configuration.credentials.licenseKey)
            events(.licenseExpiry(expiry))
            return expiry
        }
    }

    /// RMSの変更を確認: reads again the Rakuten orders of the last two months that RMS has not
    /// shipped or cancelled, so that what RMS changed on its own shows as 差分あり.
    @discardableResult
    public func watchOpenOrders() async throws -> Int {
        let open = try store.openRakutenOrders(since: now().addingTimeInterval(-62 * 86_400))
        return try await refreshRMSStatus(open, action: "rms-watch")
    }

    /// One round of watching confirmations: reads the orders Rakuten is processing, and resolves
    /// intents whose outcome is unknown by what RMS holds.
    public func pollConfirmations(staleIntentAge: TimeInterval = 600) async throws {
        let awaiting = try store.ordersAwaitingRakuten()
        if !awaiting.isEmpty { try await refreshRMSStatus(awaiting, action: "confirm-poll") }
        try await settleUnclearWrites(staleIntentAge: staleIntentAge)
    }

    /// Writes whose outcome is unknown, or left by a process that is gone — confirmations,
    /// cancellations and edit pushes alike — are settled by what RMS holds
    /// (``UnclearWriteSettlement``): done there (accepted), or not (failed, may be sent again).
    /// An order RMS does not return stays unsettled, and nothing more is sent for it.
    public func settleUnclearWrites(staleIntentAge: TimeInterval = 600) async throws {
        let unresolved = try store.unresolvedIntents(claimedBefore: now().addingTimeInterval(-staleIntentAge))
        guard !unresolved.isEmpty else { return }
        let numbers = Array(Set(unresolved.map(\.number)))
        let fetched = try await reportingFailure(of: Activity.settle) {
            try await client.getOrders(numbers.map(\.rawValue))
        }
        let copies = Dictionary(fetched.orders.map { ($0.model.orderNumber, $0) }, uniquingKeysWith: { $1 })
        let local = Dictionary(try store.orders(numbers).map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        var outcomes: [String: [(intent: Int64, number: OrderNumber, outcome: OrderStore.IntentOutcome)]] = [:]
        for (intent, number, kind) in unresolved {
            guard let copy = copies[number.rawValue], let ours = local[number] else { continue }
            let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
            let outcome: OrderStore.IntentOutcome =
                switch UnclearWriteSettlement.settle(kind: kind, local: ours, rms: rms) {
                case .applied(let progress): .accepted(progress)
                case .notApplied(let reason): .failed(.temporary, detail: reason)
                }
            outcomes[kind, default: []].append((intent, number, outcome))
        }
        if let confirms = outcomes["confirm"] { try store.recordConfirmations(confirms) }
        if let cancels = outcomes["cancel"] { try store.recordCancellations(cancels) }
        if let pushes = outcomes["push-edit"] { try store.recordEditPushes(pushes) }
        // RMS's copies as read, with the statuses and totals that settled them.
        let settled = Set(outcomes.values.joined().map(\.number.rawValue))
        try store.recordRMSCopies(
            fetched.orders.filter { settled.contains($0.model.orderNumber) }.map { OrderStore.RMSCopy(model: $0.model, rawJSON: $0.rawJSON) },
            action: "settle")
    }
}

extension SyncService {
    /// The names of what the service does in the background, as failures are recorded under.
    public enum Activity {
        public static let fetch = "受注取得"
        public static let settle = "送信結果の確認"
        public static let licenseExpiry = "licenseKeyの有効期限の確認"

        /// Reading orders again from RMS, by why they are read.
        public static func reading(for action: String) -> String {
            switch action {
            case "confirm-poll": "注文確認の結果の確認"
            case "rms-watch": "RMSの変更の確認"
            default: "RMSステータスを取得"
            }
        }
    }

    /// Runs `body`; a failure of any kind is told to the desk (an event with what was being done
    /// and why), recorded in the store for `juchu status` and the other desks, and logged, then
    /// thrown on. A success clears what was recorded.
    func reportingFailure<T>(of activity: String, _ body: () async throws -> T) async throws -> T {
        let value: T
        do {
            value = try await body()
        } catch where error is CancellationError || Task.isCancelled {
            // Stopped (the desk quits, the worker is told to stop): not a failure of the activity.
            throw error
        } catch {
            let errorClass = (error as? RakutenPayError)?.errorClass
            // RMS's failures are said by their class (the operator's message); the detail adds which
            // call and what came back, not the message again.
            var detail = (error as? RakutenPayError)?.summary ?? "\(error)"
            logger.error("\(activity) failed: \(detail)")
            do {
                try store.recordSyncFailure(activity, detail: detail)
            } catch let recording {
                // Still shown and logged; the file itself is the trouble.
                detail += "（記録もできません: \(recording)）"
                logger.error("\(activity): failure not recorded: \(recording)")
            }
            events(.failed(activity: activity, errorClass: errorClass, detail: detail))
            throw error
        }
        try store.clearSyncFailure(activity)
        return value
    }
}

extension SyncService {
    /// キャンセル: applies the cancellation locally with an outbox intent per Rakuten order, then
    /// sends each to RMS once (cancelOrder takes one order per call) and records what RMS said.
    public func cancel(_ numbers: [OrderNumber], reasonCode: Int) async throws -> ConfirmReport {
        try await settleUnclearWrites()
        let applied = try store.apply(try CancelAction(reasonCode: reasonCode), to: numbers)
        var report = ConfirmReport(skipped: applied.plan.skips)
        for change in applied.plan.changes {
            guard let intent = applied.intents[change.number] else {
                report.lines.append(.init(number: change.number, ok: true, message: "キャンセルしました（店舗の注文）"))
                continue
            }
            try store.markSending([intent])
            let outcome: OrderStore.IntentOutcome
            do {
                let answer = try await client.cancelOrder(CancelOrderRequest(orderNumber: change.number.rawValue, changeReasonDetailApply: reasonCode))
                outcome = answer.errors.first.map { .failed(.rejected, detail: "\($0.messageCode) \($0.message)") } ?? .accepted(.awaitingCancellation)
            } catch let error as RakutenPayError {
                let detail = error.messages.first.map { "\($0.messageCode) \($0.message)" } ?? error.summary
                outcome = error.mayHaveBeenApplied ? .unknown(detail: detail) : .failed(error.errorClass, detail: detail)
            }
            try store.recordCancellations([(intent, change.number, outcome)])
            switch outcome {
            case .accepted: report.lines.append(.init(number: change.number, ok: true, message: "キャンセル申請に成功しました"))
            case .failed(let errorClass, let detail): report.lines.append(.init(number: change.number, ok: false, message: "\(errorClass.messageWithRemedy)（\(detail)）"))
            case .unknown: report.lines.append(.init(number: change.number, ok: false, message: "結果不明（RMSステータスを取得してください）"))
            }
        }
        return report
    }
    /// 入力内容を反映する: each order's saved edit goes to RMS (updateOrderSender), recorded in the
    /// outbox before it is sent.
    public func pushEdits(_ numbers: [OrderNumber]) async throws -> ConfirmReport {
        try await settleUnclearWrites()
        let applied = try store.apply(PushEditAction(), to: numbers)
        var report = ConfirmReport(skipped: applied.plan.skips)
        for change in applied.plan.changes {
            guard let intent = applied.intents[change.number] else { continue }
            try store.markSending([intent])
            let outcome: OrderStore.IntentOutcome
            do {
                // The order as stored, with the edit as it was before the push cleared it.
                guard var order = try store.order(change.number), let raw = try store.rawJSON(of: change.number) else {
                    throw StoreError("注文 \(change.number) のRMSの内容が保存されていません")
                }
                order.pendingEdit = change.before.pendingEdit
                let model = try JSONIndexDecoder().decode(OrderModel.self, from: raw)
                let answer = try await client.updateOrderSender(UpdateOrderSenderRequest(pushing: order, onto: model))
                outcome = answer.errors.first.map { .failed(.rejected, detail: "\($0.messageCode) \($0.message)") } ?? .accepted(nil)
            } catch let error as RakutenPayError {
                let detail = error.messages.first.map { "\($0.messageCode) \($0.message)" } ?? error.summary
                outcome = error.mayHaveBeenApplied ? .unknown(detail: detail) : .failed(error.errorClass, detail: detail)
            } catch {
                // Nothing was sent: the edit stays pending.
                outcome = .failed(.rejected, detail: "\(error)")
            }
            try store.recordEditPushes([(intent, change.number, outcome)])
            switch outcome {
            case .accepted: report.lines.append(.init(number: change.number, ok: true, message: "RMSに反映しました"))
            case .failed(let errorClass, let detail): report.lines.append(.init(number: change.number, ok: false, message: "\(errorClass.messageWithRemedy)（\(detail)）"))
            case .unknown: report.lines.append(.init(number: change.number, ok: false, message: "結果不明（もう一度反映するか、RMSで確認してください）"))
            }
        }
        // RMS's copy as it now stands, with the totals RMS worked out from the pushed amounts.
        let pushed = report.lines.filter(\.ok).map(\.number)
        if !pushed.isEmpty { try await refreshRMSStatus(pushed, action: "push-edit-readback") }
        return report
    }
}
