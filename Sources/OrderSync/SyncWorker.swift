import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// Runs the sync service on a schedule: polls confirmations every `pollInterval`, fetches every
/// `fetchInterval` (when set), and reads open orders again every `watchInterval` for what RMS
/// changed on its own. Runs until its task is cancelled.
///
/// When RMS refuses the licenceKey (expired), the worker stops calling RMS — nothing is lost:
/// what waits to be sent stays in the outbox — says so in the database for every desk and
/// `juchu status`, and resumes by itself once `credentials` gives a new key.
public struct SyncWorker: Sendable {
    public var service: SyncService
    public var fetchSettings: FetchSettings
    public var pollInterval: Duration
    /// Nil: fetch only on demand.
    public var fetchInterval: Duration?
    /// How often open orders are read again for what RMS changed on its own (差分あり).
    public var watchInterval: Duration = .seconds(30 * 60)
    /// How long the worker's lease on the database file lasts unrenewed: only the lease's
    /// holder works, so that one worker is active per file however many desks are open.
    public var leaseSeconds: Int
    /// The credentials as the settings give them now (config.toml read again), for a worker
    /// stopped by an expired key. Nil: the key cannot change while the worker runs.
    public var credentials: (@Sendable () -> RakutenPayCredentials?)?
    /// The shop's rules (rules.toml), run on each newly imported order by the worker that holds
    /// the lease — never by two processes at once.
    public var rules = RuleSet([])
    /// The rules as rules.toml says now: looked at each round, so that an edit takes effect without
    /// a restart. A file that does not read throws, and the rules stay as they were.
    public var reloadRules: (@Sendable () throws -> RuleSet)?
    /// The daily backup of the store (`[backup]`), made by the worker that holds the lease; nil: none.
    public var backups: BackupSchedule?
    /// Fetch in the first round (`juchu sync`) rather than one interval later (the desk fetches
    /// on its own when it opens).
    public var fetchAtStart = true

    public init(
        service: SyncService, fetchSettings: FetchSettings, pollInterval: Duration, fetchInterval: Duration?,
        leaseSeconds: Int? = nil, credentials: (@Sendable () -> RakutenPayCredentials?)? = nil
    ) {
        self.service = service
        self.fetchSettings = fetchSettings
        self.pollInterval = pollInterval
        self.fetchInterval = fetchInterval
        // Renewed every round: three missed rounds before another process takes over.
        self.leaseSeconds = leaseSeconds ?? max(30, Int(pollInterval.components.seconds) * 3)
        self.credentials = credentials
    }

    public func run() async {
        let clock = ContinuousClock()
        var service = service
        var rules = rules
        var nextFetch = fetchInterval.map { fetchAtStart ? clock.now : clock.now + $0 }
        var nextWatch = clock.now + watchInterval
        // The licenceKey's expiry: at the start, then once a day.
        var nextLicenseCheck = clock.now
        var nextBackupCheck = clock.now
        var nextReconcile = clock.now
        var active: Bool?
        var refusedKey: String?
        while !Task.isCancelled {
            let holds: Bool
            do {
                holds = try service.store.acquireWorkerLease(seconds: leaseSeconds)
            } catch {
                // The file cannot be written: nothing can be fetched into it either. Said, and tried next round.
                service.events(.failed(activity: "同期担当の確保", errorClass: nil, detail: "\(error)"))
                holds = false
            }
            if holds != active {
                active = holds
                service.events(.workerActive(holds))
            }
            if holds, let key = refusedKey {
                // Stopped: RMS is not called again with the key it refused, until the key changes.
                if let fresh = credentials?(), fresh.licenseKey != key {
                    service = service.using(fresh)
                    refusedKey = nil
                    recordProblem(nil, service)
                    service.events(.workerResumed)
                    nextFetch = clock.now
                } else {
                    recordProblem(Self.stoppedMessage, service)
                }
            }
            if holds, let backups, clock.now >= nextBackupCheck {
                // Made whatever RMS says: the store is the shop's own. Looked at hourly; a failure is
                // said and tried an hour later, not every round.
                nextBackupCheck = clock.now + .seconds(3600)
                do {
                    if try service.store.backupIsDue(backups) {
                        let made = try service.store.makeBackup(backups)
                        service.events(.backedUp(made.backup.path, made.backup.contents.summary))
                    }
                } catch {
                    service.events(.failed(activity: "バックアップ", errorClass: nil, detail: "\(error)（1時間後にもう一度）"))
                }
                // A large store's backup may outlast the lease: the round goes on only if it is still this worker's.
                do {
                    if try !service.store.acquireWorkerLease(seconds: leaseSeconds) {
                        active = false
                        service.events(.workerActive(false))
                        continue
                    }
                } catch {
                    service.events(.failed(activity: "同期担当の確保", errorClass: nil, detail: "\(error)"))
                    continue
                }
            }
            if holds, refusedKey == nil {
                do {
                    // The worker's requests wait behind any operator's (RequestPriority).
                    try await RequestPriority.$current.withValue(.background) {
                        try await service.pollConfirmations()
                        if let due = nextFetch, clock.now >= due, let interval = fetchInterval {
                            nextFetch = clock.now + interval
                            _ = try await service.fetch(fetchSettings)
                        }
                        if let reloadRules {
                            do {
                                let fresh = try reloadRules()
                                if fresh != rules {
                                    rules = fresh
                                    service.events(.rulesReloaded(count: fresh.rules.count))
                                }
                            } catch {
                                service.events(.failed(activity: "ルールの読み込み", errorClass: nil, detail: "\(error)（前のルールのまま動きます）"))
                            }
                        }
                        do {
                            _ = try await service.runRulesOnNewOrders(rules)
                        } catch {
                            // Said and logged; the orders stay unchecked and the next round tries again.
                            service.events(.failed(activity: "ルールの実行", errorClass: nil, detail: "\(error)"))
                        }
                        if clock.now >= nextWatch {
                            nextWatch = clock.now + watchInterval
                            _ = try await service.watchOpenOrders()
                        }
                        if clock.now >= nextLicenseCheck {
                            nextLicenseCheck = clock.now + .seconds(86_400)
                            _ = try await service.readLicenseExpiry()
                            // The shop's sub-statuses, for 注文内容修正 and juchu edit: daily, as RMS changes them rarely.
                            _ = try await service.refreshSubStatuses()
                        }
                        if fetchSettings.reconcileDays > 0, clock.now >= nextReconcile {
                            // What the fetch of 注文確認待ち cannot see: an order RMS moved on (its
                            // 自動注文確認) or that arrived while the worker was stopped. Daily once it
                            // has run; a failure (said by the service) is tried again an hour later.
                            nextReconcile = clock.now + .seconds(3600)
                            let today = CalendarDate(japanDayOf: JapanTime(service.now()))
                            let report = try await service.reconcile(
                                from: today.adding(days: -(fetchSettings.reconcileDays - 1)), through: today, fetch: true, settings: fetchSettings)
                            nextReconcile = clock.now + .seconds(86_400)
                            if !report.agrees(fetched: true) || report.missingCount > 0 { service.events(.reconciled(report)) }
                        }
                    }
                } catch let error as RakutenPayError where error.errorClass == .authentication {
                    refusedKey = service.client.configuration.credentials.licenseKey
                    recordProblem(Self.stoppedMessage, service)
                } catch {
                    // Shown, recorded and logged by the service (SyncEvent.failed); the next round tries again.
                }
            }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                break  // Cancelled: the worker stops.
            }
        }
        // Stopping cleanly: another process may take over at once.
        if active == true {
            do {
                try service.store.releaseWorkerLease()
            } catch {
                // Not fatal: the lease runs out by itself within `leaseSeconds`.
                service.events(.failed(activity: "同期担当の解放", errorClass: nil, detail: "\(error)"))
            }
        }
    }

    /// Says in the database why the worker stopped (or that it works again), for every desk and
    /// `juchu status`; when that cannot be written, says so here.
    private func recordProblem(_ problem: String?, _ service: SyncService) {
        do {
            try service.store.setWorkerProblem(problem)
        } catch {
            service.events(.failed(activity: "同期の状態の記録", errorClass: nil, detail: "\(error)"))
        }
    }

    /// What `juchu status` and the desks say while the worker is stopped.
    public static let stoppedMessage =
        "同期を停止中: \(APIErrorClass.authentication.message)。\(APIErrorClass.authentication.remedy)（config.toml の license_key を更新すると再開します）"
}
