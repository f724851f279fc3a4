import Foundation
import Synchronization
import OrderEngine
import OrderStore
import RakutenPay

/// 取りこぼしの確認 (reconcile): every order number RMS lists for a period, all statuses, against
/// the store — what RMS has that the store lacks, and what the store holds that RMS does not list.
/// searchOrder reaches 730 days back in windows of 63 days (rpay-api.md §3.1); peers re-pull
/// 24 hours to 7 days at most (orders-rules-scale.md §2.5).
public struct ReconcileReport: Sendable {
    public let from: CalendarDate
    public let through: CalendarDate
    /// How many RMS listed, and how many Rakuten orders of the period are here.
    public var listedByRMS = 0
    public var heldHere = 0
    /// RMS has them, the store does not: by RMS's status (read with getOrder).
    public var missing: [RMSProgress: [OrderNumber]] = [:]
    /// Listed by searchOrder, not returned by getOrder (INFO_102): asked again by the next run.
    public var notReturned: [String] = []
    /// Orders RMS sent that could not be read, each with its number and key path.
    public var unreadable: [String] = []
    /// Here, and not listed by RMS for the period: by the status held here.
    public var notAtRMS: [RMSProgress: [OrderNumber]] = [:]
    /// With `fetch`: the missing orders stored now (those already stored meanwhile are counted apart).
    public var inserted = 0
    public var tooYoung = 0
    /// What it cost: searchOrder pages and getOrder calls, and the time.
    public var requests = 0
    public var seconds = 0.0

    public var missingCount: Int { missing.values.reduce(0) { $0 + $1.count } }
    public var notAtRMSCount: Int { notAtRMS.values.reduce(0) { $0 + $1.count } }
}

extension SyncService {
    /// RMS's furthest reach back: searchOrder's start must lie within the past 730 days.
    public static let reconcileReachDays = 730

    /// The status an order found missing is stored at: キャンセル when RMS has it cancelled (or
    /// cancelling), 出荷済み when RMS has it shipped (500–700), the shop's first status otherwise.
    static func localStatus(of progress: RMSProgress, new: LocalStatus) -> LocalStatus {
        if progress.isCancelling { return .cancelled }
        if (500...700).contains(progress.code) { return .shipped }
        return new
    }

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
            var requests = pages.withLock { $0 }
            if !wanted.isEmpty {
                let fetched = try await client.getOrders(wanted)
                requests += (wanted.count + GetOrderRequest.maximumOrders - 1) / GetOrderRequest.maximumOrders
                for order in fetched.orders {
                    report.missing[RMSProgress(code: order.model.orderProgress), default: []].append(OrderNumber(order.model.orderNumber))
                }
                report.notReturned = fetched.missing
                report.unreadable = fetched.failures.map(\.description)
                if fetch {
                    let cutoff = RakutenDateTime(nowDate).adding(seconds: -Int64(settings.skipYoungerThanMinutes) * 60)
                    var ripe = fetched
                    if settings.skipYoungerThanMinutes > 0 { ripe.orders = fetched.orders.filter { $0.model.orderDatetime <= cutoff } }
                    report.tooYoung = fetched.orders.count - ripe.orders.count
                    // An order RMS has shipped or cancelled already is not a new order of the shop's.
                    for (status, orders) in Dictionary(grouping: ripe.orders, by: { Self.localStatus(of: RMSProgress(code: $0.model.orderProgress), new: settings.localStatus) }) {
                        var part = ripe
                        part.orders = orders
                        report.inserted += try store(part, as: status).inserted
                    }
                }
            }
            for key in report.missing.keys { report.missing[key]?.sort { $0.rawValue < $1.rawValue } }
            for key in report.notAtRMS.keys { report.notAtRMS[key]?.sort { $0.rawValue < $1.rawValue } }
            report.requests = requests
            let elapsed = (ContinuousClock.now - started).components
            report.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            return report
        }
    }
}
