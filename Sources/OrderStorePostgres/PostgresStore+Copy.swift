import Foundation
import NIOCore
import OrderStore
import PostgresNIO

extension PostgresStore {
    /// What a copy carried: each table's rows and digest, the same on both sides.
    public struct CopyReport: Sendable {
        public struct Table: Sendable {
            public let name: String
            public let rows: Int
            /// The rows' SHA-256 summed (``TableDigest``), as 64 hex digits.
            public let digest: String
        }

        public let tables: [Table]
        /// What the SQLite store held, counted.
        public let contents: StoreContents
    }

    /// Copies the SQLite store `export` reads into this database, whole, in one transaction: every
    /// ``StoredTable/kept`` table row for row, the store's numbering carried on, the orders' terms
    /// for the text search made again as they go in. Before it commits, each table is read back
    /// from the server and its count and digest compared with what was read from SQLite: a
    /// difference rolls everything back. Refused — nothing written — when a
    /// write to RMS or a mail is still open in the store (pending, being sent, or 結果不明: the
    /// SQLite side's worker finishes them first), or when this database already holds shop data.
    public func copy(from export: StoreExport, batch: Int = 400) throws -> CopyReport {
        try export.read { source in
            let contents = try source.contents()
            guard contents.openWrites == 0 else {
                throw StoreError("""
                    送信待ち・送信中・結果不明の送信が \(contents.openWrites)件あります（送信待ち \(contents.outbox["pending"] ?? 0)件・\
                    送信中 \(contents.outbox["sending"] ?? 0)件・結果不明 \(contents.outbox["unknown"] ?? 0)件）。\
                    同期ワーカー（juchu sync）が送り終え、結果を確かめてから写してください
                    """)
            }
            return try session.transaction("PostgreSQL への写し") { query in
                // No other copy or process writes these tables until this one commits or rolls back.
                let names = StoredTable.kept.map(\.name).joined(separator: ", ")
                _ = try query(PostgresQuery(unsafeSQL: "LOCK TABLE \(names) IN EXCLUSIVE MODE"))
                // The rules' progress a new database starts with (nothing checked) is not shop data.
                _ = try query("DELETE FROM rule_progress WHERE id = 1 AND checked_through = 0")
                for table in StoredTable.kept {
                    guard try query(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table.name) LIMIT 1")).isEmpty else {
                        throw StoreError("写し先 \(location.shown) には既に店のデータがあります（表 \(table.name)）。空のデータベースに写してください")
                    }
                }
                var copied: [(StoredTable, TableDigest)] = []
                for table in StoredTable.kept {
                    var digest = TableDigest()
                    try source.rows(of: table, batch: batch) { rows in
                        for row in rows { digest.add(row) }
                        _ = try query(try Self.insert(rows, into: table, source: source))
                    }
                    if let numbered = table.numbered, let last = try source.lastNumber(of: table, column: numbered), last > 0 {
                        _ = try query("SELECT setval(pg_get_serial_sequence(\(table.name), \(numbered)), \(last))")
                    }
                    copied.append((table, digest))
                }
                // Read back from the server before committing: what it holds is what was read.
                for (table, expected) in copied {
                    let found = try Self.digest(of: table) { try query($0) }
                    guard found == expected else {
                        let rows = found.rows == expected.rows ? "行数は同じ \(found.rows)行で、中身が違います" : "元 \(expected.rows)行、写し \(found.rows)行"
                        throw StoreError("表 \(table.name) の写しが元と違います（\(rows)）。何も書き込んでいません")
                    }
                }
                return CopyReport(tables: copied.map { CopyReport.Table(name: $0.0.name, rows: $0.1.rows, digest: $0.1.hex) }, contents: contents)
            }
        }
    }

    /// What the server holds in `table`, digested as SQLite's rows are (``TableDigest``), read
    /// through a cursor a thousand rows at a time.
    static func digest(of table: StoredTable, _ query: (PostgresQuery) throws -> [PostgresRow]) throws -> TableDigest {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        _ = try query(PostgresQuery(unsafeSQL: "DECLARE juchu_digest NO SCROLL CURSOR FOR SELECT \(columns) FROM \(table.name)"))
        var digest = TableDigest()
        while true {
            let rows = try query("FETCH FORWARD 1000 FROM juchu_digest")
            if rows.isEmpty { break }
            for row in rows {
                var values: [StoredValue] = []
                values.reserveCapacity(table.columns.count)
                for (cell, column) in zip(row, table.columns) { values.append(try cell.stored(column.kind)) }
                digest.add(values)
            }
        }
        _ = try query("CLOSE juchu_digest")
        return digest
    }

    /// One INSERT of `rows`, each value bound by its kind; an order with its terms for the text
    /// search (``PostgresSchema/derivedColumns``), built from its content in the same read.
    static func insert(_ rows: [[StoredValue]], into table: StoredTable, source: StoreExport.Reader) throws -> PostgresQuery {
        // An order's search_document and search_terms, bound in that order below, found by its id.
        let derived = PostgresSchema.derivedColumns[table.name] ?? []
        let idColumn = table.columns.firstIndex { $0.name == "id" } ?? 0
        var documents: [Int64: String] = [:]
        if !derived.isEmpty {
            let ids = rows.compactMap { row -> Int64? in if case .integer(let id) = row[idColumn] { id } else { nil } }
            documents = try source.searchDocuments(of: ids)
        }
        var bindings = PostgresBindings(capacity: rows.count * (table.columns.count + derived.count))
        for row in rows {
            if !derived.isEmpty {
                guard case .integer(let id) = row[idColumn], let document = documents[id] else {
                    throw StoreError("注文（id=\(row[idColumn].shown)）の内容がありません（order_content）。写せません")
                }
                bindings.append(searchOf: document)
            }
            for value in row { bindings.append(stored: value) }
        }
        let terms = derived.firstIndex(of: "search_terms")
        let tuples = placeholders(rows: rows.count, columns: derived.count + table.columns.count) { column, mark in
            column == terms ? searchTermsSQL(mark) : mark
        }
        let columns = (derived + table.columns.map(\.name)).map { "\"\($0)\"" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table.name) (\(columns)) VALUES \(tuples)", binds: bindings)
    }
}

extension PostgresCell {
    /// The value as a ``StoredTable`` column of `kind` holds it, to compare with SQLite's.
    func stored(_ kind: StoredTable.Kind) throws -> StoredValue {
        switch kind {
        case .integer: try decode(Int64?.self).map(StoredValue.integer) ?? .null
        case .text: try decode(String?.self).map(StoredValue.text) ?? .null
        case .blob: try decode(ByteBuffer?.self).map { .blob(Data($0.readableBytesView)) } ?? .null
        }
    }
}
