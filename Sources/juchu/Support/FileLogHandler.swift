import Foundation
import Logging
import Synchronization

/// Writes log lines to a file: while the desk owns the terminal nothing may be printed to it.
struct FileLogHandler: LogHandler {
    private let sink: Sink
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    final class Sink: Sendable {
        let handle: Mutex<FileHandle?>

        init(path: String) {
            // Opened for appending: earlier runs' lines are kept, and lines of several processes
            // logging to the same file (a desk and `juchu sync`) each go to its end.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            handle = Mutex(descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : nil)
        }

        func write(_ line: String) {
            handle.withLock { try? $0?.write(contentsOf: Data(line.utf8)) }
        }
    }

    init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        sink.write("\(stamp) \(event.level) \(label): \(event.message)\n")
    }

    /// Sends every logger of the process to `path`.
    static func bootstrap(path: String) {
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let sink = Sink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
    }
}
