import Foundation

/// Where juchu keeps its files, by the XDG base directory rules.
public enum XDGPaths {
    public static var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    public static func base(_ variable: String, fallback: String) -> String {
        if let value = ProcessInfo.processInfo.environment[variable], value.hasPrefix("/") { return value }
        return "\(home)/\(fallback)"
    }

    /// `$XDG_DATA_HOME/juchu` (~/.local/share/juchu): the database.
    public static var data: String { base("XDG_DATA_HOME", fallback: ".local/share") + "/juchu" }
    /// `$XDG_CONFIG_HOME/juchu` (~/.config/juchu): keymap.toml, config.toml.
    public static var config: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/juchu" }
    /// `$XDG_STATE_HOME/juchu` (~/.local/state/juchu): the log.
    public static var state: String { base("XDG_STATE_HOME", fallback: ".local/state") + "/juchu" }
}
