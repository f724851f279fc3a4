/// A failure of the store, said so the operator knows what failed and that nothing was half-written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }

    static func wrapping(_ error: any Error, while doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        return StoreError("\(doing)に失敗しました（変更は保存されていません）: \(error)")
    }
}
