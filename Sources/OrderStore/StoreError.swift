/// A failure of the store, said so the operator knows what failed and that nothing was half-written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// A failure met while `doing`: one the store already said (a refusal, a missing order)
    /// as it is; any other said with what was being done and that none of it was kept.
    public static func wrapping(_ error: any Error, while doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError("\(doing)に失敗しました（変更は保存されていません）: \(error)")
    }
}
