import OrderEngine

/// Which orders the grid shows.
public struct GridFilter: Sendable, Hashable {
    /// Nil: every status.
    public var localStatus: LocalStatus?

    public init(localStatus: LocalStatus? = nil) {
        self.localStatus = localStatus
    }

    /// The WHERE clause (without "WHERE") and its arguments; "1" when nothing is filtered.
    var condition: (sql: String, arguments: [String]) {
        guard let localStatus else { return ("1", []) }
        return ("local_status = ?", [localStatus.name])
    }
}
