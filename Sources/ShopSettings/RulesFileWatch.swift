import Foundation
import OrderEngine
import Synchronization

/// rules.toml as it is now, read again when the file changes (its modification time or size, or
/// its coming or going), so that a shop's edit takes effect without restarting the desk or
/// `juchu sync`. A file that does not read keeps the rules before it: its error is thrown once, for
/// that version of the file, and said by whoever asked.
public final class RulesFileWatch: Sendable {
    /// What identifies a version of the file: nil when there is none.
    private struct Stamp: Equatable {
        let modified: Date
        let size: Int
    }

    private let path: String?
    private let statuses: [LocalStatus]
    private let flags: [String]
    private let state: Mutex<(stamp: Stamp?, rules: RuleSet)>

    /// Reads the rules of `path` (config.toml's `[rules] path`, or the default file) and watches
    /// it: the file's version is taken before it is read, so that an edit made meanwhile is seen.
    public init(path: String?, statuses: [LocalStatus], flags: [String]) throws {
        self.path = path
        self.statuses = statuses
        self.flags = flags
        let stamp = try Self.stamp(of: path ?? RulesFile.defaultPath)
        let (rules, _) = try RulesFile.load(path: path, statuses: statuses, flags: flags)
        state = Mutex((stamp, rules))
    }

    /// The rules as the file says now.
    public var rules: RuleSet { state.withLock { $0.rules } }

    /// The file's rules when it changed since last looked at (by anyone: the worker compares what
    /// it runs with ``rules``); nil when it did not. A file that changed and does not read throws
    /// (and its rules stay as they were).
    public func changed() throws -> RuleSet? {
        let stamp = try Self.stamp(of: path ?? RulesFile.defaultPath)
        guard state.withLock({ $0.stamp != stamp }) else { return nil }
        // Noted first: a file that does not read is said once, not every round.
        state.withLock { $0.stamp = stamp }
        let (rules, _) = try RulesFile.load(path: path, statuses: statuses, flags: flags)
        state.withLock { $0.rules = rules }
        return rules
    }

    /// The file's version; nil when there is no file.
    /// The rules as the file says now: read again first when it changed (by whoever asks first,
    /// the worker or the panel). A changed file that does not read throws; the rules stay as they were.
    public func current() throws -> RuleSet {
        _ = try changed()
        return rules
    }

    private static func stamp(of file: String) throws -> Stamp? {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        return Stamp(modified: attributes[.modificationDate] as? Date ?? .distantPast, size: attributes[.size] as? Int ?? -1)
    }
}
