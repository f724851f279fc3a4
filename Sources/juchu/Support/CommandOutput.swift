import ArgumentParser
import Foundation

/// Runs a command body, printing a user-facing error as one line and exiting with its code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as UserFacingError {
        FileHandle.standardError.write(Data("juchu: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

/// Writes `value` as one line of JSON (sorted keys) to stdout.
func printJSON(_ value: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
