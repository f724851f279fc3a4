import CustomerMail
import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// メール送信 from the commands: orders from the sandbox over HTTP, mail through a relay like
/// Rakuten's on loopback (STARTTLS, AUTH, the registered sender), the outbox in the SQLite file.
@Suite("End to end: mail to the buyers through the relay, each once", .serialized)
struct MailEndToEndTests {
    /// The shop's signature the tests sign with: the shipped one is a placeholder Juchu refuses to send.
    static let signature = "――――――――\n楽天デモ米店　TEL 03-0000-0000"

    /// The mail folder as a shop has it once it has written its signature: the shipped templates,
    /// a real signature.
    /// Both where a command run directly finds it (`$HOME/.config`) and where one in tmux does
    /// (`XDG_CONFIG_HOME`, ``JuchuBinary/commandLine(_:term:extraEnvironment:)``).
    static func writeMailFolder(in juchu: JuchuBinary, signature: String = signature) throws {
        for folder in [juchu.home + "/.config/juchu/mail", juchu.home + "/config/juchu/mail"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in MailTemplate.defaultTexts(statuses: LocalStatus.defaults) {
                try text.write(toFile: folder + "/\(name).txt", atomically: true, encoding: .utf8)
            }
            try (signature + "\n").write(toFile: folder + "/signature.txt", atomically: true, encoding: .utf8)
        }
    }

    /// `signed`: the mail folder written with a real signature (else the shipped one is made on
    /// first use); `more`: further tables.
    static func config(
        _ sandbox: SandboxHarness, _ relay: SMTPRelayHarness, in juchu: JuchuBinary, database: String, password: String? = nil,
        requestsPerSecond: Double = 50, signed: Bool = true, host: String = "localhost", more: String = ""
    ) throws -> String {
        if signed { try writeMailFolder(in: juchu) }
        return try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: database, requestsPerSecond: requestsPerSecond, more: """
            [fetch]
            skip_younger_than_minutes = 0
            [mail]
            smtp_host = "\(host)"
            smtp_port = \(relay.port)
            username = "\(relay.user)"
            password = "\(password ?? relay.password)"
            from = "\(relay.allowedSender)"
            registered = ["\(relay.allowedSender)"]
            ca_file = "\(relay.caFile)"
            hold_minutes = 0
            shop_name = "楽天デモ米店"
            bank_account = "楽天銀行 第一営業支店 普通 1234567"
            \(more)
            """)
    }

    @Test("juchu mail send: every order's サンクスメール received once, its Subject Japanese, its body the order's; again, nothing sent (送信済み); --resend sends one again; the status moves to 新規受付メール済み")
    func sendOnce() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 40, requestsPerSecond: 0)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let db = juchu.home + "/mail.sqlite"
        let config = try Self.config(sandbox, relay, in: juchu, database: db)
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        let store = try OrderStore(path: db)
        let all = try store.orders(try store.page(GridFilter(localStatus: .newOrder), limit: 1_000).map(\.number))
        let mailable = all.filter { !$0.fees.shipping.isUnset && !$0.rmsProgress.isCancelling }

        let (previewed, preview, previewErr) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "preview", "--template", "サンクスメール", mailable[0].number.rawValue, "--config", config])
        #expect(previewed == 0, "\(previewErr)")
        #expect(preview.contains("件名: 【楽天デモ米店】ご注文ありがとうございます（注文番号 \(mailable[0].number)）"), "\(preview)")
        #expect(try relay.messages().isEmpty, "a preview sends nothing")

        let (sent, out, err) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--status", "新規受付", "--config", config])
        #expect([0, 3].contains(sent), "\(out) \(err)")
        #expect(out.contains("成功 \(mailable.count)件"), "\(out)")
        let received = try relay.messages()
        #expect(received.count == mailable.count)
        let texts = received.map { String(decoding: $0.data, as: UTF8.self) }
        for order in mailable {
            let mails = texts.filter { text in Self.body(text).contains("■ご注文番号: \(order.number)") }
            #expect(mails.count == 1, "\(order.number): \(mails.count) mails")
            guard let mail = mails.first else { continue }
            #expect(Self.body(mail).contains("ご請求金額: \(order.requestPrice)"))
            #expect(mail.contains("To: =?UTF-8?B?") && mail.contains("<\(order.orderer.emailAddress!)>"))
        }
        #expect(received.allSatisfy { $0.from == relay.allowedSender })
        let after = try store.orders(mailable.map(\.number))
        #expect(after.allSatisfy { $0.localStatus == .newOrderMailed }, "送信後ステータス")
        let history = try store.mailHistory(mailable.map(\.number))
        #expect(history.values.allSatisfy { $0.count == 1 && $0[0].state == .done && $0[0].subject?.contains("ご注文ありがとうございます") == true })
        let kept = try #require(try store.mailMessage(intent: history[mailable[0].number]![0].intent))
        #expect(texts.contains(String(decoding: kept, as: UTF8.self)), "the mail kept is the mail sent")

        // Again on the same orders: each skipped as sent, nothing goes out.
        let numbers = mailable.map(\.number.rawValue)
        let (again, againOut, _) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--config", config] + numbers)
        #expect(again == 1 && againOut.contains("このメールは送信済みです") && againOut.contains("成功 0件"), "\(againOut)")
        #expect(try relay.messages().count == mailable.count)
        let (resent, resentOut, _) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "send", "--template", "thanks", "--resend", "--config", config, numbers[0]])
        #expect(resent == 0 && resentOut.contains("成功 1件"), "\(resentOut)")
        #expect(try relay.messages().count == mailable.count + 1)
        #expect(try store.mailHistory([mailable[0].number])[mailable[0].number]?.map(\.attempt) == [0, 1])
        await sandbox.stop()
    }

    @Test("a wrong password: every mail failed in the operator's words, nothing received, nothing marked sent; a From or Bcc RMS has not registered, or a password others can read, refused before anything is sent")
    func refusals() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 6, requestsPerSecond: 0)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let db = juchu.home + "/mail.sqlite"
        let config = try Self.config(sandbox, relay, in: juchu, database: db, password: "wrong")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let (status, out, _) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--status", "新規受付", "--config", config])
        #expect(status == 1 && out.contains("IDかパスワードが違います") && out.contains("[mail] username・password"), "\(out)")
        #expect(!out.contains("リクエストが受け付けられませんでした"), "a mail's failure is the relay's, not RMS's: \(out)")
        #expect(try relay.messages().isEmpty)
        let store = try OrderStore(path: db)
        let numbers = try store.page(GridFilter(), limit: 100).map(\.number)
        let failed = try store.mailHistory(numbers).values.joined()
        #expect(!failed.isEmpty && failed.allSatisfy { $0.state == .failed })
        // juchu status counts them, with the cause.
        let (statusCode, statusOut, _) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(statusCode == 3 && statusOut.contains("メール失敗 \(failed.count)件"), "\(statusOut)")
        #expect(statusOut.contains("送れなかったメールが\(failed.count)件") && statusOut.contains("IDかパスワードが違います"), "\(statusOut)")
        // juchu check tries the relay (no mail sent) and says the same.
        let (checkCode, checkOut, checkErr) = try await CommandsEndToEndTests.run(juchu, ["check", "--config", config])
        #expect(checkCode == 1 && checkErr.contains("メールサーバ: SMTP AUTH のIDかパスワードが違います"), "\(checkOut) \(checkErr)")
        #expect((checkOut + checkErr).components(separatedBy: "IDかパスワードが違います").count == 2, "said once: \(checkOut) \(checkErr)")

        let stray = try CommandsEndToEndTests.writeConfig(
            try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "from = \"\(relay.allowedSender)\"", with: "from = \"me@gmail.com\""),
            in: juchu)
        let (refused, _, refusedErr) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--status", "新規受付", "--config", stray])
        #expect(refused == 2 && refusedErr.contains("mail.registered") && refusedErr.contains("me@gmail.com"), "\(refusedErr)")
        let strayBcc = try CommandsEndToEndTests.writeConfig(
            try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "hold_minutes = 0", with: "hold_minutes = 0\nbcc = [\"copy@gmail.com\"]"),
            in: juchu)
        let (bccRefused, _, bccErr) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--status", "新規受付", "--config", strayBcc])
        #expect(bccRefused == 2 && bccErr.contains("Bcc copy@gmail.com"), "\(bccErr)")
        // The SMTP password is a secret: a file others can read is refused; the environment may hold it instead.
        let open = try CommandsEndToEndTests.writeConfig(try String(contentsOfFile: config, encoding: .utf8), in: juchu, mode: 0o644)
        let (openStatus, _, openErr) = try await CommandsEndToEndTests.run(juchu, ["mail", "preview", "--template", "thanks", numbers[0].rawValue, "--config", open])
        #expect(openStatus == 2 && openErr.contains("chmod 600") && openErr.contains("mail.password"), "\(openErr)")
        #expect(try relay.messages().isEmpty)
        await sandbox.stop()
    }

    @Test("the shipped signature's placeholder is never sent: juchu mail send refuses before anything goes; juchu check connects to the relay (an address as smtp_host, no SNI), sends nothing, and names the templates to finish")
    func placeholder() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 6, requestsPerSecond: 0)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let db = juchu.home + "/mail.sqlite"
        let config = try Self.config(sandbox, relay, in: juchu, database: db, signed: false, host: "127.0.0.1")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let (status, out, err) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--status", "新規受付", "--config", config])
        #expect(status == 2 && err.contains("signature.txt") && err.contains("（店舗名・連絡先をここに）"), "\(out) \(err)")
        #expect(try relay.messages().isEmpty)
        let store = try OrderStore(path: db)
        #expect(try store.mailHistory(try store.page(GridFilter(), limit: 100).map(\.number)).isEmpty, "nothing recorded as sent or tried")
        let (checked, checkOut, checkErr) = try await CommandsEndToEndTests.run(juchu, ["check", "--config", config])
        #expect(checked == 0, "\(checkOut) \(checkErr)")
        #expect(checkOut.contains("メールサーバに接続できました（127.0.0.1:\(relay.port)、STARTTLS、AUTH \(relay.user)。メールは送っていません）"), "\(checkOut)")
        #expect(checkOut.contains("メールのテンプレート「サンクスメール」: 署名"), "\(checkOut)")
        #expect(try relay.messages().isEmpty)
        await sandbox.stop()
    }

    /// A received mail's body, decoded.
    static func body(_ text: String) -> String {
        let encoded = text.components(separatedBy: "\r\n\r\n").dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// メール送信 from the desk's panel in a real terminal: the preview with the mail whole, the send
/// through the relay, the mail kept and opened from the detail, the test send to the shop itself.
@Suite("End to end: mail from the desk", .serialized)
struct DeskMailEndToEndTests {
    @Test("メール送信 previews the cursor order's mail whole, sends it once (送信済み), moves it to 新規受付メール済み; m opens it as sent; 自分宛にテスト送信 goes to the shop's own address")
    func panelMail() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let db = juchu.home + "/desk-mail.sqlite"
        let config = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db)
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 45)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") } },
                                  "the desk did not fetch:\n\(session.capture())")
        let lines = DemoConfirmEndToEndTests.gridLines(opened)
        let index = try #require(lines.firstIndex { !$0.contains("送料未設定") })
        let number = try #require(DemoConfirmEndToEndTests.orderNumber(in: lines[index]))
        for _ in 0..<index { session.send("j") }

        session.send("Tab")
        try PanelEndToEndTests.choose("メール送信", in: session)
        session.send("Enter")
        let preview = try await offPool { session.waitFor(10) { $0.contains("メール送信（サンクスメール）: 1件") && $0.contains("件名: 【楽天デモ米店】") } }
        #expect(preview != nil, "no preview:\n\(session.capture())")
        #expect(preview?.contains("メールを送信します。送ったメールは取り消せません。") == true)
        #expect(try relay.messages().isEmpty, "nothing goes before y")
        session.send("y")
        let result = try await offPool { session.waitFor(20) { $0.contains("成功: 1件") && $0.contains("送信済み") } }
        #expect(result != nil, "no result:\n\(session.capture())")
        #expect(try relay.messages().count == 1)
        session.send("Enter", "Tab", "Tab")

        // The order is now 新規受付メール済み: the next tab; its mail opens as sent.
        session.send("]")
        _ = try await offPool { session.waitFor(10) { $0.contains("受注一覧 新規受付メール済み") && $0.contains(number) } }
        let detail = try await offPool { session.waitFor(10) { $0.contains("メール thanks 送信済み") && $0.contains("（m で開く）") } }
        #expect(detail != nil, "the detail does not list the mail:\n\(session.capture())")
        session.send("m")
        let viewer = try await offPool { session.waitFor(10) { $0.contains("送ったメール \(number)") && $0.contains("Subject: 【楽天デモ米店】ご注文ありがとうございます") } }
        #expect(viewer != nil, "the mail did not open:\n\(session.capture())")
        #expect(viewer?.contains("■ご注文番号: \(number)") == true)
        session.send("Escape")

        session.send("Tab")
        try PanelEndToEndTests.choose("自分宛にテスト送信（カーソル行のメール）", in: session)
        session.send("Enter")
        let tested = try await offPool { session.waitFor(20) { $0.contains("自分宛（\(relay.allowedSender)）にテスト送信しました") } }
        #expect(tested != nil, "no test send:\n\(session.capture())")
        let received = try relay.messages()
        #expect(received.count == 2 && received[1].to == [relay.allowedSender])
        #expect(try OrderStore(path: db).mailHistory([OrderNumber(number)])[OrderNumber(number)]?.count == 1, "a test send is not the order's mail")
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }
}
