import Foundation

/// A `juchu` process started by a test, its stdout and stderr read while it runs: a child whose
/// output filled the pipe (64 KiB) while the test waited for its exit would wait for ever.
final class JuchuProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()
    private let drained = DispatchGroup()

    init(_ juchu: JuchuBinary, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: juchu.path)
        process.arguments = arguments
        process.environment = ["HOME": juchu.home, "LANG": "C.UTF-8"].merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        drain(output.fileHandleForReading) { self.outputData.append($0) }
        drain(error.fileHandleForReading) { self.errorData.append($0) }
    }

    private func drain(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        drained.enter()
        let lock = lock
        let group = drained
        Thread.detachNewThread {
            while case let chunk = handle.availableData, !chunk.isEmpty {
                lock.withLock { append(chunk) }
            }
            group.leave()
        }
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var terminationStatus: Int32 { process.terminationStatus }
    var terminationReason: Process.TerminationReason { process.terminationReason }

    /// Waits for the process to end and its output to be read to the end. Blocks: call it off
    /// Swift's cooperative pool (``offPool(_:)``).
    func waitUntilExit() {
        process.waitUntilExit()
        drained.wait()
    }

    /// What it wrote to stdout so far (all of it after ``waitUntilExit()``).
    var output: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }
    var errorOutput: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }
}
