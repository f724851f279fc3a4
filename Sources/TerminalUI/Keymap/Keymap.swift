import TOMLKit
import ShopSettings

/// Which action each key runs, per context, as keymap.toml says.
public struct Keymap: Sendable {
    private var actions: [KeyContext: [Key: DeskAction]]
    private var keys: [DeskAction: [Key]]

    /// The bindings in effect when keymap.toml says nothing.
    public static let standard: Keymap = {
        do {
            return try Keymap(parsing: defaultText, file: "keymap.toml (組み込み)", base: nil)
        } catch {
            fatalError("the built-in keymap does not parse: \(error)")
        }
    }()

    public func action(for key: Key, in context: KeyContext) -> DeskAction? {
        actions[context]?[key]
    }

    /// The keys bound to `action`, in the file's order.
    public func keys(for action: DeskAction) -> [Key] {
        keys[action] ?? []
    }

    /// Parses keymap.toml. Actions the file leaves out keep their keys from `base` (the built-in
    /// map). A key the file gives to one action while the built-in map gives it to another the
    /// file leaves out is refused, both named: a key is never taken from an action silently
    /// (`confirm = ["j"]` alone would have left 下へ without j, and j sending confirmations).
    public init(parsing text: String, file: String, base: Keymap? = Keymap.standard) throws(KeymapError) {
        if let problem = TOMLTextCheck.problem(in: text) {
            throw KeymapError(file: file, line: problem.line, problem: "TOMLとして読めません: \(problem.text)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw KeymapError(file: file, line: error.source.begin.line, problem: "TOMLとして読めません: \(error.description)")
        } catch {
            throw KeymapError(file: file, line: nil, problem: "TOMLとして読めません: \(error)")
        }
        let lines = SourceLines(text)
        var keys: [DeskAction: [Key]] = [:]
        for sectionName in table.keys {
            guard let context = KeyContext(rawValue: sectionName) else {
                throw KeymapError(
                    file: file, line: lines.line(ofSection: sectionName),
                    problem: "不明な表 [\(sectionName)]（使えるのは \(KeyContext.allCases.map { "[\($0.rawValue)]" }.joined(separator: ", "))）")
            }
            guard let section = table[sectionName]?.table else {
                throw KeymapError(file: file, line: lines.line(ofKey: sectionName, in: nil), problem: "\(sectionName) は表でなければなりません")
            }
            for name in section.keys {
                let line = lines.line(ofKey: name, in: sectionName)
                guard let action = DeskAction(rawValue: name) else {
                    throw KeymapError(file: file, line: line, problem: "不明なアクション「\(name)」")
                }
                guard action.context == context else {
                    throw KeymapError(file: file, line: line, problem: "「\(name)」は [\(action.context.rawValue)] に書いてください")
                }
                guard let list = section[name]?.array else {
                    throw KeymapError(file: file, line: line, problem: "「\(name)」にはキーのリストを書いてください（例: [\"j\", \"Down\"]）")
                }
                var bound: [Key] = []
                for element in list {
                    guard let keyName = element.string, let key = Key(name: keyName) else {
                        throw KeymapError(file: file, line: line, problem: "「\(name)」のキー \(element.debugDescription) は不明なキー名です")
                    }
                    bound.append(key)
                }
                keys[action] = bound
            }
        }
        // What the file does not mention keeps its built-in keys; one the file gave to another action is refused.
        if let base {
            var takenBy: [KeyUse: DeskAction] = [:]
            for (action, list) in keys { for key in list { takenBy[KeyUse(key: key, context: action.context)] = action } }
            for action in DeskAction.allCases where keys[action] == nil {
                let builtIn = base.keys(for: action)
                if let key = builtIn.first(where: { takenBy[KeyUse(key: $0, context: action.context)] != nil }),
                    let taker = takenBy[KeyUse(key: key, context: action.context)]
                {
                    let remaining = builtIn.filter { $0 != key }.map { "\"\($0)\"" }.joined(separator: ", ")
                    throw KeymapError(
                        file: file, line: lines.line(ofKey: taker.rawValue, in: taker.context.rawValue),
                        problem: "キー \(key) は「\(taker.rawValue)」（この行）と既定の「\(action.rawValue)」（\(action.label)）の両方に割り当てられています。"
                            + "[\(action.context.rawValue)] に \(action.rawValue) = [\(remaining)] のように書いて、どちらのキーか決めてください")
                }
                keys[action] = builtIn
            }
        }
        var actions: [KeyContext: [Key: DeskAction]] = [:]
        for action in DeskAction.allCases {
            for key in keys[action] ?? [] {
                if let other = actions[action.context]?[key], other != action {
                    let here = lines.line(ofKey: action.rawValue, in: action.context.rawValue)
                    let there = lines.line(ofKey: other.rawValue, in: other.context.rawValue)
                    throw KeymapError(
                        file: file, line: here,
                        problem: "キー \(key) が「\(action.rawValue)」（この行）と「\(other.rawValue)」（\(there.map { "\($0)行目" } ?? "既定")）の両方に割り当てられています")
                }
                actions[action.context, default: [:]][key] = action
            }
        }
        self.actions = actions
        self.keys = keys
    }

    private struct KeyUse: Hashable {
        let key: Key
        let context: KeyContext
    }
}

/// A keymap.toml that cannot be used: the file, the line when known, and what is wrong.
public struct KeymapError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}

/// Finds the line of a table or key in TOML text, for messages (TOMLKit keeps no positions for values).
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(ofSection name: String) -> Int? {
        lines.firstIndex { $0.trimmingCharacters(in: " \t") == "[\(name)]" }.map { $0 + 1 }
    }

    func line(ofKey key: String, in section: String?) -> Int? {
        var start = 0
        if let section, let sectionLine = line(ofSection: section) { start = sectionLine }
        for index in start..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: " \t")
            if trimmed.hasPrefix("["), index > start { break }
            let name = trimmed.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: " \t\"") ?? ""
            if name == key { return index + 1 }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
