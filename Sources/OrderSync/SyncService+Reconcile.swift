import Foundation
import Synchronization
import OrderEngine
import OrderStore
import RakutenPay

/// 取りこぼしの確認: every order number RMS lists for a period, all statuses, against the store.
/// searchOrder reaches 730 days back in windows of 63 days (rpay-api.md §3.1); peers re-pull 24
/// hours to 7 days at most (orders-rules-scale.md §2.5).
extension SyncService {
    /// RMS's furthest reach back: searchOrder's start must lie within the past 730 days.
    public static let reconcileReachDays = 730

    /// Compares RMS's orders of `from`…`through` (注文日, Japan days) with the store's; with
    /// `fetch`, brings the missing ones in through the normal import (the rules then take them).
    /// Every request goes through the client's shared rate budget.
    public func reconcile(from: CalendarDate, through: CalendarDate, fetch: Bool, settings: FetchSettings) async throws -> ReconcileReport {
        let started = ContinuousClock.now
        let nowDate = now()
        let today = CalendarDate(japanDayOf: JapanTime(nowDate))
        let earliest = today.adding(days: -(Self.reconcileReachDays - 1))
        guard from <= through else { throw ActionInputError("期間の始め（\(from)）が終わり（\(through)）より後です") }
        guard earliest <= from else { throw ActionInputError("RMSは注文日の\(Self.reconcileReachDays)日前までしか検索できません: \(earliest) 以降を指定してください（\(from)）") }
        guard through <= today else { throw ActionInputError("期間の終わり（\(through)）が今日（\(today)）より後です") }
        return try await reportingFailure(of: "取りこぼしの確認") {
            var report = ReconcileReport(from: from, through: through)
            let start = Date(timeIntervalSince1970: Double(from.startInJapan))
            let end = min(nowDate, Date(timeIntervalSince1970: Double(through.adding(days: 1).startInJapan)))
            let pages = Mutex(0)
            let listed = try await client.searchOrderNumbers(
                orderProgress: nil, from: RakutenDateTime(start), to: RakutenDateTime(end.addingTimeInterval(-1)),
                onPage: { pages.withLock { $0 += 1 } })
            let held = try store.rakutenOrders(orderedFrom: start, until: end)
            report.listedByRMS = listed.count
            report.heldHere = held.count
            let listedSet = Set(listed)
            for (number, progress) in held where !listedSet.contains(number.rawValue) {
                report.notAtRMS[progress, default: []].append(number)
            }
            let wanted = listed.filter { held[OrderNumber($0)] == nil }
            let requests = Mutex(pages.withLock { $0 })
            if !wanted.isEmpty {
                let fetched = try await client.getOrders(wanted) { _, _ in requests.withLock { $0 += 1 } }
                // Placed too recently, as the fetch leaves them: taken by a later fetch or run.
                let cutoff = RakutenDateTime(nowDate).adding(seconds: -Int64(settings.skipYoungerThanMinutes) * 60)
                var ripe = fetched
                if settings.skipYoungerThanMinutes > 0 { ripe.orders = fetched.orders.filter { $0.model.orderDatetime <= cutoff } }
                report.tooYoung = fetched.orders.count - ripe.orders.count
                for order in ripe.orders {
                    report.missing[RMSProgress(code: order.model.orderProgress), default: []].append(OrderNumber(order.model.orderNumber))
                }
                report.notReturned = fetched.missing
                report.unreadable = fetched.failures.map(\.description)
                if fetch {
                    // One transaction; an order RMS is done with comes in as such, not as new.
                    let summary = try importFetched(ripe, as: settings.localStatus, broughtIn: true)
                    report.inserted = summary.inserted
                    report.storedMeanwhile = summary.alreadyPresent
                }
            }
            for key in report.missing.keys { report.missing[key]?.sort { $0.rawValue < $1.rawValue } }
            for key in report.notAtRMS.keys { report.notAtRMS[key]?.sort { $0.rawValue < $1.rawValue } }
            report.requests = requests.withLock { $0 }
            let elapsed = (ContinuousClock.now - started).components
            report.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            return report
        }
    }
}
