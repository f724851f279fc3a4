extension OrderStore {
    /// `count` placeholders for a list (`?, ?, ?`): for `IN (…)`.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
