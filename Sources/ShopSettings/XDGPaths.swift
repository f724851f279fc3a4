import Foundation

/// Where juchu keeps its files, by the XDG base directory rules.
enum XDGPaths {
    static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    static func base(_ variable: String, fallback: String) -> String {
        if let value = ProcessInfo.processInfo.environment[variable], value.hasPrefix("/") { return value }
        return "\(home)/\(fallback)"
    }

    /// `$XDG_DATA_HOME/juchu` (~/.local/share/juchu): the database.
    static var data: String { base("XDG_DATA_HOME", fallback: ".local/share") + "/juchu" }
    /// `$XDG_CONFIG_HOME/juchu` (~/.config/juchu): keymap.toml, config.toml.
    static var config: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/juchu" }
    /// `$XDG_STATE_HOME/juchu` (~/.local/state/juchu): the log.
    static var state: String { base("XDG_STATE_HOME", fallback: ".local/state") + "/juchu" }
}
