import Foundation
import OrderStore
import Testing
import TestSupport

/// `juchu backup` and `juchu restore` as an administrator runs them, and the worker's daily backup.
@Suite("End to end: backup and restore", .serialized)
struct BackupEndToEndTests {
    @Test("the worker makes its daily backup; juchu backup runs beside it and keeps the newest; restore refuses while the worker runs, shows the plan, then restores")
    func backupAndRestore() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let database = juchu.home + "/shop.sqlite"
        let folder = juchu.home + "/backups"
        let config = try CommandsEndToEndTests.sandboxConfig(
            sandbox, in: juchu, database: database,
            more: "[fetch]\nskip_younger_than_minutes = 0\nconfirm_poll_seconds = 5\n[backup]\nfolder = \"\(folder)\"\nkeep = 2")
        let (fetched, fetchOut, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config, "--json"])
        #expect(fetched == 0, "\(fetchErr)")
        let fetchReport = try #require(try JSONSerialization.jsonObject(with: Data(fetchOut.utf8)) as? [String: Any])
        let count = try #require(fetchReport["inserted"] as? Int)

        let worker = try JuchuProcess(juchu, ["sync", "--config", config])
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        let folderOf = BackupFolder(path: folder)
        let deadline = Date().addingTimeInterval(15)
        while try folderOf.backups().isEmpty, Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        let daily = try #require(try folderOf.backups().first, "the worker made no backup: \(worker.output)")
        #expect(StoreAccessEndToEndTests.mode(daily) == 0o600 && StoreAccessEndToEndTests.mode(folder) == 0o700)

        // Beside the running worker: two more, the oldest removed.
        try await Task.sleep(for: .seconds(1.1))
        let (first, firstOut, firstErr) = try await CommandsEndToEndTests.run(juchu, ["backup", "--config", config])
        #expect(first == 0 && firstOut.contains("確かめました: 整合性の検査（integrity_check）ok"), "\(firstOut)\(firstErr)")
        try await Task.sleep(for: .seconds(1.1))
        let (second, secondOut, _) = try await CommandsEndToEndTests.run(juchu, ["backup", "--config", config, "--json"])
        #expect(second == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(secondOut.utf8)) as? [String: Any])
        let made = try #require(report["path"] as? String)
        #expect(report["orders"] as? Int == count && (report["removed"] as? [String]) == [daily], "\(report)")
        #expect(try folderOf.backups().count == 2)

        let (busy, _, busyErr) = try await CommandsEndToEndTests.run(juchu, ["restore", made, "--yes", "--config", config])
        #expect(busy == 1 && busyErr.contains("開いているプロセス（デスク・同期ワーカー・コマンド）があります"), "\(busyErr)")
        kill(worker.processIdentifier, SIGTERM)
        try await offPool { worker.waitUntilExit() }
        #expect(worker.output.contains("バックアップを作りました"), "\(worker.output)")

        // Orders that arrive after the backup: the plan says they will not be in the store restored.
        let store = try OrderStore(path: database)
        let before = try store.contents()
        try store.importOrders((1...3).map { OrderStore.Incoming(order: OrderFixtures.order(9_000 + $0), rawJSON: nil) })
        // The plan is shown while the store is open (this test holds it); the restore itself is refused.
        let (preview, previewOut, previewErr) = try await CommandsEndToEndTests.run(juchu, ["restore", made, "--config", config])
        #expect(preview == 0 && previewOut.contains("--yes"), "\(previewOut)\(previewErr)")
        #expect(previewOut.contains("注文 \(count)件") && previewOut.contains("注文 \(count + 3)件"), "\(previewOut)")
        let (held, _, heldErr) = try await CommandsEndToEndTests.run(juchu, ["restore", made, "--yes", "--config", config])
        #expect(held == 1 && heldErr.contains("開いているプロセス"), "\(heldErr)")
        _ = consume store
        let (missing, _, missingErr) = try await CommandsEndToEndTests.run(juchu, ["restore", juchu.home + "/no-such.sqlite", "--config", config])
        #expect(missing == 2 && missingErr.contains("ありません"), "\(missingErr)")
        let (restored, restoredOut, restoredErr) = try await CommandsEndToEndTests.run(juchu, ["restore", made, "--yes", "--config", config])
        #expect(restored == 0 && restoredOut.contains("戻しました"), "\(restoredOut)\(restoredErr)")
        #expect(try OrderStore(path: database).contents().orders == before.orders)
        #expect(StoreAccessEndToEndTests.mode(database) == 0o600)
        let kept = try #require(restoredOut.components(separatedBy: "前のデータベースは ").last?.components(separatedBy: " に残しました").first)
        #expect(try OrderStore(path: kept).contents().orders == count + 3)
        let (status, _, statusErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(status == 0 || status == 3, "\(statusErr)")
        await sandbox.stop()
    }
}
