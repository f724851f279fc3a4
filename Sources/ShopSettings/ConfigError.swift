import TOMLKit

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

    /// The TOML of a settings file (config.toml, rules.toml), checked before toml++ sees it
    /// (``TOMLTextCheck``); what cannot be read is refused with its line.
    static func table(of text: String, file: String) throws(ConfigError) -> TOMLTable {
        if let problem = TOMLTextCheck.problem(in: text) {
            throw ConfigError(file: file, key: nil, problem: "\(problem.line)行目: TOMLとして読めません: \(problem.text)")
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, key: nil, problem: "\(error.source.begin.line)行目: TOMLとして読めません: \(error.description)")
        } catch {
            throw ConfigError(file: file, key: nil, problem: "TOMLとして読めません: \(error)")
        }
    }
}
