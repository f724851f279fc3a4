/// A config.toml that cannot be used: the file, the key when known, and what is wrong.
public struct ConfigError: Error, CustomStringConvertible {
    public let file: String
    public let key: String?
    public let problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(file)\(key.map { ": \($0)" } ?? ""): \(problem)" }
}
