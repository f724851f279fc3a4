import CustomerMail
import Foundation
import OrderSync
import MailTransport
import OrderEngine
import RakutenPay
import RMSSandbox

/// Issue 19's targets: rendering 10,000 mails ≤ 1 s (template, tags, the message's bytes); sending
/// 1,000 to a local relay ≤ 10 s over one connection with STARTTLS and AUTH (the test relay of
/// Tests/Fixtures on Debian's python3-aiosmtpd; without it the row says so).
enum MailBenchmarks {
    static func run(runs: Int) throws -> [BenchTable.Row] {
        var rows: [BenchTable.Row] = []
        let folder = BenchScratch.path("mail")
        defer { BenchScratch.remove(folder) }
        let library = try MailTemplateLibrary(folder: folder + "/templates", statuses: LocalStatus.defaults)
        let template = try library.template(named: "thanks")
        var generator = OrderGenerator(seed: 19, settings: OrderGenerator.Settings(shopID: "398211"))
        let orders = generator.orders(count: 10_000, now: RakutenDateTime(Date())).map { Order(rakuten: $0, localStatus: .newOrder) }
        let shop = MailShop(name: "楽天デモ米店", signature: library.signature, bankAccount: "楽天銀行 第一営業支店 普通 1234567")
        let from = MailAddress(name: "楽天デモ米店", address: "shop@example.jp")
        func messages(_ orders: ArraySlice<Order>) throws -> [MailMessage] {
            let rendered = try runBlocking { await template.render(Array(orders), shop: shop) }
            return zip(orders, rendered).map { order, mail in
                MailMessage(from: from, to: MailAddress(name: "\(order.orderer.fullName) 様", address: order.orderer.emailAddress ?? "x@pc.fw.rakuten.ne.jp"),
                            subject: mail.subject, body: mail.body, date: Date(), messageID: MailMessage.newMessageID(from: from.address))
            }
        }
        var renders: [Double] = []
        for _ in 0..<max(runs, 3) {
            let start = ContinuousClock.now
            var bytes = 0
            for message in try messages(orders[...]) { bytes += message.data.count }
            renders.append(Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000)
            precondition(bytes > 0)
        }
        let render = BenchTable.median(renders)
        rows.append(BenchTable.Row(
            name: "メール 10000通の作成（テンプレート・タグ・本文のバイト列）", median: String(format: "%.3f 秒", render), target: "≤ 1 秒",
            ratio: render, samples: renders.map { String(format: "%.3f", $0) }.joined(separator: ", "), higherIsBetter: false))

        guard let relay = try BenchRelay.start(in: folder) else {
            rows.append(BenchTable.Row(name: "メール 1000通の送信（ローカルの中継サーバ）", median: "—", target: "≤ 10 秒",
                                       ratio: 0, samples: "スキップ: \(BenchRelay.missing)", higherIsBetter: false))
            return rows
        }
        defer { relay.stop() }
        let batch = try messages(orders.prefix(1_000))
        var sends: [Double] = []
        for _ in 0..<runs {
            let seconds: Double = try runBlocking {
                let start = ContinuousClock.now
                let session = try await SMTPSession.open(relay.settings)
                for message in batch { try await session.send(message, envelopeFrom: from.address) }
                await session.close()
                return Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
            }
            sends.append(seconds)
        }
        let send = BenchTable.median(sends)
        rows.append(BenchTable.Row(
            name: "メール 1000通の送信（ローカルの中継サーバ、STARTTLS・AUTH、接続1本）", median: String(format: "%.2f 秒", send), target: "≤ 10 秒",
            ratio: send / 10, samples: sends.map { String(format: "%.2f", $0) }.joined(separator: ", "), higherIsBetter: false))
        return rows
    }
}

/// The test relay (Tests/Fixtures/smtp-relay.py) started for the benchmark with a certificate of
/// its own; nil when python3-aiosmtpd, openssl or the script is not there.
struct BenchRelay {
    static let missing = "python3-aiosmtpd・openssl・Tests/Fixtures/smtp-relay.py のどれかがありません（.ci/setup で入ります）"
    let process: Process
    let settings: SMTPSettings

    static func start(in folder: String) throws -> BenchRelay? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/smtp-relay.py").path
        let manager = FileManager.default
        guard manager.fileExists(atPath: script), manager.fileExists(atPath: "/usr/bin/openssl"), manager.fileExists(atPath: "/usr/bin/python3") else { return nil }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                             "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { return nil }
        for _ in 0..<10 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script, String(port), folder + "/cert.pem", folder + "/key.pem", folder + "/out", "bench", "bench-pass", "shop@example.jp"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The relay says it listens with a file (Tests/Fixtures/smtp-relay.py).
            let ready = folder + "/out/READY"
            let deadline = Date().addingTimeInterval(20)
            while !manager.fileExists(atPath: ready), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if manager.fileExists(atPath: ready) {
                try manager.removeItem(atPath: ready)
                return BenchRelay(process: process, settings: SMTPSettings(
                    host: "localhost", port: port, username: "bench", password: "bench-pass", caFile: folder + "/cert.pem", timeoutSeconds: 30))
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        return nil
    }

    func stop() {
        // SIGKILL: a child of this process inherits its blocked signals, SIGTERM among them.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
