import Foundation
import OrderStore
import Testing
import TestSupport

/// A shop whose config.toml names a PostgreSQL database (`[store] url`), as its administrator
/// runs it: fetch and confirm from the command line, the worker's daily backup, `juchu backup`
/// and `juchu restore`.
@Suite("End to end: the store on PostgreSQL", .serialized, .enabled(if: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] != nil))
struct PostgresStoreEndToEndTests {
    /// A new database on the test server, and config.toml naming it.
    struct Shop {
        let juchu: JuchuBinary
        let sandbox: SandboxHarness
        let database: String
        let url: String
        let config: String
        let folder: String

        static func start(orders: Int, more: String = "") async throws -> Shop {
            let juchu = try JuchuBinary()
            let sandbox = try await SandboxHarness.start(orders: orders, requestsPerSecond: 0)
            let server = try #require(URLComponents(string: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] ?? ""))
            let database = "juchu_e2e_" + UUID().uuidString.prefix(8).lowercased()
            _ = try StoreCopyEndToEndTests.psql("CREATE DATABASE \(database) ENCODING 'UTF8' TEMPLATE template0")
            let url = "postgresql://\(server.user!)@\(server.host!):\(server.port!)/\(database)?sslmode=disable"
            let folder = juchu.home + "/backups"
            let credentials = sandbox.client.configuration.credentials
            let config = try CommandsEndToEndTests.writeConfig("""
                [shop]
                id = "398211"
                [store]
                url = "\(url)"
                [api]
                base_url = "\(sandbox.baseURL)"
                service_secret = "\(credentials.serviceSecret)"
                license_key = "\(credentials.licenseKey)"
                requests_per_second = 50
                [fetch]
                skip_younger_than_minutes = 0
                confirm_poll_seconds = 5
                [backup]
                folder = "\(folder)"
                keep = 2
                \(more)
                """, in: juchu)
            return Shop(juchu: juchu, sandbox: sandbox, database: database, url: url, config: config, folder: folder)
        }

        func run(_ arguments: [String]) async throws -> (Int32, String, String) {
            try await CommandsEndToEndTests.run(juchu, arguments + ["--config", config])
        }

        func psql(_ sql: String) throws -> String { try StoreCopyEndToEndTests.psql(sql, database: database) }

        func requests(to function: String) async throws -> Int {
            let (_, body) = try await sandbox.admin("stats", method: "GET")
            let stats = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            return (stats?["requests"] as? [String: Int])?[function] ?? 0
        }

        func stop() async {
            await sandbox.stop()
            #expect(throws: Never.self) { _ = try StoreCopyEndToEndTests.psql("DROP DATABASE \(database) WITH (FORCE)") }
            juchu.cleanUp()
        }
    }

    @Test("fetch and confirm run on the database config.toml names; the worker makes its daily pg_dump backup and juchu backup another, checked; restore refuses while the worker is connected, shows its plan, puts the backup back with the confirmations sent after it, and nothing is sent twice")
    func backupAndRestore() async throws {
        let shop = try await Shop.start(orders: 30)
        let (fetched, fetchOut, fetchErr) = try await shop.run(["fetch", "--json"])
        #expect(fetched == 0, "\(fetchErr)")
        let count = try #require((try JSONSerialization.jsonObject(with: Data(fetchOut.utf8)) as? [String: Any])?["inserted"] as? Int)
        #expect(try shop.psql("SELECT count(*) FROM orders") == "\(count)")

        let worker = try JuchuProcess(shop.juchu, ["sync", "--config", shop.config])
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        let folder = BackupFolder(path: shop.folder, suffix: ".pgdump")
        let deadline = Date().addingTimeInterval(20)
        while try folder.backups().isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        let daily = try #require(try folder.backups().first, "the worker made no backup: \(worker.output)")
        #expect(StoreAccessEndToEndTests.mode(daily) == 0o600 && StoreAccessEndToEndTests.mode(shop.folder) == 0o700)

        try await Task.sleep(for: .seconds(1.1))
        let (backedUp, backupOut, backupErr) = try await shop.run(["backup", "--json"])
        #expect(backedUp == 0, "\(backupErr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(backupOut.utf8)) as? [String: Any])
        let made = try #require(report["path"] as? String)
        #expect(made.hasSuffix(".pgdump") && report["orders"] as? Int == count && report["journalEntries"] as? Int == count, "\(report)")

        let (busy, _, busyErr) = try await shop.run(["restore", made, "--yes"])
        #expect(busy == 1 && busyErr.contains("接続しているセッション") && busyErr.contains("何も変えていません"), "\(busyErr)")
        kill(worker.processIdentifier, SIGTERM)
        try await offPool { worker.waitUntilExit() }
        #expect(worker.output.contains("バックアップを作りました") && worker.output.contains(shop.url.components(separatedBy: "?").first!), "\(worker.output)")

        // Confirmations sent after the backup: carried into the store restored, never sent again.
        let (confirmed, confirmOut, confirmErr) = try await shop.run(["confirm", "--status", "新規受付", "--json"])
        // 3: some were skipped (no shipping fee yet).
        #expect(confirmed == 0 || confirmed == 3, "\(confirmOut)\(confirmErr)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(confirmOut.utf8)) as? [[String: Any]])
        let sent = results.filter { $0["result"] as? String == "ok" }.count
        let requests = try await shop.requests(to: "confirmOrder")
        #expect(sent > 0 && requests > 0)
        #expect(try shop.psql("SELECT count(*) FROM outbox WHERE kind = 'confirm' AND state = 'done'") == "\(sent)")

        let (planned, planOut, planErr) = try await shop.run(["restore", made])
        #expect(planned == 0 && planOut.contains("--yes") && planOut.contains("引き継ぎます"), "\(planOut)\(planErr)")
        #expect(try shop.psql("SELECT count(*) FROM journal") != "\(count)", "the plan changed nothing")
        let (restored, restoredOut, restoredErr) = try await shop.run(["restore", made, "--yes"])
        #expect(restored == 0 && restoredOut.contains("戻しました") && restoredOut.contains("バックアップの後の送信記録 \(sent)件・"), "\(restoredOut)\(restoredErr)")
        #expect(try shop.psql("SELECT count(*) FROM journal") == "\(count)")
        #expect(try shop.psql("SELECT count(*) FROM outbox WHERE kind = 'confirm' AND state = 'done'") == "\(sent)")
        let kept = try shop.psql("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'juchu_before_restore_%'")
        #expect(!kept.isEmpty && restoredOut.contains(kept), "\(restoredOut)")
        #expect(try shop.psql("SELECT count(*) FROM \(kept).outbox") == "\(sent)")

        let (again, againOut, againErr) = try await shop.run(["confirm", "--status", "新規受付", "--json"])
        #expect(!againOut.contains("\"ok\""), "\(againOut)\(againErr)")
        #expect(try await shop.requests(to: "confirmOrder") == requests, "a confirmation went to RMS twice: \(againOut)")

        // The store restored is backed up and restored again: the schema kept beside it is in neither.
        let (again2, againBackupOut, againBackupErr) = try await shop.run(["backup", "--json", "--to", shop.juchu.home + "/after"])
        #expect(again2 == 0, "\(againBackupErr)")
        let second = try #require((try JSONSerialization.jsonObject(with: Data(againBackupOut.utf8)) as? [String: Any])?["path"] as? String)
        let (twice, twiceOut, twiceErr) = try await shop.run(["restore", second, "--yes"])
        #expect(twice == 0 && twiceOut.contains("戻しました"), "\(twiceOut)\(twiceErr)")
        #expect(try shop.psql("SELECT count(*) FROM outbox WHERE kind = 'confirm' AND state = 'done'") == "\(sent)")
        #expect(try shop.psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'juchu_before_restore_%'") == "2")

        // A restore cut short (its mark left in the store's schema): nothing opens the store, and restore says how to go back.
        _ = try shop.psql("CREATE TABLE public.juchu_restoring (backup text NOT NULL, kept text); INSERT INTO public.juchu_restoring VALUES ('x.pgdump', '\(kept)')")
        let (cut, _, cutErr) = try await shop.run(["status"])
        #expect(cut == 1 && cutErr.contains("戻す途中で終わっています") && cutErr.contains("ALTER SCHEMA \(kept) RENAME TO public"), "\(cutErr)")
        let (cutRestore, _, cutRestoreErr) = try await shop.run(["restore", second, "--yes"])
        #expect(cutRestore == 1 && cutRestoreErr.contains("戻す途中で終わっています") && cutRestoreErr.contains("何も変えていません"), "\(cutRestoreErr)")
        _ = try shop.psql("DROP TABLE public.juchu_restoring")

        // A backup cut short is refused by what pg_restore says; the store is left as it is.
        let damaged = shop.juchu.home + "/damaged.pgdump"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: made))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: damaged))
        let (refused, _, refusedErr) = try await shop.run(["restore", damaged, "--yes"])
        #expect(refused == 2 && refusedErr.contains("PostgreSQL のバックアップとして読めません"), "\(refusedErr)")
        #expect(try shop.psql("SELECT count(*) FROM journal") == "\(count)")
        await shop.stop()
    }

    @Test("on PostgreSQL the operators are the database's users: a viewer's confirm is refused, a member of a role named @role has its rights, and a manager's confirmation is journalled under the database user")
    func roles() async throws {
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let (viewer, clerk, clerks) = ("viewer_\(suffix)", "clerk_\(suffix)", "clerks_\(suffix)")
        let server = try #require(URLComponents(string: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] ?? ""))
        // Both read and write the shop's tables as members of the owner's role; the clerk through a role of clerks.
        for sql in ["CREATE ROLE \(clerks) NOLOGIN", "CREATE ROLE \(viewer) LOGIN IN ROLE \(server.user!)",
                    "CREATE ROLE \(clerk) LOGIN IN ROLE \(server.user!), \(clerks)"] {
            _ = try StoreCopyEndToEndTests.psql(sql)
        }
        let shop = try await Shop.start(orders: 20, more: """
            [operators]
            viewer = ["\(viewer)"]
            clerk = ["@\(clerks)"]
            manager = ["\(server.user!)"]
            """)
        defer {
            #expect(throws: Never.self) { for role in [viewer, clerk, clerks] { _ = try StoreCopyEndToEndTests.psql("DROP ROLE \(role)") } }
        }
        let (fetched, _, fetchErr) = try await shop.run(["fetch"])
        #expect(fetched == 0, "\(fetchErr)")
        /// config.toml as `user` has it: the same, its URL's user theirs.
        func config(as user: String) throws -> String {
            let text = try String(contentsOfFile: shop.config, encoding: .utf8).replacingOccurrences(of: "//\(server.user!)@", with: "//\(user)@")
            return try CommandsEndToEndTests.writeConfig(text, in: shop.juchu)
        }
        let (looked, _, lookedErr) = try await CommandsEndToEndTests.run(shop.juchu, ["status", "--config", try config(as: viewer)])
        #expect(looked == 0 || looked == 3, "\(lookedErr)")
        let (viewed, _, viewedErr) = try await CommandsEndToEndTests.run(shop.juchu, ["confirm", "--status", "新規受付", "--config", try config(as: viewer)])
        #expect(viewed == 2 && viewedErr.contains("（\(viewer) は閲覧）") && viewedErr.contains("[operators]"), "\(viewedErr)")
        let (clerked, _, clerkedErr) = try await CommandsEndToEndTests.run(shop.juchu, ["confirm", "--status", "新規受付", "--config", try config(as: clerk)])
        #expect(clerked == 2 && clerkedErr.contains("（\(clerk) は担当）"), "\(clerkedErr)")
        #expect(try shop.psql("SELECT count(*) FROM outbox") == "0")
        let (managed, managedOut, managedErr) = try await shop.run(["confirm", "--status", "新規受付"])
        #expect(managed == 0 || managed == 3, "\(managedOut)\(managedErr)")
        #expect(try shop.psql("SELECT DISTINCT operator FROM journal WHERE action = 'confirm'") == server.user!)
        #expect(try shop.psql("SELECT DISTINCT operator FROM outbox") == server.user!)
        await shop.stop()
    }

    @Test("a login that must give its password (SCRAM): the password_file's reaches the server and pg_dump and pg_restore, through a passfile of this user's only that is gone after the run; a wrong one is refused in the server's words",
          .enabled(if: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_PASSWORD_LOGIN"] != nil, "needs a login pg_hba.conf asks a password of"))
    func password() async throws {
        let login = try #require(ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_PASSWORD_LOGIN"])
        let server = try #require(URLComponents(string: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] ?? ""))
        // libpq's passfile escapes these; a password holding them must still be the same password.
        let secret = #"pa:ss\wörd"#
        _ = try StoreCopyEndToEndTests.psql("DROP ROLE IF EXISTS \(login)")
        _ = try StoreCopyEndToEndTests.psql("CREATE ROLE \(login) LOGIN PASSWORD '\(secret)' IN ROLE \(server.user!)")
        defer { #expect(throws: Never.self) { _ = try StoreCopyEndToEndTests.psql("DROP ROLE \(login)") } }
        let shop = try await Shop.start(orders: 10)
        let (fetched, _, fetchErr) = try await shop.run(["fetch"])
        #expect(fetched == 0, "\(fetchErr)")

        let passwordFile = shop.juchu.home + "/db-password"
        let temporary = shop.juchu.home + "/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        func config(password: String) throws -> String {
            try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: passwordFile))
            chmod(passwordFile, 0o600)
            let text = try String(contentsOfFile: shop.config, encoding: .utf8)
                .replacingOccurrences(of: "url = \"\(shop.url)\"", with: "url = \"\(shop.url.replacingOccurrences(of: "//\(server.user!)@", with: "//\(login)@"))\"\npassword_file = \"\(passwordFile)\"")
            return try CommandsEndToEndTests.writeConfig(text, in: shop.juchu)
        }
        let right = try config(password: secret)
        let (backedUp, backupOut, backupErr) = try await CommandsEndToEndTests.run(shop.juchu, ["backup", "--json", "--config", right], environment: ["TMPDIR": temporary])
        #expect(backedUp == 0, "pg_dump and pg_restore connect with the password: \(backupErr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(backupOut.utf8)) as? [String: Any])
        #expect((report["path"] as? String)?.hasSuffix(".pgdump") == true && (report["orders"] as? Int ?? 0) > 0, "\(report)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "no passfile left behind")
        #expect(try shop.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = '\(login)'") == "0")

        let wrong = try config(password: "not-the-password")
        let (refused, _, refusedErr) = try await CommandsEndToEndTests.run(shop.juchu, ["status", "--config", wrong])
        #expect(refused == 1 && refusedErr.contains("password authentication failed") && !refusedErr.contains("not-the-password"), "\(refusedErr)")
        let (dumped, _, dumpedErr) = try await CommandsEndToEndTests.run(shop.juchu, ["backup", "--config", wrong], environment: ["TMPDIR": temporary])
        #expect(dumped == 1 && dumpedErr.contains("password authentication failed"), "\(dumpedErr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "no passfile left behind after a failure")
        await shop.stop()
    }

    @Test("[store] url is checked as it is read: with path, with a password, an unknown sslmode, a password file others can read, a server that does not answer")
    func settings() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        func status(_ store: String) async throws -> (Int32, String) {
            let config = try CommandsEndToEndTests.writeConfig("[store]\n" + store, in: juchu)
            let (code, _, err) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
            return (code, err)
        }
        let both = try await status("path = \"/tmp/x.sqlite\"\nurl = \"postgresql://juchu@127.0.0.1/shop\"")
        #expect(both.0 == 2 && both.1.contains("store.url") && both.1.contains("どちらか一方"), "\(both.1)")
        let password = try await status("url = \"postgresql://juchu:secret@127.0.0.1/shop\"")
        #expect(password.0 == 2 && password.1.contains("パスワードを書かないでください"), "\(password.1)")
        let mode = try await status("url = \"postgresql://juchu@127.0.0.1/shop?sslmode=sometimes\"")
        #expect(mode.0 == 2 && mode.1.contains("sslmode「sometimes」はありません"), "\(mode.1)")
        let open = juchu.home + "/pgpass"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: open))
        chmod(open, 0o644)
        let readable = try await status("url = \"postgresql://juchu@127.0.0.1:1/shop\"\npassword_file = \"\(open)\"")
        #expect(readable.0 == 2 && readable.1.contains("chmod 600"), "\(readable.1)")
        let away = try await status("url = \"postgresql://juchu@127.0.0.1:1/shop\"")
        #expect(away.0 == 1 && away.1.contains("postgresql://juchu@127.0.0.1:1/shop") && away.1.contains("開けません"), "\(away.1)")
    }
}
