import Foundation
import OrderEngine
import OrderStore
import RakutenPay
import Testing
import TestSupport

/// config.toml and the commands for scripts (check, fetch, status), run as processes against
/// the sandbox over loopback.
@Suite("End to end: config.toml, juchu check, fetch and status", .serialized)
struct CommandsEndToEndTests {
    /// Runs `juchu` to its end: exit status, stdout, stderr.
    static func run(_ juchu: JuchuBinary, _ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String, String) {
        try await offPool { try runBlocking(juchu, arguments, environment: environment) }
    }

    static func runBlocking(_ juchu: JuchuBinary, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let process = try JuchuProcess(juchu, arguments, environment: environment)
        process.waitUntilExit()
        return (process.terminationStatus, process.output, process.errorOutput)
    }

    /// Writes a config file with `mode` and returns its path.
    static func writeConfig(_ text: String, in juchu: JuchuBinary, mode: Int = 0o600) throws -> String {
        let path = juchu.home + "/config-\(UUID().uuidString).toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// A config.toml for the sandbox: its URL and credentials (or `licenseKey`), the database at
    /// `database`, and `more` (further keys of [api], then other tables). The worker's daily
    /// backup is off unless `more` has a [backup] of its own (the backup tests).
    static func sandboxConfig(
        _ sandbox: SandboxHarness, in juchu: JuchuBinary, database: String, licenseKey: String? = nil, requestsPerSecond: Double = 50,
        api: String = "", more: String = ""
    ) throws -> String {
        let credentials = sandbox.client.configuration.credentials
        return try writeConfig("""
            [shop]
            id = "398211"
            [store]
            \(database.hasPrefix("postgresql://") ? "url" : "path") = "\(database)"
            [api]
            base_url = "\(sandbox.baseURL)"
            service_secret = "\(credentials.serviceSecret)"
            license_key = "\(licenseKey ?? credentials.licenseKey)"
            requests_per_second = \(requestsPerSecond)
            \(api)
            \(more)
            \(more.contains("[backup]") ? "" : "[backup]\ndaily = false")
            """, in: juchu)
    }

    @Test("check proves the settings, fetch takes the orders once, status counts them; exit codes say what happened")
    func commands() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 40, requestsPerSecond: 0)
        let config = try Self.sandboxConfig(
            sandbox, in: juchu, database: juchu.home + "/shop.sqlite", api: "license_expires = 2099-01-31",
            more: "[fetch]\nskip_younger_than_minutes = 0")

        let (checkStatus, checkOut, _) = try await Self.run(juchu, ["check", "--config", config])
        #expect(checkStatus == 0, "\(checkOut)")
        #expect(checkOut.contains("接続できました"))

        let (fetchStatus, fetchOut, fetchErr) = try await Self.run(juchu, ["fetch", "--config", config, "--json"])
        #expect(fetchStatus == 0, "\(fetchErr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(fetchOut.utf8)) as? [String: Any])
        let inserted = try #require(report["inserted"] as? Int)
        #expect(inserted > 0)
        let (_, againOut, _) = try await Self.run(juchu, ["fetch", "--config", config, "--json"])
        let again = try #require(try JSONSerialization.jsonObject(with: Data(againOut.utf8)) as? [String: Any])
        #expect(again["inserted"] as? Int == 0 && again["alreadyPresent"] as? Int == inserted, "orders already in the store are not taken twice")

        let (statusStatus, statusOut, _) = try await Self.run(juchu, ["status", "--config", config, "--json"])
        #expect(statusStatus == 3, "no worker is running: a warning\n\(statusOut)")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(statusOut.utf8)) as? [String: Any])
        #expect((status["warnings"] as? [String])?.contains { $0.contains("同期ワーカーが動いていません") } == true)
        #expect((status["counts"] as? [String: Int])?["新規受付"] == inserted)

        let (csvStatus, csv, _) = try await Self.run(juchu, ["export", "--config", config, "--status", "新規受付"])
        #expect(csvStatus == 0)
        let csvLines = csv.split(separator: "\r\n")
        #expect(csvLines.first == "受注番号,注文日時,注文者,注文者カナ,合計金額,請求金額,送料,RMSステータス,受注ステータス,連携状態,支払方法,同梱,配送方法,お届け日指定,お届け時間帯,サブステータス,特記事項")
        #expect(csvLines.count == inserted + 1)
        #expect(!csv.contains("-9999"), "an unset fee is exported empty")
        // 合計金額 and 請求金額 are RMS's own totalPrice and requestPrice.
        let held = Dictionary(uniqueKeysWithValues: try await sandbox.orders(inProgress: 100).map { ($0.orderNumber, $0) })
        for line in csvLines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let model = try #require(held[fields[0]])
            func expected(_ value: Int) -> String { value == Money.rakutenUnsetSentinel ? "" : String(value) }
            #expect(fields[4] == expected(model.totalPrice) && fields[5] == expected(model.requestPrice), "\(line)")
            // What RMS says of the delivery, as RMS says it.
            let order = Order(rakuten: model, localStatus: .newOrder)
            #expect(fields[12] == model.deliveryModel.deliveryName && fields[13] == (order.delivery?.date?.description ?? "")
                    && fields[14] == (order.delivery?.timeSlotText ?? "") && fields[15] == (model.subStatusName ?? "")
                    && fields[16] == order.handlingMarks.joined(separator: "・"), "\(line)")
        }
        let (_, json, _) = try await Self.run(juchu, ["export", "--config", config, "--format", "json", "--search", "支払:クレジット"])
        let objects = try json.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(!objects.isEmpty && objects.allSatisfy { $0?["paymentMethod"]?.contains("クレジット") == true })
        let (badSearch, _, badSearchErr) = try await Self.run(juchu, ["export", "--config", config, "--search", "日付:2026-99-99"])
        #expect(badSearch == 2 && badSearchErr.contains("2026-99-99"))

        // A wrong licence key: the operator's words, exit 1.
        let wrong = try Self.sandboxConfig(sandbox, in: juchu, database: juchu.home + "/shop.sqlite", licenseKey: "wrong")
        let (wrongStatus, _, wrongErr) = try await Self.run(juchu, ["check", "--config", wrong])
        #expect(wrongStatus == 1, "\(wrongErr)")
        #expect(wrongErr.contains("接続できません"))
        await sandbox.stop()
    }

    static let senderTOML = "[sender]\nname = \"店\"\nphone = \"03-1234-5678\"\nzip = \"1000001\"\naddress = \"東京都\"\n"

    @Test("a config with secrets readable by others is refused; bad values name the file and key; secrets may come from the environment")
    func badConfig() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let open = try Self.writeConfig("[api]\nservice_secret = \"s\"\nlicense_key = \"k\"\n", in: juchu, mode: 0o644)
        let (openStatus, _, openErr) = try Self.runBlocking(juchu, ["status", "--config", open])
        #expect(openStatus == 2)
        #expect(openErr.contains(open) && openErr.contains("chmod 600"), "\(openErr)")

        for (text, key) in [
            ("[fetch]\ndays_back = 90\n", "fetch.days_back"), ("[fetch]\nfrom_status = \"発送済み\"\n", "fetch.from_status"),
            ("[api]\nbase_url = \"ftp:/x\"\n", "api.base_url"), ("[shop]\nid = 398211\n", "shop.id"),
            ("[shop]\ndelivery_methods = []\n", "shop.delivery_methods"), ("[shop]\ndelivery_methods = [\"宅配便\", \"\"]\n", "shop.delivery_methods"),
            ("[fetch]\ninterval = 5\n", "fetch.interval"), ("[desk\n", "行目"),
            ("[[desk.views]]\nname = \"x\"\nstatus = \"発送済\"\n", "desk.views[1].status"),
            ("[[desk.views]]\nname = \"x\"\nsearch = \"日付:2026-02-30\"\n", "desk.views[1].search"),
            ("[desk]\nstatuses = [\"出荷待ち\"]\n", "fetch.store_as"),
            ("[desk]\nstatuses = [\"新規受付\", \"shipped\"]\n", "desk.statuses"),
            ("[desk]\ncolumns = [\"number\", \"電話番号\"]\n", "desk.columns"),
            ("[desk]\ncolumns = [\"注文者\", \"合計金額\"]\n", "desk.columns"),
            (Self.senderTOML + "[shipping]\nyupri_layout = \"100\"\n", "shipping.yupri_layout"),
            (Self.senderTOML + "[shipping]\nyupri_cod_slip_type = \"代引\"\n", "shipping.yupri_cod_slip_type"),
            (Self.senderTOML + "[shipping]\nyupri_cod_slip_type = \"1100780\"\n", "shipping.yupri_cod_slip_type"),
        ] {
            let path = try Self.writeConfig(text, in: juchu)
            let (status, _, err) = try Self.runBlocking(juchu, ["status", "--config", path])
            #expect(status == 2, "\(text): \(err)")
            #expect(err.contains(path) && err.contains(key), "\(text): \(err)")
        }

        // No secret in the file: group-readable is fine, and the secrets come from the environment.
        let plain = try Self.writeConfig("[store]\npath = \"\(juchu.home)/env.sqlite\"\n", in: juchu, mode: 0o644)
        _ = try OrderStore(path: juchu.home + "/env.sqlite")  // as the first fetch leaves it
        let (plainStatus, plainOut, plainErr) = try Self.runBlocking(juchu, ["status", "--config", plain])
        #expect(plainStatus == 3, "\(plainErr)")
        #expect(plainOut.contains("新規受付 0"))
        let (missingStatus, _, missingErr) = try Self.runBlocking(juchu, ["check", "--config", plain])
        #expect(missingStatus == 2 && missingErr.contains("JUCHU_SERVICE_SECRET"), "\(missingErr)")
    }

    @Test("juchu desk opens on config.toml: fetches from the configured RMS and warns of the licenceKey's expiry")
    func desk() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let expiry = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(5 * 86_400))
        // RMS says the key expires in five days (LicenseManagementAPI); config.toml says nothing of it.
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0) {
            $0.keyExpires = RakutenDate(year: expiry.year!, month: expiry.month!, day: expiry.day!)
        }
        let config = try Self.sandboxConfig(
            sandbox, in: juchu, database: juchu.home + "/desk.sqlite", more: """
            [fetch]
            skip_younger_than_minutes = 0
            [desk]
            flags = ["メール便", "のし"]
            columns = ["受注番号", "注文者カナ", "status", "shipping_fee", "連携", "注意"]
            [[desk.views]]
            name = "カードの新規"
            status = "新規受付"
            search = "支払:クレジット"
            """)
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 40)
        defer { session.kill() }
        let screen = try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && !$0.contains("新規受付 0 ") && $0.contains("licenseKey 残り5日") } }
        #expect(screen != nil, "the desk did not fetch or warn:\n\(session.capture())")
        // The grid has the columns config.toml chose, in its order.
        let header = screen?.split(separator: "\n").first { $0.contains("受注番号") }.map(String.init) ?? ""
        let titles = ["受注番号", "注文者カナ", "受注ステータス", "送料", "連携", "注意"]
        let positions = titles.compactMap { header.range(of: $0)?.lowerBound }
        #expect(positions.count == titles.count && positions == positions.sorted(), "header: \(header)")
        #expect(!header.contains("合計金額") && !header.contains("RMSステータス"), "header: \(header)")
        session.send("v", "1")
        // The grid counts the search's matches, not the whole status (the search is read in the background).
        let rows: @Sendable (String) -> Int = { screen in screen.split(separator: "\n").filter { $0.hasPrefix("│[") }.count }
        let view = try await offPool {
            session.waitFor(10) { $0.contains("検索: 支払:クレジット") && $0.contains("表示「カードの新規」") && rows($0) > 0 && $0.contains("（\(rows($0))件）") }
        }
        #expect(view != nil, "the saved view was not shown with its count:\n\(session.capture())")
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }

    @Test("two juchu sync on one file: one works, the other stands by and takes over when the first is killed; SIGTERM gives the lease up")
    func syncTakeover() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 5, requestsPerSecond: 0)
        let db = juchu.home + "/sync.sqlite"
        let config = try Self.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nautomatic = false\nconfirm_poll_seconds = 5")
        let store = try OrderStore(path: db)
        let first = try JuchuProcess(juchu, ["sync", "--config", config, "--lease-seconds", "60"])
        let second = try JuchuProcess(juchu, ["sync", "--config", config, "--lease-seconds", "60"])
        defer {
            for process in [first, second] where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        func holderPID() throws -> Int32? { try store.workerLease()?.pid }
        let deadline = Date().addingTimeInterval(10)
        while try holderPID() == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        // Both have had their first round (one works, one stands by) before the holder is killed.
        try await Task.sleep(for: .seconds(2))
        let holder = try #require(try holderPID(), "no worker took the lease")
        let (active, standby) = holder == first.processIdentifier ? (first, second) : (second, first)
        #expect(holder == active.processIdentifier)

        // Killed without a chance to give the lease up: the other sees its holder gone and takes over.
        kill(active.processIdentifier, SIGKILL)
        try await offPool { active.waitUntilExit() }
        let takeover = Date().addingTimeInterval(15)
        while try holderPID() != standby.processIdentifier, Date() < takeover { try await Task.sleep(for: .milliseconds(200)) }
        #expect(try holderPID() == standby.processIdentifier, "the standby worker did not take over")

        kill(standby.processIdentifier, SIGTERM)
        try await offPool { standby.waitUntilExit() }
        #expect(standby.terminationStatus == 0)
        #expect(try store.workerLease() == nil, "a worker stopped by SIGTERM gives the lease up")
        let output = standby.output
        #expect(output.contains("待機") && output.contains("同期を担当します") && output.contains("停止しました"), "\(output)")
        await sandbox.stop()
    }
    @Test("an expired licenceKey stops juchu sync with the auth message (nothing sent, nothing lost); a renewed key in config.toml resumes it")
    func expiredKey() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let yesterday = try #require(RakutenDate(parsing: String(RakutenDateTime(Date().addingTimeInterval(-86_400)).description.prefix(10))))
        let sandbox = try await SandboxHarness.start(orders: 20, requestsPerSecond: 0) { $0.keyExpires = yesterday }
        let database = juchu.home + "/key.sqlite"
        let more = "[fetch]\nskip_younger_than_minutes = 0\nconfirm_poll_seconds = 5\ninterval_minutes = 1\n"
        let config = try Self.sandboxConfig(sandbox, in: juchu, database: database, more: more)
        let sync = try JuchuProcess(juchu, ["sync", "--config", config])
        defer { if sync.isRunning { kill(sync.processIdentifier, SIGKILL) } }

        func status() async throws -> (Int32, String) {
            let (code, out, err) = try Self.runBlocking(juchu, ["status", "--config", config])
            return (code, out + err)
        }
        var stopped: (Int32, String) = (0, "")
        for _ in 0..<30 {
            stopped = try await status()
            if stopped.1.contains("同期を停止中") { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(stopped.0 == 3 && stopped.1.contains("認証エラー(licenseKey有効期限切れの可能性があります)"), "\(stopped.1)")
        #expect(try OrderStore(path: database).count(GridFilter(localStatus: .newOrder)) == 0)
        // Stopped means stopped: RMS is not called again with the refused key.
        func requests() async throws -> [String: Int] {
            let (_, body) = try await sandbox.admin("stats", method: "GET")
            let stats = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            return stats?["requests"] as? [String: Int] ?? [:]
        }
        let before = try await requests()
        #expect(!before.isEmpty, "the worker never called RMS")
        try await Task.sleep(for: .seconds(6))
        #expect(try await requests() == before, "the worker kept calling RMS with the refused key")

        // The shop renews the key in RMS and pastes it into config.toml.
        let key = "SL-renewed-\(UUID().uuidString)"
        sandbox.server.renewLicenseKey(key)
        let old = sandbox.client.configuration.credentials.licenseKey
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: old, with: key)
            .write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)
        var fetched = 0
        for _ in 0..<40 where fetched == 0 {
            try await Task.sleep(for: .milliseconds(500))
            fetched = try OrderStore(path: database).count(GridFilter(localStatus: .newOrder))
        }
        #expect(fetched > 0, "the worker did not resume with the renewed key")
        let resumed = try await status()
        #expect(!resumed.1.contains("同期を停止中"), "\(resumed.1)")
        kill(sync.processIdentifier, SIGTERM)
        try await offPool { sync.waitUntilExit() }
        let log = sync.output + sync.errorOutput
        #expect(sync.terminationStatus == 0, "\(log)")
        #expect(log.contains("新しいlicenseKeyで同期を再開しました"), "\(log)")
        await sandbox.stop()
    }
}

extension CommandsEndToEndTests {
    @Test("confirm, cancel and push read config.toml like every command; secrets are never arguments; a mistyped store path makes no database; usage errors exit 2")
    func scriptCommands() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try Self.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        let (fetched, _, fetchErr) = try await Self.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        let store = try OrderStore(path: db)
        let number = try #require(try store.page(GridFilter(localStatus: .newOrder), limit: 100).first { !$0.isShippingFeeUnset && !$0.isBundled }).number
        let (confirmed, confirmOut, confirmErr) = try await Self.run(juchu, ["confirm", "--config", config, number.rawValue])
        #expect(confirmed == 0, "\(confirmOut) \(confirmErr)")
        #expect(await sandbox.server.acceptedConfirmations()[number.rawValue] == 1)

        // The secrets come from config.toml (or the environment), never from arguments that ps shows.
        let (secretStatus, _, secretErr) = try await Self.run(juchu, ["confirm", "--config", config, "--license-key", "SL_x", number.rawValue])
        #expect(secretStatus == 2 && secretErr.contains("--license-key"), "\(secretErr)")
        // Usage errors exit 2, as bad settings do: never argument-parser's 64.
        for arguments in [["confirm", "--config", config], ["cancel", "--config", config, number.rawValue], ["export", "--format", "xml"], ["nosuch"]] {
            let (status, _, err) = try await Self.run(juchu, arguments)
            #expect(status == 2, "\(arguments): \(status) \(err)")
        }
        // A store path mistyped in config.toml: a clear error, and no new empty database.
        let typo = juchu.home + "/shpo.sqlite"
        let mistyped = try Self.sandboxConfig(sandbox, in: juchu, database: typo)
        for command in [["status"], ["export"], ["confirm", number.rawValue], ["cancel", "--reason", "欠品", number.rawValue], ["push", number.rawValue]] {
            let (status, _, err) = try await Self.run(juchu, [command[0], "--config", mistyped] + command.dropFirst())
            #expect(status == 2 && err.contains("データベース \(typo) がありません"), "\(command): \(status) \(err)")
        }
        #expect(!FileManager.default.fileExists(atPath: typo))
        await sandbox.stop()
    }

    @Test("juchu status: a failure a later send made good is no longer counted; a worker whose process is gone is stopped")
    func statusTruth() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try Self.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        _ = try await Self.run(juchu, ["fetch", "--config", config])
        let store = try OrderStore(path: db)
        let number = try #require(try store.page(GridFilter(localStatus: .newOrder), limit: 100).first { !$0.isShippingFeeUnset && !$0.isBundled }).number
        // The first send fails (maintenance), the second succeeds.
        _ = try await sandbox.admin("maintenance", json: #"{"on":true}"#)
        let (first, _, _) = try await Self.run(juchu, ["confirm", "--config", config, number.rawValue])
        #expect(first == 1)
        _ = try await sandbox.admin("maintenance", json: #"{"on":false}"#)
        let (second, _, _) = try await Self.run(juchu, ["confirm", "--config", config, number.rawValue])
        #expect(second == 0)
        let (_, out, _) = try await Self.run(juchu, ["status", "--config", config, "--json"])
        let status = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((status["outbox"] as? [String: Int])?["failed"] == nil, "\(status)")
        // A worker killed: its lease has not run out, but it is not working.
        let sync = try JuchuProcess(juchu, ["sync", "--config", config])
        try await offPool { _ = (0..<50).first { _ in Thread.sleep(forTimeInterval: 0.2); return sync.output.contains("同期を担当します") } }
        let (_, working, _) = try await Self.run(juchu, ["status", "--config", config])
        #expect(working.contains("同期ワーカー \(OperatorIdentity.current)@"), "\(working)")
        kill(sync.processIdentifier, SIGKILL)
        try await offPool { sync.waitUntilExit() }
        let (stoppedStatus, stopped, _) = try await Self.run(juchu, ["status", "--config", config])
        #expect(stoppedStatus == 3 && stopped.contains("のプロセスは終了しています") && stopped.contains("同期ワーカーが動いていません"), "\(stopped)")
        await sandbox.stop()
    }
}
