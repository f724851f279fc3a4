import CustomerMail
import Foundation
@testable import MailTransport
import Testing
import TestSupport

/// Against a real relay on loopback (aiosmtpd) with STARTTLS, AUTH and the relay's refusals.
@Suite("SMTP submission to a relay like Rakuten's: STARTTLS, AUTH, each reply known", .serialized)
struct SMTPSessionTests {
    static func settings(_ relay: SMTPRelayHarness, password: String? = nil, trust: Bool = true, host: String = "localhost", timeout: Int64 = 10) -> SMTPSettings {
        SMTPSettings(host: host, port: relay.port, username: relay.user, password: password ?? relay.password,
                     caFile: trust ? relay.caFile : nil, timeoutSeconds: timeout)
    }

    static func message(_ serial: Int, to address: String = "buyer@pc.fw.rakuten.ne.jp") -> MailMessage {
        MailMessage(
            from: MailAddress(name: "楽天デモ米店", address: "shop@example.jp"), to: MailAddress(name: "佐藤 翔太 様", address: address),
            subject: "【楽天デモ米店】ご注文ありがとうございます（\(serial)）", body: "佐藤 翔太 様\n\n.先頭のピリオド\n合計金額: 4,780円\n",
            date: Date(), messageID: "<mail-\(serial)@example.jp>")
    }

    @Test("200 mails over one connection, each received once, its Subject decoding to the Japanese and its body intact (a leading period too)")
    func batch() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let session = try await SMTPSession.open(Self.settings(relay))
        for serial in 1...200 { try await session.send(Self.message(serial), envelopeFrom: "shop@example.jp") }
        await session.close()
        let received = try relay.messages()
        #expect(received.count == 200)
        let ids = received.map { String(decoding: $0.data, as: UTF8.self) }.compactMap { text in
            text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") }
        }
        #expect(Set(ids).count == 200, "each once")
        let first = String(decoding: received[0].data, as: UTF8.self)
        #expect(received[0].from == "shop@example.jp" && received[0].to == ["buyer@pc.fw.rakuten.ne.jp"])
        let body = first.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: try #require(Data(base64Encoded: body)), as: UTF8.self).contains(".先頭のピリオド"))
    }

    @Test("a wrong password, a certificate not trusted, a server without STARTTLS: refused in the operator's words, nothing sent")
    func refusedConnections() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        do {
            _ = try await SMTPSession.open(Self.settings(relay, password: "wrong"))
            Issue.record("a wrong password was taken")
        } catch {
            guard case .authenticationFailed = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("IDかパスワードが違います") && !error.mayHaveBeenSent)
        }
        do {
            _ = try await SMTPSession.open(Self.settings(relay, trust: false))
            Issue.record("an untrusted certificate was taken")
        } catch {
            guard case .certificateUntrusted = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("証明書を信頼できません") && !error.description.contains(".build/"), "\(error)")
        }
        var plain = Self.settings(relay)
        plain.startTLS = false
        do {
            _ = try await SMTPSession.open(plain)
            Issue.record("AUTH without TLS was taken")
        } catch {
            guard case .authenticationFailed = error else { Issue.record("\(error)"); return }
        }
        do {
            _ = try await SMTPSession.open(SMTPSettings(host: "localhost", port: 9, username: "u", password: "p", timeoutSeconds: 5))
            Issue.record("a closed port was reached")
        } catch {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
            #expect(error.isTemporary)
        }
        #expect(try relay.messages().isEmpty)
    }

    @Test("552 for a sender RMS has not registered, 450 and 550 for one recipient: each mail not sent, the next goes on the same connection; a drop after DATA is 結果不明")
    func refusals() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let session = try await SMTPSession.open(Self.settings(relay))
        do {
            try await session.send(Self.message(1), envelopeFrom: "me@gmail.com")
            Issue.record("an unregistered sender was taken")
        } catch {
            guard case .senderRejected(let reply) = error else { Issue.record("\(error)"); return }
            #expect(reply.code == 552 && error.description.contains("RMSに登録したアドレス"))
        }
        for (address, permanent) in [("tempfail@pc.fw.rakuten.ne.jp", false), ("permfail@pc.fw.rakuten.ne.jp", true)] {
            do {
                try await session.send(Self.message(2, to: address), envelopeFrom: "shop@example.jp")
                Issue.record("\(address) was taken")
            } catch {
                guard case .recipientRejected(let refused, let reply) = error else { Issue.record("\(error)"); return }
                #expect(refused == address && reply.isPermanent == permanent && error.isTemporary == !permanent)
                #expect(error.description.contains(permanent ? "拒否されました" : "一時的に"))
            }
        }
        try await session.send(Self.message(3), envelopeFrom: "shop@example.jp")
        do {
            try await session.send(Self.message(4, to: "dropafterdata@pc.fw.rakuten.ne.jp"), envelopeFrom: "shop@example.jp")
            Issue.record("a dropped connection was taken as sent")
        } catch {
            guard case .unclear = error else { Issue.record("\(error)"); return }
            #expect(error.mayHaveBeenSent && error.description.contains("結果不明"))
            #expect(!error.description.contains("再送できます") && !error.description.contains("送信していません"),
                    "a mail that may have gone is never said safe to send again: \(error)")
        }
        await session.close()
        let received = try relay.messages()
        #expect(received.count == 1 && String(decoding: received[0].data, as: UTF8.self).contains("<mail-3@example.jp>"))
    }

    @Test("each failure says its own cause and what to do: no STARTTLS, a Bcc RMS has not registered (552), a 500 after the message; a host given as 127.0.0.1 works (no SNI, the certificate checked against the address)")
    func causes() async throws {
        let plain = try await SMTPRelayHarness.start(offersTLS: false)
        defer { plain.stop() }
        do {
            _ = try await SMTPSession.open(Self.settings(plain))
            Issue.record("a relay without STARTTLS was used")
        } catch {
            guard case .noStartTLS = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("STARTTLS（暗号化）に対応していません") && error.description.contains("smtp_host"))
        }
        #expect(try plain.messages().isEmpty)

        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let session = try await SMTPSession.open(Self.settings(relay, host: "127.0.0.1"))
        var bcc = Self.message(1)
        bcc.bcc = ["unregistered@example.jp"]
        do {
            try await session.send(bcc, envelopeFrom: "shop@example.jp")
            Issue.record("an unregistered Bcc was taken")
        } catch {
            guard case .bccRejected(let address, let reply) = error else { Issue.record("\(error)"); return }
            #expect(address == "unregistered@example.jp" && reply.code == 552 && error.description.contains("[mail] bcc"))
        }
        do {
            try await session.send(Self.message(2, to: "reject500@pc.fw.rakuten.ne.jp"), envelopeFrom: "shop@example.jp")
            Issue.record("a refused message was taken")
        } catch {
            guard case .messageRejected(let reply) = error else { Issue.record("\(error)"); return }
            #expect(reply.code == 500 && !error.isTemporary && !error.mayHaveBeenSent && error.description.contains("受け付けませんでした"))
        }
        try await session.send(Self.message(3), envelopeFrom: "shop@example.jp")
        await session.close()
        #expect(try relay.messages().count == 1)
    }

    @Test("a buyer address holding CR LF and a command of its own is refused before anything is written: the relay gets no extra recipient, the connection goes on")
    func injection() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let session = try await SMTPSession.open(Self.settings(relay))
        for hostile in ["buyer@pc.fw.rakuten.ne.jp>\r\nRCPT TO:<someone@example.com", "a@b@pc.fw.rakuten.ne.jp", "x\n@pc.fw.rakuten.ne.jp", "名前@pc.fw.rakuten.ne.jp"] {
            do {
                try await session.send(Self.message(1, to: hostile), envelopeFrom: "shop@example.jp")
                Issue.record("\(hostile) was sent")
            } catch {
                guard case .invalidAddress = error else { Issue.record("\(error)"); return }
                #expect(!error.endsSession && !error.mayHaveBeenSent)
                #expect(!error.description.contains("\r") && !error.description.contains("\n"), "one line in the log: \(error)")
            }
        }
        try await session.send(Self.message(2), envelopeFrom: "shop@example.jp")
        await session.close()
        let received = try relay.messages()
        #expect(received.count == 1 && received[0].to == ["buyer@pc.fw.rakuten.ne.jp"], "no other recipient reached the relay")
    }

    @Test("AUTH refused: 535 is the ID or password, 454 is for now (may be sent later), another 5xx says to check the relay")
    func authenticationReplies() {
        let wrong = SMTPError.authenticationFailed(SMTPReply(code: 535, lines: ["5.7.8 Authentication credentials invalid"]))
        #expect(wrong.description.contains("IDかパスワードが違います") && !wrong.isTemporary)
        let later = SMTPError.authenticationFailed(SMTPReply(code: 454, lines: ["4.7.0 Temporary authentication failure"]))
        #expect(!later.description.contains("パスワード") && later.description.contains("後で再送できます") && later.isTemporary)
        let other = SMTPError.authenticationFailed(SMTPReply(code: 534, lines: ["5.7.9 Authentication mechanism is too weak"]))
        #expect(!other.description.contains("パスワードが違います") && other.description.contains("534") && !other.isTemporary)
    }

    @Test("a relay that stops answering after a message: that mail is 結果不明 within the timeout, and the session says it stalled")
    func stall() async throws {
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let session = try await SMTPSession.open(Self.settings(relay, timeout: 2))
        let started = ContinuousClock.now
        do {
            try await session.send(Self.message(1, to: "stall@pc.fw.rakuten.ne.jp"), envelopeFrom: "shop@example.jp")
            Issue.record("a stalled mail was taken as sent")
        } catch {
            guard case .unclear = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("2秒応答がありません"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(session.hasStalled)
        await session.close()
    }
}
