import Foundation
import GRDB

/// The store read whole, to be copied to another backend. While it is open no other process has
/// the store open (the open lock is held exclusively, as a restore holds it): what is read is all
/// there is, and nothing is sent or changed meanwhile.
public final class StoreExport {
    public let path: String
    private let queue: DatabaseQueue
    private let openLock: StoreOpenLock

    /// Brings the store up to this version's schema (as any open does), then holds it alone and
    /// checks that every table of it is one ``StoredTable/kept`` (with the same columns) or
    /// ``StoredTable/derived``: nothing of the file is left behind unaccounted for.
    public init(path: String, access: FileAccess) throws {
        self.path = path
        _ = try OrderStore(path: path, access: access)
        openLock = try StoreOpenLock(store: path, exclusive: true, access: access)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "juchu.export"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError("データベース \(path) を開けません: \(error)")
        }
        try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM pragma_table_list
                WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'
                """)
            for table in tables where !StoredTable.derived.contains(table) {
                guard let kept = StoredTable.kept.first(where: { $0.name == table }) else {
                    throw StoreError("データベースの表 \(table) の写し方を知りません（この版の juchu が作った表ではありません）")
                }
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                guard columns == kept.columns.map(\.name) else {
                    throw StoreError("表 \(table) の列が違います: \(columns.joined(separator: ", "))（この版では \(kept.columns.map(\.name).joined(separator: ", "))）")
                }
            }
        }
    }

    /// Runs `body` in one read transaction: every table as of one moment.
    public func read<T>(_ body: (Reader) throws -> T) throws -> T {
        try queue.read { try body(Reader(db: $0)) }
    }

    public struct Reader {
        let db: Database

        /// What the store holds, counted.
        public func contents() throws -> StoreContents {
            try StoreContents.count(in: db)
        }

        /// The last number the store gave in `table`'s `column` (its highest, or higher when the
        /// rows that had it are gone: SQLite's AUTOINCREMENT never gives a number twice); nil: none.
        public func lastNumber(of table: StoredTable, column: String) throws -> Int64? {
            let highest = try Int64.fetchOne(db, sql: "SELECT max(\"\(column)\") FROM \(table.name)")
            let given = try db.tableExists("sqlite_sequence")
                ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table.name]) : nil
            return [highest, given].compactMap { $0 }.max()
        }

        /// The terms for the text search (``OrderSearchIndex``: names, kana, items) of the orders
        /// of row ids `ids`, each built back from its content as SQLite's index was: what a backend
        /// without SQLite's full-text index searches. An order without content is said, not skipped.
        public func searchDocuments(of ids: [Int64]) throws -> [Int64: String] {
            var documents: [Int64: String] = [:]
            for chunk in ids.chunked(into: 500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT orders.id AS row_id, \(OrderRecord.columns) FROM \(OrderRecord.source) WHERE orders.id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                for row in rows { documents[row["row_id"]] = OrderSearchIndex.text(for: try OrderRecord.order(from: row)) }
            }
            return documents
        }

        /// The table's rows, `batch` at a time, each value checked against its column's kind.
        public func rows(of table: StoredTable, batch: Int, _ each: ([[StoredValue]]) throws -> Void) throws {
            let names = table.columns.map(\.name)
            // A NUL in a text is kept by SQLite but cut there when read (and PostgreSQL's text
            // cannot hold one): such a row is said, not copied short.
            let texts = table.columns.filter { $0.kind == .text }.map { "instr(\"\($0.name)\", char(0)) > 0" }
            if !texts.isEmpty {
                let which = zip(texts, table.columns.filter { $0.kind == .text }).map { "WHEN \($0.0) THEN '\($0.1.name)'" }.joined(separator: " ")
                if let row = try Row.fetchOne(db, sql: """
                    SELECT CASE \(which) END AS juchu_column, * FROM \(table.name) WHERE \(texts.joined(separator: " OR ")) LIMIT 1
                    """) {
                    let column = table.columns.first { $0.name == row["juchu_column"] as String }!
                    throw Self.misfit(table, row, "\(column.name) にNUL文字があります（PostgreSQL の文字列には入りません）")
                }
            }
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(names.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(table.name)")
            var rows: [[StoredValue]] = []
            rows.reserveCapacity(batch)
            while let row = try cursor.next() {
                var values: [StoredValue] = []
                values.reserveCapacity(names.count)
                for (index, column) in table.columns.enumerated() {
                    let stored: DatabaseValue = row[index]
                    // No column of the store holds a real number: one found is said, not rounded.
                    guard let value = StoredValue(stored) else {
                        throw Self.misfit(table, row, "\(column.name) は\(column.kind.title)の列ですが、実数 \(stored) です")
                    }
                    guard value.fits(column.kind) else { throw Self.misfit(table, row, "\(column.name) は\(column.kind.title)の列ですが、\(value.shown)です") }
                    values.append(value)
                }
                rows.append(values)
                if rows.count == batch {
                    try each(rows)
                    rows.removeAll(keepingCapacity: true)
                }
            }
            if !rows.isEmpty { try each(rows) }
        }

        /// A row that cannot be copied as it is: which, and why.
        private static func misfit(_ table: StoredTable, _ row: Row, _ why: String) -> StoreError {
            let key = table.key.map { name in "\(name)=\(row[name] as DatabaseValue)" }.joined(separator: ", ")
            return StoreError("表 \(table.name) の行（\(key)）を写せません: \(why)。sqlite3 で直してから写してください")
        }
    }
}
