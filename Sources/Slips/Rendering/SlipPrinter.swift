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
    public func print(_ path: String) async throws(SlipRenderError) -> String {
        var arguments: [String] = []
        if let printer { arguments += ["-d", printer] }
        let outcome = try await ScratchFolder.using(in: NSTemporaryDirectory(), prefix: "juchu-lp") { (scratch) async throws(SlipRenderError) in
            try await lp.run(arguments + [path], scratch: scratch, label: "lp")
        }
        guard outcome.status == 0 else {
            throw SlipRenderError("印刷できません（lp 終了コード \(outcome.status)\(printer.map { "、プリンタ \($0)" } ?? "")）: "
                + outcome.errors.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
