import Foundation
import Synchronization
import GRDB
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

/// Backups made while others write, checked, kept to a number; restores that refuse a store in
/// use and put back exactly what the backup held.
@Suite("Backups and restores of the store")
struct BackupTests {
    let directory = TemporaryDirectory()

    func incoming(_ orders: [Order]) -> [OrderStore.Incoming] {
        orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) }
    }

    static func rows(_ path: String, _ sql: String) throws -> [Row] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { try Row.fetchAll($0, sql: sql) }
    }

    @Test("a backup taken while another desk writes holds one moment whole; restored, every order, journal entry and write is there, the open ones unknown")
    func backupWhileWriting() async throws {
        let path = directory.file("shop.sqlite")
        let store = try OrderStore(path: path, operatorName: "desk-a")
        let orders = (1...200).map { OrderFixtures.order($0) }
        try store.importOrders(incoming(orders))
        // Confirmations recorded and never answered: open writes in the backup.
        _ = try store.apply(ConfirmAction(), to: orders.prefix(20).map(\.number), claimedBy: "desk-a@elsewhere:1")
        let writer = try OrderStore(path: path, operatorName: "desk-b")
        // The other desk writes on while the backup is taken, and ten orders more once it is made,
        // however fast or slow the machine runs either (the cap only ends a run whose backup failed).
        final class Flag: Sendable { let raised = Mutex(false) }
        let backupDone = Flag()
        let writerStopped = Flag()
        let writing = Task {
          defer { writerStopped.raised.withLock { $0 = true } }
          try await offPool {
            var serial = 200, afterBackup = 0
            while afterBackup < 10 && serial < 50_000 {
                serial += 1
                try writer.importOrders([OrderStore.Incoming(order: OrderFixtures.order(serial), rawJSON: nil)])
                _ = try writer.apply(ChangeStatusAction(to: .onHold), to: [OrderFixtures.order(serial - 200).number])
                if backupDone.raised.withLock({ $0 }) { afterBackup += 1 }
            }
          }
        }
        // A writer that stopped early (it failed) ends the wait: its error is thrown below.
        while try store.contents().orders < 220, !writerStopped.raised.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        if writerStopped.raised.withLock({ $0 }) { try await writing.value }
        let made: OrderStore.ScheduledBackup
        do {
            made = try await offPool { try store.makeBackup(BackupSchedule(folder: self.directory.file("backups"))) }
            backupDone.raised.withLock { $0 = true }
        } catch {
            backupDone.raised.withLock { $0 = true }
            try await writing.value
            throw error
        }
        try await writing.value
        let backup = made.backup
        #expect(FileAccessTests.mode(backup.path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("backups")).count == 1, "no partial copy is left")
        #expect(backup.contents.orders >= 220, "\(backup.contents.summary)")
        #expect(backup.contents.outbox["pending"] == 20)
        let live = try store.contents()
        #expect(live.orders > backup.contents.orders && live.journalEntries > backup.contents.journalEntries)

        let restored = directory.file("restored.sqlite")
        let restore = try StoreRestore(from: backup.path, to: restored, access: .ownerOnly)
        #expect(restore.currentContents == nil)
        #expect(restore.plan.contains { $0.contains("結果待ちの送信 20件は「結果不明」") })
        let result = try restore.run(at: Date())
        #expect(result.keptAs == nil && result.writesMadeUnknown == 20 && result.carried.writes == 0)
        let reopened = try OrderStore(path: restored)
        var expected = backup.contents
        expected.outbox = ["unknown": 20]
        #expect(try reopened.contents() == expected)
        // Every journal entry and order as the backup held it; every journal entry is the live store's too.
        // undone_by_batch is written later, when an entry is undone: the rest of an entry never changes.
        let journal = "SELECT id, batch_id, at, operator, action, order_number, field, before_value, after_value, undoable FROM journal ORDER BY id"
        #expect(try Self.rows(restored, journal) == Self.rows(backup.path, journal))
        let liveJournal = try Self.rows(path, journal)
        #expect(Array(liveJournal.prefix(backup.contents.journalEntries)) == (try Self.rows(backup.path, journal)))
        let ordersSQL = "SELECT * FROM orders ORDER BY order_number"
        #expect(try Self.rows(restored, ordersSQL) == Self.rows(backup.path, ordersSQL))
        let outbox = try Self.rows(restored, "SELECT id, kind, order_number, state, result FROM outbox ORDER BY id")
        #expect(outbox.count == 20 && outbox.allSatisfy { $0["state"] == "unknown" && ($0["result"] as String).hasPrefix("バックアップから戻しました") })
        directory.remove()
    }

    @Test("a restore is refused while the store is open and keeps the store it replaces; what was sent after the backup is carried in and never claimed again")
    func restoreRefusalsAndCarry() throws {
        let path = directory.file("shop.sqlite")
        var store: OrderStore? = try OrderStore(path: path)
        let orders = (1...40).map { OrderFixtures.order($0) }
        try store!.importOrders(incoming(Array(orders.prefix(30))))
        let made = try store!.makeBackup(BackupSchedule(folder: directory.file("backups")))
        // After the backup: ten more orders arrive and are confirmed (sent), one left unanswered.
        try store!.importOrders(incoming(Array(orders.suffix(10))))
        let sent = try store!.apply(ConfirmAction(), to: orders.suffix(10).map(\.number), claimedBy: "desk@elsewhere:1")
        #expect(sent.intents.count == 10)
        let restore = try StoreRestore(from: made.backup.path, to: path, access: .ownerOnly)
        #expect(restore.currentContents?.orders == 40 && restore.backupContents.orders == 30)
        #expect(restore.recordsAfterBackup.writes == 10)
        #expect(restore.plan.contains { $0.contains("バックアップの後にRMSへ送った・メールした記録 10件") }, "\(restore.plan)")
        do {
            _ = try restore.run(at: Date())
            Issue.record("restored under an open store")
        } catch {
            #expect("\(error)".contains("開いているプロセス"), "\(error)")
        }
        store = nil
        // A restore cut short before left its journal beside the copy: it is not played into the next.
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path + ".restoring-journal"))
        let result = try restore.run(at: Date())
        let kept = try #require(result.keptAs)
        #expect(result.carried.writes == 10 && result.writesMadeUnknown == 10)
        let restored = try OrderStore(path: path)
        #expect(try restored.contents().orders == 30)
        #expect(try OrderStore(path: kept).contents().orders == 40, "the store replaced is kept whole")
        #expect(!FileManager.default.fileExists(atPath: path + ".restoring") && !FileManager.default.fileExists(atPath: path + ".restoring-journal"))
        // The orders arrive again from RMS: their confirmations, already sent, are not claimed a second time.
        try restored.importOrders(incoming(Array(orders.suffix(10))))
        let again = try restored.apply(ConfirmAction(), to: orders.suffix(10).map(\.number))
        #expect(again.intents.isEmpty && again.plan.skips.count == 10, "\(again.plan.skips)")
        directory.remove()
    }

    @Test("a damaged backup, one of a newer version, a link to one, or the store itself: refused or followed, the store untouched")
    func badBackups() throws {
        let path = directory.file("shop.sqlite")
        var store: OrderStore? = try OrderStore(path: path)
        try store!.importOrders(incoming((1...30).map { OrderFixtures.order($0) }))
        let made = try store!.makeBackup(BackupSchedule(folder: directory.file("backups")))
        store = nil
        // The headers of its b-tree pages overwritten: refused by its check.
        let damaged = directory.file("damaged.sqlite")
        try FileManager.default.copyItem(atPath: made.backup.path, toPath: damaged)
        let handle = try #require(FileHandle(forUpdatingAtPath: damaged))
        for page in 2..<8 {
            try handle.seek(toOffset: UInt64(16_384 * page))
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 12))
        }
        try handle.close()
        #expect(throws: StoreError.self) { try StoreRestore(from: damaged, to: path, access: .ownerOnly) }
        #expect(throws: StoreError.self) { try OrderStore.verifyBackup(at: directory.file("missing.sqlite")) }
        let notAStore = directory.file("text.sqlite")
        try "hello".write(toFile: notAStore, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try OrderStore.verifyBackup(at: notAStore) }
        #expect(throws: StoreError.self, "the store is not its own backup") { try StoreRestore(from: path, to: path, access: .ownerOnly) }
        // Made by a later version of juchu.
        let newer = directory.file("newer.sqlite")
        try FileManager.default.copyItem(atPath: made.backup.path, toPath: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.self) { try StoreRestore(from: newer, to: path, access: .ownerOnly) }
        // Through a link: the file it points to is copied, and left as it was.
        let link = directory.file("latest.sqlite")
        symlink(made.backup.path, link)
        let before = try Data(contentsOf: URL(fileURLWithPath: made.backup.path))
        _ = try StoreRestore(from: link, to: path, access: .ownerOnly).run(at: Date())
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG, "the store is a file of its own, not a link")
        #expect(try Data(contentsOf: URL(fileURLWithPath: made.backup.path)) == before)
        #expect(try OrderStore(path: path).contents().orders == 30)
        directory.remove()
    }

    @Test("carried in: a backup's write answered after it, a later mail with its message, a rule's act changed since; a store made anew after a loss carries its writes by content")
    func carriedRecords() throws {
        let path = directory.file("shop.sqlite")
        var store: OrderStore? = try OrderStore(path: path)
        let orders = (1...6).map { OrderFixtures.order($0) }
        try store!.importOrders(incoming(orders))
        // Open in the backup: a confirmation (id 1) and a rule's act waiting to bundle.
        _ = try store!.apply(ConfirmAction(), to: [orders[0].number], claimedBy: "desk@elsewhere:1")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO rule_acts (order_number, rule, matched, hold, stopped, batch_id, at, waits_to_bundle)
                VALUES (?, '同梱候補', '', NULL, 0, 'b1', 0, 1)
                """, arguments: [orders[1].number.rawValue])
        }
        let made = try store!.makeBackup(BackupSchedule(folder: directory.file("backups")))
        // After it: RMS took the confirmation; a mail went to the relay, its message recorded; the bundle was made.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'done', finished_at = 1, result = 'accepted' WHERE id = 1")
            try db.execute(sql: """
                INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at, detail, attempt)
                VALUES ('send-mail', ?, 'done', 'desk', 'desk@elsewhere:1', 2, 'thanks', 0)
                """, arguments: [orders[2].number.rawValue])
            try db.execute(sql: "INSERT INTO mail_messages (intent, recipient, subject, message, recorded_at) VALUES (2, 'a@example.jp', '御礼', x'00', 2)")
            try db.execute(sql: "UPDATE rule_acts SET waits_to_bundle = 0")
        }
        store = nil
        let result = try StoreRestore(from: made.backup.path, to: path, access: .ownerOnly).run(at: Date())
        #expect(result.writesMadeUnknown == 0, "the confirmation's answer came after the backup and is carried")
        #expect(result.carried.writes == 1 && result.carried.mails == 1)
        let outbox = try Self.rows(path, "SELECT id, kind, state FROM outbox ORDER BY id")
        #expect(outbox.map { $0["state"] as String } == ["done", "done"])
        #expect(try Self.rows(path, "SELECT intent FROM mail_messages").count == 1)
        #expect(try Self.rows(path, "SELECT waits_to_bundle FROM rule_acts").map { $0["waits_to_bundle"] as Int } == [0])

        // The store lost and a fresh one made before the restore: its writes come in by content, under new ids.
        let kept = try #require(result.keptAs)
        for file in OrderStore.files(of: path) where FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        var fresh: OrderStore? = try OrderStore(path: path)
        try fresh!.importOrders(incoming(orders))
        _ = try fresh!.apply(ConfirmAction(), to: [orders[3].number, orders[4].number], claimedBy: "desk@elsewhere:1")
        fresh = nil
        let second = try StoreRestore(from: made.backup.path, to: path, access: .ownerOnly).run(at: Date())
        #expect(second.carried.writes == 2, "\(second.carried)")
        let confirmed = try Self.rows(path, "SELECT order_number FROM outbox WHERE kind = 'confirm' ORDER BY id").map { $0["order_number"] as String }
        #expect(Set(confirmed) == Set([orders[0], orders[3], orders[4]].map(\.number.rawValue)))
        #expect(FileManager.default.fileExists(atPath: kept))
        directory.remove()
    }

    @Test("the newest `keep` backups are kept; the daily one is due only when the newest is a day old")
    func keepAndDue() throws {
        let clock = Mutex(Date(timeIntervalSince1970: 1_796_000_000))
        let store = try OrderStore(path: directory.file("shop.sqlite"), now: { clock.withLock { $0 } })
        var schedule = BackupSchedule(folder: directory.file("backups"))
        schedule.keep = 2
        #expect(try store.backupIsDue(schedule))
        var removed: [[String]] = []
        for _ in 0..<4 {
            removed.append(try store.makeBackup(schedule).removed)
            clock.withLock { $0 += 60 }
        }
        let left = try schedule.folder.backups()
        #expect(left.count == 2 && removed.map(\.count) == [0, 0, 1, 1])
        // The files were written just now: the next is due a day later (by the store's clock).
        clock.withLock { $0 = Date().addingTimeInterval(3600) }
        #expect(try !store.backupIsDue(schedule))
        clock.withLock { $0 = Date().addingTimeInterval(86_400 + 60) }
        #expect(try store.backupIsDue(schedule))
        schedule.every = nil
        #expect(try !store.backupIsDue(schedule))
        directory.remove()
    }
}
