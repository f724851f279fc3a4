import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// `juchu store copy` as an administrator moving a shop to PostgreSQL runs it.
@Suite("End to end: copying the store to PostgreSQL", .serialized, .enabled(if: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] != nil))
struct StoreCopyEndToEndTests {
    /// psql on the test server's maintenance database.
    static func psql(_ sql: String, database: String = "postgres") throws -> String {
        let server = try #require(URLComponents(string: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] ?? ""))
        var url = server
        url.path = "/" + database
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url.string!, "-v", "ON_ERROR_STOP=1", "-Atc", sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql: \(sql)")
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a store with orders and a confirmation is refused while the confirmation is open, then copied whole (--json), checked, and not copied twice; a password in the URL is refused")
    func copy() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 25, requestsPerSecond: 0)
        let database = juchu.home + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: database, more: "[fetch]\nskip_younger_than_minutes = 0")
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        let server = try #require(URLComponents(string: ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] ?? ""))
        let name = "juchu_e2e_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Self.psql("CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
        defer { #expect(throws: Never.self) { _ = try Self.psql("DROP DATABASE \(name) WITH (FORCE)") } }
        let target = "postgresql://\(server.user!)@\(server.host!):\(server.port!)/\(name)?sslmode=disable"

        let (withPassword, _, passwordErr) = try await CommandsEndToEndTests.run(
            juchu, ["store", "copy", "--to", "postgresql://\(server.user!):secret@\(server.host!):\(server.port!)/\(name)", "--config", config])
        #expect(withPassword == 2 && passwordErr.contains("パスワードを書かないでください"), "\(passwordErr)")

        // A confirmation a desk recorded and did not send before it ended: the copy waits for the worker to send it.
        let store = try OrderStore(path: database)
        let first = try #require(try store.page(GridFilter(), limit: 1).first?.number)
        _ = try store.apply(ConfirmAction(), to: [first], claimedBy: "\(OperatorIdentity.current)@\(OperatorIdentity.host):4194303")
        _ = consume store
        let (open, _, openErr) = try await CommandsEndToEndTests.run(juchu, ["store", "copy", "--to", target, "--config", config])
        #expect(open == 1 && openErr.contains("送信待ち 1件") && openErr.contains("何も書き込んでいません"), "\(openErr)")
        #expect(try Self.psql("SELECT count(*) FROM orders", database: name) == "0")

        // The worker sends it; stopped, the store is the copy's alone.
        let worker = try JuchuProcess(juchu, ["sync", "--config", config])
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(20)
        while try OrderStore(path: database).contents().openWrites > 0, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        kill(worker.processIdentifier, SIGTERM)
        try await offPool { worker.waitUntilExit() }
        let (copied, out, err) = try await CommandsEndToEndTests.run(juchu, ["store", "copy", "--to", target, "--config", config, "--json"])
        #expect(copied == 0, "\(err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let tables = try #require(report["tables"] as? [[String: Any]])
        let orders = try #require(tables.first { $0["name"] as? String == "orders" })
        let held = try OrderStore(path: database).contents()
        #expect(held.orders > 0 && held.outbox.values.reduce(0, +) == 1 && held.openWrites == 0, "\(held)")
        #expect(orders["rows"] as? Int == held.orders && (orders["sha256sum"] as? String)?.count == 64, "\(orders)")
        #expect(try Self.psql("SELECT count(*) FROM orders", database: name) == "\(held.orders)")
        #expect(try Self.psql("SELECT state FROM outbox WHERE kind = 'confirm'", database: name) == held.outbox.keys.first)
        #expect(try Self.psql("SELECT count(*) FROM journal", database: name) == "\(held.journalEntries)")

        let (again, _, againErr) = try await CommandsEndToEndTests.run(juchu, ["store", "copy", "--to", target, "--config", config])
        #expect(again == 1 && againErr.contains("既に店のデータがあります"), "\(againErr)")
    }
}
