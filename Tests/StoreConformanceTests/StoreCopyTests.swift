import Foundation
import GRDB
import OrderEngine
import PostgresNIO
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// `juchu store copy`: a SQLite store into an empty PostgreSQL database, whole, checked before it
/// commits, refused — nothing written — when it cannot be whole.
@Suite("Copying the store to PostgreSQL", .serialized, .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
struct StoreCopyTests {
    let directory = TemporaryDirectory("juchu-copy")

    /// A store with something in every kept table, and the values a copy gets wrong first:
    /// Japanese text, NUL bytes in a mail, the largest integer, empty strings and NULLs, quotes,
    /// backslashes and braces, the word NULL as a text, a numbering gap (a send removed: the next
    /// number must not reuse it).
    func filledStore() throws -> String {
        let path = directory.file("shop.sqlite")
        let store = try OrderStore(path: path, operatorName: "hanako")
        let orders = (1...30).map { OrderFixtures.order($0) }
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        _ = try store.apply(ChangeStatusAction(to: .onHold), to: orders.prefix(5).map(\.number))
        _ = try store.apply(ConfirmAction(), to: orders.prefix(8).map(\.number), claimedBy: OperatorIdentity.process)
        try store.recordLicenseExpiry(Date(timeIntervalSince1970: 1_800_000_000), licenseKey: "SL398211_abcdef")
        try store.recordSyncFailure("fetch", detail: "RMS が 503 を返しました（混雑）")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'done', sent_at = 1, finished_at = 2, result = '楽天処理済'")
            try db.execute(sql: """
                INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at, detail, attempt)
                VALUES ('send-mail', ?, 'done', 'hanako', 'd', 3, 'thanks', 0), ('send-mail', ?, 'failed', 'hanako', 'd', 4, 'thanks', 0)
                """, arguments: [orders[0].number.rawValue, orders[1].number.rawValue])
            let mail = try Int64.fetchOne(db, sql: "SELECT max(id) - 1 FROM outbox")!
            try db.execute(sql: "INSERT INTO mail_messages (intent, recipient, subject, message, recorded_at) VALUES (?, 'x@pc.fw.rakuten.ne.jp', 'ご注文ありがとうございます', x'00ff0d0a00', 3)", arguments: [mail])
            // The last send removed: its number is not given again.
            try db.execute(sql: "DELETE FROM outbox WHERE id = (SELECT max(id) FROM outbox)")
            try db.execute(sql: """
                INSERT INTO printed_slips (batch_id, kind, order_number, copy, printed_at, operator, destination, addressee, purpose)
                VALUES ('p1', 'receipt', ?, 1, 5, 'hanako', 'pdf', '株式会社 山田商店', 'お品代として'), ('p1', 'delivery', ?, 0, 5, 'hanako', 'lp', NULL, NULL)
                """, arguments: [orders[2].number.rawValue, orders[3].number.rawValue])
            try db.execute(sql: "INSERT INTO shipment_keys (key, order_number, basket_id, created_at) VALUES ('k1', ?, 10003, 6)", arguments: [orders[2].number.rawValue])
            try db.execute(sql: """
                INSERT INTO rule_acts (order_number, rule, matched, hold, stopped, batch_id, at, waits_to_bundle)
                VALUES (?, '代引は保留', '支払方法 = 代金引換', '代引確認', 0, 'r1', 7, 0), (?, '同梱候補', '', NULL, 1, 'r1', 7, 1)
                """, arguments: [orders[4].number.rawValue, orders[5].number.rawValue])
            try db.execute(sql: "INSERT OR REPLACE INTO rule_progress (id, checked_through) VALUES (1, 30)")
            try db.execute(sql: "INSERT INTO sub_statuses (id, progress, name, position, read_at) VALUES (1, 100, '在庫確認中', 1, 8), (2, 300, '', 2, 8)")
            try db.execute(sql: "UPDATE orders SET goods_override = 9223372036854775807, flags = '' WHERE order_number = ?", arguments: [orders[6].number.rawValue])
            // What an array's text must quote: quotes, backslashes, commas, braces, and the word NULL as a text.
            try db.execute(sql: #"UPDATE journal SET before_value = '株式会社 "山田\商店", {本店} ' WHERE id = 2"#)
            try db.execute(sql: "UPDATE journal SET after_value = 'NULL', before_value = '' WHERE id = 4")
        }
        return path
    }

    /// Every value of `table` on the server, by its key, for comparing with SQLite's.
    static func serverRows(_ session: PostgresSession, _ table: StoredTable) throws -> [[StoredValue]] {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        return try session.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(table.name)")).map { row in
            try zip(row, table.columns).map { cell, column in try cell.stored(column.kind) }
        }
    }

    static func sqliteRows(_ path: String, _ table: StoredTable) throws -> [[StoredValue]] {
        let export = try StoreExport(path: path, access: .ownerOnly)
        var rows: [[StoredValue]] = []
        try export.read { try $0.rows(of: table, batch: 7) { rows += $0 } }
        return rows
    }

    @Test("the PostgreSQL schema holds every kept table with SQLite's columns, in order and of the same kinds")
    func schemaMirrors() throws {
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try PostgresStore(location: scratch.location!)
        let types: [StoredTable.Kind: String] = [.integer: "bigint", .text: "text", .blob: "bytea"]
        for table in StoredTable.kept {
            let columns = try store.session.query("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table.name) ORDER BY ordinal_position
                """).map { try $0.decode((String, String).self) }
            let own = PostgresSchema.derivedColumns[table.name] ?? []
            let kept = columns.filter { !own.contains($0.0) }
            #expect(kept.map(\.0) == table.columns.map(\.name), "\(table.name)")
            #expect(kept.map(\.1) == table.columns.map { types[$0.kind]! }, "\(table.name)")
        }
    }

    @Test("a SQLite store's every table is kept or made again; a table this version does not know is refused, not left behind")
    func everyTableAccounted() throws {
        let path = directory.file("shop.sqlite")
        _ = try OrderStore(path: path)
        _ = try StoreExport(path: path, access: .ownerOnly)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        #expect(throws: StoreError.self) { try StoreExport(path: path, access: .ownerOnly) }
        do {
            _ = try StoreExport(path: path, access: .ownerOnly)
        } catch {
            #expect("\(error)".contains("notes"))
        }
        directory.remove()
    }

    @Test("copied whole: every row and value of every table as SQLite held it, checked on the server before commit; numbering goes on past the highest ever given")
    func copiedWhole() throws {
        let path = try filledStore()
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try PostgresStore(location: scratch.location!)
        let report = try store.copy(from: StoreExport(path: path, access: .ownerOnly), batch: 7)
        #expect(report.contents.orders == 30 && report.contents.openWrites == 0)
        #expect(report.tables.map(\.name) == StoredTable.kept.map(\.name))
        for table in StoredTable.kept {
            let sqlite = try Self.sqliteRows(path, table)
            #expect(!sqlite.isEmpty, "the filled store has rows in \(table.name)")
            #expect(report.tables.first { $0.name == table.name }?.rows == sqlite.count)
            let server = try Self.serverRows(store.session, table)
            #expect(server.sorted { "\($0)" < "\($1)" } == sqlite.sorted { "\($0)" < "\($1)" }, "\(table.name)")
        }
        // The next send is numbered past the one removed before the copy (SQLite's AUTOINCREMENT).
        let given = try DatabaseQueue(path: path).read { try Int64.fetchOne($0, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")! }
        let next = try store.session.query("""
            INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at) VALUES ('confirm', 'x', 'pending', 'a', 'b', 1) RETURNING id
            """).first!.decode(Int64.self)
        #expect(next == given + 1)
        directory.remove()
    }

    @Test("refused with nothing written: a send still open, the store open elsewhere, a text PostgreSQL cannot hold, a value of another kind, an order without content, a database already holding a shop")
    func refusals() throws {
        let path = try filledStore()
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try PostgresStore(location: scratch.location!)
        func serverOrders() throws -> Int64 { try store.session.query("SELECT count(*) FROM orders").first!.decode(Int64.self) }

        // A confirmation recorded and not yet answered.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE outbox SET state = 'unknown' WHERE id = 1") }
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: { "\($0)".contains("結果不明 1件") }
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE outbox SET state = 'done' WHERE id = 1") }
        #expect(try serverOrders() == 0)

        // A desk has the store open.
        var desk: OrderStore? = try OrderStore(path: path)
        #expect { try StoreExport(path: path, access: .ownerOnly) } throws: { "\($0)".contains("開いているプロセス") }
        desk = nil
        _ = desk

        // A NUL in a journal text: the transaction rolls back, the orders already sent with it.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE journal SET after_value = 'a' || char(0) || 'b' WHERE id = 3") }
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: { "\($0)".contains("journal") && "\($0)".contains("id=3") }
        #expect(try serverOrders() == 0)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE journal SET after_value = 'ab' WHERE id = 3") }
        // A value of another kind than its column's (SQLite keeps a text an INTEGER column is given).
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE orders SET revision = 'abc' WHERE id = 2") }
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: {
            "\($0)".contains("表 orders の行（id=2）を写せません: revision は整数の列ですが、文字列（3文字）です")
        }
        #expect(try serverOrders() == 0)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE orders SET revision = 1 WHERE id = 2") }

        // An order whose content is gone: its search terms cannot be made; said, not skipped.
        let content = try DatabaseQueue(path: path).write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM order_content WHERE order_id = 5")!
            try db.execute(sql: "DELETE FROM order_content WHERE order_id = 5")
            return row
        }
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: { "\($0)".contains("の内容がありません") }
        #expect(try serverOrders() == 0)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO order_content (order_id, document, raw_json, pending_raw_json) VALUES (?, ?, ?, ?)",
                           arguments: [content["order_id"], content["document"], content["raw_json"], content["pending_raw_json"]])
        }

        // Copied once; a second copy into the same database is refused and leaves the first whole.
        let first = try store.copy(from: StoreExport(path: path, access: .ownerOnly))
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: { "\($0)".contains("既に店のデータ") }
        #expect(try serverOrders() == Int64(first.contents.orders))
        directory.remove()
    }

    @Test("a server that keeps other than it was given (here a trigger that rewrites a name) is caught by the read-back, and nothing is committed")
    func readBackCatchesDifference() throws {
        let path = try filledStore()
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try PostgresStore(location: scratch.location!)
        try store.session.query("""
            CREATE FUNCTION juchu_test_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.id = 4 THEN NEW.orderer_name := '佐藤 翔'; END IF; RETURN NEW; END $$
            """)
        try store.session.query("CREATE TRIGGER rewrite BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION juchu_test_rewrite()")
        #expect { try store.copy(from: StoreExport(path: path, access: .ownerOnly)) } throws: { "\($0)".contains("表 orders の写しが元と違います") }
        // As a new database is: empty, but for the rules' progress it starts with (nothing checked).
        for table in StoredTable.kept {
            let rows = try store.session.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.name)")).first!.decode(Int64.self)
            #expect(rows == (table.name == "rule_progress" ? 1 : 0), "\(table.name)")
        }
        #expect(try store.session.query("SELECT checked_through FROM rule_progress").first!.decode(Int64.self) == 0)
        directory.remove()
    }

    @Test("a database in another encoding than UTF-8 (which could not hold Japanese names) is refused, with how to make one")
    func encodingRefused() throws {
        let server = try PostgresLocation(url: try #require(StoreBackend.serverURL))
        let name = "juchu_test_ascii_" + UUID().uuidString.prefix(8).lowercased()
        let maintenance = try PostgresSession(location: server)
        try maintenance.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"))
        defer { #expect(throws: Never.self) { try maintenance.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)")) } }
        let location = try PostgresLocation(url: "postgresql://\(server.user)@\(server.host):\(server.port)/\(name)?sslmode=disable")
        #expect { try PostgresStore(location: location) } throws: { "\($0)".contains("文字コードが SQL_ASCII です") && "\($0)".contains("createdb -E UTF8") }
    }

    @Test("the digest: the same rows in any order agree; a changed value, a lost or doubled row, or values run together differ")
    func digest() {
        func digest(_ rows: [[StoredValue]]) -> TableDigest {
            var digest = TableDigest()
            for row in rows { digest.add(row) }
            return digest
        }
        let rows: [[StoredValue]] = [[.integer(1), .text("佐藤"), .null], [.integer(2), .text("林"), .blob(Data([0, 1]))]]
        #expect(digest(rows) == digest(rows.reversed()))
        #expect(digest(rows) != digest([rows[0]]))
        #expect(digest(rows) != digest(rows + [rows[1]]))
        #expect(digest(rows) != digest([rows[0], [.integer(2), .text("林"), .blob(Data([0, 2]))]]))
        #expect(digest([[.text("ab"), .text("c")]]) != digest([[.text("a"), .text("bc")]]))
        #expect(digest([[.null]]) != digest([[.text("")]]))
        #expect(digest([[.integer(0)]]) != digest([[.blob(Data(count: 8))]]))
    }
}
