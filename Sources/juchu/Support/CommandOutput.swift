import ArgumentParser
import Foundation
import TerminalUI

/// Where a command's words go. To a terminal, text from outside — a buyer's name, an address, a
/// line of a carrier's file — never goes raw: its control and invisible characters are shown or
/// dropped (``TerminalText/safe(_:)``), so no escape sequence reaches the operator's terminal; to
/// a file or a pipe it goes as it is.
enum CommandOutput {
    static let outIsTerminal = isatty(STDOUT_FILENO) == 1
    static let errorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Writes `text` to stdout as it is, or made safe for the terminal.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((outIsTerminal ? TerminalText.safe(text) : text).utf8))
    }

    /// Writes one line to stderr, made safe for the terminal.
    static func writeError(_ line: String) {
        FileHandle.standardError.write(Data(((errorIsTerminal ? TerminalText.safe(line) : line) + "\n").utf8))
    }
}

/// Every line a command prints for a person goes through here, not Swift's own print (see
/// ``CommandOutput``); `juchu.print` where a type has a print of its own.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(CommandOutput.outIsTerminal ? TerminalText.safe(text) : text, terminator: "")
}

/// Runs a command body, printing a user-facing error as one line and exiting with its code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as UserFacingError {
        CommandOutput.writeError("juchu: \(error.description)")
        throw ExitCode(error.exitCode)
    }
}

/// Writes `value` as one line of JSON (sorted keys) to stdout.
func printJSON(_ value: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    CommandOutput.write(String(decoding: data, as: UTF8.self) + "\n")
}
