import Foundation

/// The test relay (Tests/Fixtures/smtp-relay.py, on Debian's python3-aiosmtpd) on a loopback
/// port with a certificate made for the test: STARTTLS, AUTH, the shop's registered senders.
/// Each accepted message is a file; ``messages()`` reads them back.
public final class SMTPRelayHarness: @unchecked Sendable {
    public let port: Int
    public let caFile: String
    public let user = "shop-smtp"
    public let password = "relay-pass"
    public let allowedSender = "shop@example.jp"
    public let folder: TemporaryDirectory
    private let process: Process

    public struct Received: Sendable {
        public let data: Data
        public let from: String
        public let to: [String]
    }

    /// `offersTLS` false: a relay that offers no STARTTLS. The certificate names `localhost` and
    /// `127.0.0.1` (a host given as an address is checked against the address). Its waits (openssl,
    /// python starting) run off Swift's cooperative pool, which the other suites share.
    public static func start(offersTLS: Bool = true) async throws -> SMTPRelayHarness {
        try await offPool { try startBlocking(offersTLS: offersTLS) }
    }

    private static func startBlocking(offersTLS: Bool) throws -> SMTPRelayHarness {
        let folder = TemporaryDirectory("juchu-relay")
        let cert = folder.file("cert.pem"), key = folder.file("key.pem")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw HarnessError("openssl could not make the test certificate") }
        for _ in 0..<20 {
            let port = Int.random(in: 20_000..<60_000)
            if let harness = try Self.launch(port: port, cert: cert, key: key, folder: folder, offersTLS: offersTLS) { return harness }
        }
        throw HarnessError("the test relay did not start")
    }

    private init(port: Int, caFile: String, folder: TemporaryDirectory, process: Process) {
        self.port = port
        self.caFile = caFile
        self.folder = folder
        self.process = process
    }

    private static func launch(port: Int, cert: String, key: String, folder: TemporaryDirectory, offersTLS: Bool) throws -> SMTPRelayHarness? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/smtp-relay.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let harness = SMTPRelayHarness(port: port, caFile: cert, folder: folder, process: process)
        process.arguments = [script, String(port), cert, key, folder.file("out"), harness.user, harness.password, harness.allowedSender,
                             folder.file("relay.log")] + (offersTLS ? [] : ["no-starttls"])
        try process.run()
        // It says it listens with a file, not a pipe (see the script).
        let ready = folder.file("out/READY")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                return nil
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        try FileManager.default.removeItem(atPath: ready)
        return harness
    }

    /// The messages accepted so far, in the order they came.
    public func messages() throws -> [Received] {
        let out = folder.file("out")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.compactMap { Int($0.dropLast(4)) }.sorted().map { number in
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(number).json"))) as? [String: Any]
            return Received(data: try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(number).eml")),
                            from: envelope?["from"] as? String ?? "", to: envelope?["to"] as? [String] ?? [])
        }
    }

    /// The relay's own log (aiosmtpd's, every command and reply): for a test's failure message.
    public func log() -> String {
        do {
            return try String(contentsOfFile: folder.file("relay.log"), encoding: .utf8)
        } catch {
            return "(the relay's log cannot be read: \(error))"
        }
    }

    public func stop() {
        // SIGKILL: a child of this process inherits its blocked signals, SIGTERM among them.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        folder.remove()
    }
}

public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
