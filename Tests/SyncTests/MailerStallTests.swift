import CustomerMail
import Foundation
import MailTransport
import OrderEngine
@testable import OrderSync
import Testing
import TestSupport

/// The batch's connection when the relay stops answering part-way: the mail it hung on is
/// 結果不明, the rest are said not sent at once (not each waiting out the timeout).
@Suite("Mailer over a relay that stops answering", .serialized)
struct MailerStallTests {
    static func message(_ serial: Int, to address: String) -> MailMessage {
        MailMessage(
            from: MailAddress(name: "楽天デモ米店", address: "shop@example.jp"), to: MailAddress(name: "佐藤 翔太 様", address: address),
            subject: "【楽天デモ米店】発送のお知らせ（\(serial)）", body: "佐藤 翔太 様\n\n発送しました。\n", date: Date(),
            messageID: "<stall-\(serial)@example.jp>")
    }

    @Test("one mail sent, the next hangs (結果不明 within the timeout), the five after it refused as 停止 without waiting; the relay got one")
    func stalledBatch() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let folder = TemporaryDirectory("juchu-mailer-stall")
        defer { folder.remove() }
        let library = try MailTemplateLibrary(folder: folder.file("mail"), statuses: LocalStatus.defaults)
        // A timeout long enough for a machine busy with the other suites: only the hung mail waits it out.
        let smtp = SMTPSettings(host: "localhost", port: relay.port, username: relay.user, password: relay.password,
                                caFile: relay.caFile, timeoutSeconds: 20)
        let settings = MailSettings(smtp: smtp, from: MailAddress(name: "楽天デモ米店", address: relay.allowedSender),
                                    registered: [relay.allowedSender], shop: MailShop(name: "楽天デモ米店"))
        let mailer = try Mailer(library: library, settings: settings)
        do {
            try await sendBatch(mailer, relay)
        } catch {
            Issue.record("\(error)\nthe relay's log:\n\(relay.log())")
        }
    }

    private func sendBatch(_ mailer: Mailer, _ relay: SMTPRelayHarness) async throws {
        try await mailer.deliver(Self.message(1, to: "buyer@pc.fw.rakuten.ne.jp"), via: .rakutenRelay)
        do {
            try await mailer.deliver(Self.message(2, to: "stall@pc.fw.rakuten.ne.jp"), via: .rakutenRelay)
            Issue.record("a mail the relay never answered was taken as sent")
        } catch {
            guard case .unclear = error else { Issue.record("\(error)"); return }
            #expect(error.mayHaveBeenSent, "the relay may have kept it: not to be sent again blindly")
        }
        let started = ContinuousClock.now
        for serial in 3...7 {
            do {
                try await mailer.deliver(Self.message(serial, to: "buyer\(serial)@pc.fw.rakuten.ne.jp"), via: .rakutenRelay)
                Issue.record("mail \(serial) went through a relay that had stopped answering")
            } catch {
                guard case .stalled = error else { Issue.record("\(error)"); continue }
                #expect(!error.mayHaveBeenSent && error.description.contains("応答がない"), "\(error)")
            }
        }
        #expect(ContinuousClock.now - started < .seconds(4), "the rest are refused without waiting out the timeout each")
        await mailer.finish()
        let received = try relay.messages()
        #expect(received.count == 1 && received.first?.to == ["buyer@pc.fw.rakuten.ne.jp"])

        // The next batch tries again.
        try await mailer.deliver(Self.message(8, to: "buyer@pc.fw.rakuten.ne.jp"), via: .rakutenRelay)
        await mailer.finish()
        #expect(try relay.messages().count == 2)
    }
}
