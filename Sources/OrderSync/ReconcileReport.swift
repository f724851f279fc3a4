import OrderEngine

/// What 取りこぼしの確認 found (``SyncService/reconcile(from:through:fetch:settings:)``): the
/// orders RMS lists for a period against those here, per status, both ways.
public struct ReconcileReport: Sendable {
    public let from: CalendarDate
    public let through: CalendarDate
    /// How many RMS listed, and how many Rakuten orders of the period are here.
    public var listedByRMS = 0
    public var heldHere = 0
    /// RMS has them, the store does not: by RMS's status (read with getOrder).
    public var missing: [RMSProgress: [OrderNumber]] = [:]
    /// Missing but placed too recently to take yet (`[fetch] skip_younger_than_minutes`), as the
    /// fetch leaves them: not counted as missing.
    public var tooYoung = 0
    /// Listed by searchOrder, not returned by getOrder (INFO_102): asked again by the next run.
    public var notReturned: [String] = []
    /// Orders RMS sent that could not be read, each with its number and key path (stored 要確認 by `fetch`).
    public var unreadable: [String] = []
    /// Here, and not listed by RMS for the period: by the status held here.
    public var notAtRMS: [RMSProgress: [OrderNumber]] = [:]
    /// With `fetch`: the missing orders stored now (the unreadable ones too, 要確認), and those
    /// another process stored meanwhile.
    public var inserted = 0
    public var storedMeanwhile = 0
    /// What it cost: the requests asked of RMS (searchOrder pages, getOrder calls), and the time.
    public var requests = 0
    public var seconds = 0.0

    public init(from: CalendarDate, through: CalendarDate) {
        self.from = from
        self.through = through
    }

    public var missingCount: Int { missing.values.reduce(0) { $0 + $1.count } }
    public var notAtRMSCount: Int { notAtRMS.values.reduce(0) { $0 + $1.count } }

    /// Whether the store and RMS agree for the period now: nothing missing (or, fetched, every
    /// missing order stored), nothing here that RMS does not list, nothing RMS withheld or sent unreadable.
    public func agrees(fetched: Bool) -> Bool {
        let missingLeft = fetched ? missingCount + unreadable.count - inserted - storedMeanwhile : missingCount
        return missingLeft == 0 && notAtRMSCount == 0 && notReturned.isEmpty && unreadable.isEmpty
    }

    /// What `fetch` stored: 「取り込み 3件、他の端末が取り込み済み 1件」.
    public var storedText: String {
        "取り込み \(inserted)件" + (storedMeanwhile > 0 ? "、他の端末が取り込み済み \(storedMeanwhile)件" : "")
    }

    /// One line for the desk and the worker's log.
    public var summary: String {
        var parts = ["取りこぼしの確認（\(from)〜\(through)）: RMSにあってここになかった注文 \(missingCount)件（\(storedText)）"]
        if !unreadable.isEmpty { parts.append("読めない注文 \(unreadable.count)件（要確認で取り込み）") }
        if !notReturned.isEmpty { parts.append("RMSが返さなかった注文 \(notReturned.count)件（次回もう一度）") }
        if notAtRMSCount > 0 { parts.append("ここにあってRMSが挙げない注文 \(notAtRMSCount)件（juchu reconcile で確認）") }
        return parts.joined(separator: "、")
    }
}
