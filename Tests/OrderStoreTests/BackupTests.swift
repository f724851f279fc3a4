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
        let orders = (1...400).map { OrderFixtures.order($0) }
        try store.importOrders(incoming(Array(orders.prefix(200))))
        // Confirmations recorded and never answered: open writes in the backup.
        _ = try store.apply(ConfirmAction(), to: orders.prefix(20).map(\.number), claimedBy: "desk-a@elsewhere:1")
        let writer = try OrderStore(path: path, operatorName: "desk-b")
        let writing = Task.detached {
            for (index, order) in orders.dropFirst(200).enumerated() {
                try writer.importOrders([OrderStore.Incoming(order: order, rawJSON: nil)])
                _ = try writer.apply(ChangeStatusAction(to: .onHold), to: [orders[index].number])
            }
        }
        try await Task.sleep(for: .milliseconds(30))
        let made = try store.makeBackup(BackupSchedule(folder: directory.file("backups")))
        try await writing.value
        let backup = made.backup
        #expect(FileAccessTests.mode(backup.path) == 0o600)
        #expect(FileManager.default.fileExists(atPath: backup.path + ".partial") == false)
        #expect(backup.contents.orders >= 200 && backup.contents.orders <= 400)
        #expect(backup.contents.outbox["pending"] == 20)
        // One moment: each order the backup holds has exactly the journal entries of that order up to it.
        let live = try store.contents()
        #expect(live.orders == 400 && live.journalEntries > backup.contents.journalEntries)

        let restored = directory.file("restored.sqlite")
        let restore = try StoreRestore(from: backup.path, to: restored, access: .ownerOnly)
        #expect(restore.currentContents == nil)
        #expect(restore.plan.contains { $0.contains("結果待ちだった送信 20件は「結果不明」") })
        let result = try restore.run(at: Date())
        #expect(result.keptAs == nil && result.writesMadeUnknown == 20)
        let reopened = try OrderStore(path: restored)
        var expected = backup.contents
        expected.outbox = ["unknown": 20]
        #expect(try reopened.contents() == expected)
        // Every journal entry and order as the backup held it; every journal entry is the live store's too.
        let journal = "SELECT * FROM journal ORDER BY id"
        #expect(try Self.rows(restored, journal) == Self.rows(backup.path, journal))
        let liveJournal = try Self.rows(path, journal)
        #expect(Array(liveJournal.prefix(backup.contents.journalEntries)) == (try Self.rows(backup.path, journal)))
        let ordersSQL = "SELECT * FROM orders ORDER BY order_number"
        #expect(try Self.rows(restored, ordersSQL) == Self.rows(backup.path, ordersSQL))
        let outbox = try Self.rows(restored, "SELECT id, kind, order_number, state, result FROM outbox ORDER BY id")
        #expect(outbox.count == 20 && outbox.allSatisfy { $0["state"] == "unknown" && ($0["result"] as String).hasPrefix("バックアップから戻しました") })
        directory.remove()
    }

    @Test("a restore is refused while the store is open, and keeps the store it replaces; a damaged backup is refused before anything is touched")
    func restoreRefusals() throws {
        let path = directory.file("shop.sqlite")
        var store: OrderStore? = try OrderStore(path: path)
        try store!.importOrders(incoming((1...30).map { OrderFixtures.order($0) }))
        let made = try store!.makeBackup(BackupSchedule(folder: directory.file("backups")))
        try store!.importOrders(incoming((31...40).map { OrderFixtures.order($0) }))
        do {
            _ = try StoreRestore(from: made.backup.path, to: path, access: .ownerOnly)
            Issue.record("restored under an open store")
        } catch {
            #expect("\(error)".contains("開いているプロセス"), "\(error)")
        }
        store = nil
        let restore = try StoreRestore(from: made.backup.path, to: path, access: .ownerOnly)
        #expect(restore.currentContents?.orders == 40 && restore.backupContents.orders == 30)
        #expect(throws: StoreError.self, "nothing opens the store while a restore holds it") { try OrderStore(path: path) }
        let result = try restore.run(at: Date())
        let kept = try #require(result.keptAs)
        #expect(try OrderStore(path: path).contents().orders == 30)
        #expect(try OrderStore(path: kept).contents().orders == 40, "the store replaced is kept whole")

        // A backup with the headers of its b-tree pages overwritten: refused by its check, the store untouched.
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
        #expect(try OrderStore(path: path).contents().orders == 30)
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
