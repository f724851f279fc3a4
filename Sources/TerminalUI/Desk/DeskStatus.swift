import Foundation
import OrderEngine

/// What the status bar says about the work going on behind the desk.
public struct DeskStatus: Sendable {
    public var fetching = false
    public var fetchProgress: (done: Int, total: Int)?
    public var lastFetchAt: Date?
    public var nextFetchAt: Date?
    /// Writes being sent to RMS: what (注文確認送信中), so many of so many.
    public var writeProgress: (label: String, sent: Int, total: Int)?
    /// Orders at RMS 発送待ち past their ship-by day without a report.
    public var lateShipments = 0
    /// Reported orders RMS has not moved to 発送済 two days after the ship date.
    public var stuckReports = 0
    /// RMS calls that failed since the desk started.
    public var errorCount = 0
    /// Whether this desk's worker syncs (true) or another process does (false); nil before it starts.
    public var workerActive: Bool?
    /// Days until the licenceKey expires (negative once expired); nil when the settings do not say.
    public var licenseDaysLeft: Int?

    public init() {}
}

/// A line at the bottom telling the operator what just happened.
public struct DeskMessage: Sendable, Equatable {
    public let text: String
    public let isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
