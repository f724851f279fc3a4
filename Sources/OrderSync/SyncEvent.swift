import struct Foundation.Date
import OrderEngine

/// What the sync service tells whoever shows its work (the desk's status bar, `juchu fetch`).
public enum SyncEvent: Sendable {
    case fetchStarted
    case fetchProgress(done: Int, total: Int)
    case fetchFinished(FetchReport)
    /// Writes of one kind being sent to RMS: so many of so many.
    case writeProgress(OutboundWrite.Kind, sent: Int, total: Int)
    case writeFinished(OutboundWrite.Kind, WriteReport)
    case statusRefreshed(count: Int)
    /// rules.toml changed and was read again: the worker runs these rules from now on.
    case rulesReloaded(count: Int)
    /// A write a dead sender left on its way may still reach RMS: settled after so many seconds.
    case waitingForWritesInFlight(seconds: Int)
    /// Whether this process's worker holds the lease (works) or stands by for another's.
    case workerActive(Bool)
    /// The worker, stopped by a refused licenceKey, works again with a new one.
    case workerResumed
    /// A backup of the store was made and checked: its file, what it holds.
    case backedUp(String, String)
    /// RMS says the licenceKey works until this moment.
    case licenseExpiry(Date)
    /// The worker's daily 取りこぼしの確認 found something: orders brought in, or here and not at RMS.
    case reconciled(ReconcileReport)
    /// An activity failed as a whole: what was being done and why. `errorClass` is RMS's kind of
    /// failure; nil when it failed here (the database file, an answer that cannot be read).
    /// The next round tries again.
    case failed(activity: String, errorClass: APIErrorClass?, detail: String)
}

/// The result of one fetch (受注取得).
public struct FetchReport: Sendable {
    public var found = 0
    public var inserted = 0
    public var alreadyPresent = 0
    /// Orders RMS sent that could not be read, each with its number and key path.
    public var unreadable: [String] = []
    /// Orders searchOrder listed that getOrder did not return (INFO_102): asked for again next round.
    public var notReturned: [String] = []
    /// Orders placed too recently to take yet (the age setting).
    public var tooYoung = 0
}

/// The result of one bulk write to RMS (confirm, cancel, push...), order by order.
public struct WriteReport: Sendable {
    public struct Line: Sendable {
        public let number: OrderNumber
        public let ok: Bool
        public let message: String

        public init(number: OrderNumber, ok: Bool, message: String) {
            self.number = number
            self.ok = ok
            self.message = message
        }
    }

    public var lines: [Line] = []
    public var skipped: [Plan.Skip] = []

    public init(lines: [Line] = [], skipped: [Plan.Skip] = []) {
        self.lines = lines
        self.skipped = skipped
    }

    public var succeeded: Int { lines.filter(\.ok).count }
    public var failed: Int { lines.filter { !$0.ok }.count }
}
