import Foundation

/// A program the slips are made with (WeasyPrint, poppler's pdfunite and pdfinfo, fontconfig's
/// fc-list, CUPS's lp), found on PATH and run to its end with what it printed kept.
struct ExternalCommand: Sendable {
    let name: String
    /// How to get it, for the message when it is not installed.
    let package: String

    /// The program's path, or why it cannot be run.
    func path() throws(SlipRenderError) -> String {
        if name.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: name) else { throw SlipRenderError("\(name) がありません（\(package)）") }
            return name
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SlipRenderError("\(name) が見つかりません（\(package) を入れてください）")
    }

    struct Outcome: Sendable {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs it with `arguments` and waits; stdout and stderr go to files in `scratch` so that a
    /// chatty program never blocks on a full pipe.
    func run(_ arguments: [String], scratch: String, label: String) async throws(SlipRenderError) -> Outcome {
        let executable = try path()
        let outPath = "\(scratch)/\(label).out", errPath = "\(scratch)/\(label).err"
        do {
            FileManager.default.createFile(atPath: outPath, contents: nil)
            FileManager.default.createFile(atPath: errPath, contents: nil)
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            defer {
                do { try out.close() } catch { /* the file is read below; a close error loses nothing */ }
                do { try err.close() } catch { /* same */ }
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            let status: Int32 = try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
            let output = String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
            let errors = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
            return Outcome(status: status, output: output, errors: errors)
        } catch {
            throw SlipRenderError("\(name) を実行できません: \(error.localizedDescription)")
        }
    }
}
