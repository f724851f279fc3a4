import Foundation

/// Sends a finished PDF to a CUPS printer with `lp` (config.toml [slips] printer; none: the
/// system's default printer).
public struct SlipPrinter: Sendable {
    public let printer: String?
    let lp = ExternalCommand(name: "lp", package: "apt install cups-client")

    public init(printer: String?) {
        self.printer = printer
    }

    /// The print job's id as CUPS gives it (`request id is office-12 (1 file(s))`).
    public func print(_ path: String, copies: Int = 1) async throws(SlipRenderError) -> String {
        var arguments = ["-n", String(max(1, copies))]
        if let printer { arguments += ["-d", printer] }
        let scratch = NSTemporaryDirectory() + "juchu-lp-\(UUID().uuidString.prefix(8))"
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true) } catch {
            throw SlipRenderError("作業フォルダを作れません: \(error.localizedDescription)")
        }
        let outcome: ExternalCommand.Outcome
        do {
            outcome = try await lp.run(arguments + [path], scratch: scratch, label: "lp")
            try FileManager.default.removeItem(atPath: scratch)
        } catch let error as SlipRenderError {
            throw error
        } catch {
            throw SlipRenderError("作業フォルダ \(scratch) を消せません: \(error.localizedDescription)")
        }
        guard outcome.status == 0 else {
            throw SlipRenderError("印刷できません（lp 終了コード \(outcome.status)\(printer.map { "、プリンタ \($0)" } ?? "")）: "
                + outcome.errors.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
