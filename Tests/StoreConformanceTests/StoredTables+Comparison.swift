import Foundation
import PostgresNIO
import Testing
@testable import OrderStore
@testable import OrderStorePostgres

/// Every table a store keeps, compared row for row between a SQLite file and a PostgreSQL
/// database that went through the same steps.
enum StoredTablesComparison {
    /// Records an issue for each table whose rows differ (its first differing row, column by
    /// column) and for each of `nonEmpty` found empty. Returns SQLite's rows by table, as stored.
    @discardableResult
    static func expectSame(sqlite path: String, postgres: PostgresStore, nonEmpty: Set<String>) throws -> [String: [[StoredValue]]] {
        let export = try StoreExport(path: path, access: .ownerOnly)
        var fromSQLite: [String: [[StoredValue]]] = [:]
        var fromPostgres: [String: [[StoredValue]]] = [:]
        try export.read { reader in
            for table in StoredTable.kept {
                var rows: [[StoredValue]] = []
                try reader.rows(of: table, batch: 1_000) { rows += $0 }
                fromSQLite[table.name] = rows
            }
        }
        for table in StoredTable.kept {
            let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            fromPostgres[table.name] = try postgres.session.query(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(table.name)")).map { row in
                try zip(row, table.columns).map { try $0.0.stored($0.1.kind) }
            }
        }
        let (expected, found) = (normalised(fromSQLite), normalised(fromPostgres))
        for table in StoredTable.kept {
            let (expected, found) = (expected[table.name] ?? [], found[table.name] ?? [])
            #expect(found.count == expected.count, "表 \(table.name): \(found.count) rows on PostgreSQL, \(expected.count) on SQLite")
            // The first row that differs, column by column (a whole table would drown the message).
            if let index = expected.indices.first(where: { $0 < found.count && expected[$0] != found[$0] }) {
                let differing = table.columns.indices.filter { expected[index][$0] != found[index][$0] }
                let shown = differing.map { "\(table.columns[$0].name): SQLite \(expected[index][$0].shown), PostgreSQL \(found[index][$0].shown)" }
                Issue.record("表 \(table.name) の \(index + 1)行目が違います: \(shown.joined(separator: "; "))")
            }
            if nonEmpty.contains(table.name) { #expect(!expected.isEmpty, "表 \(table.name)") }
        }
        return fromSQLite
    }

    /// Each table's rows in their key's order, with what each backend draws for itself named by
    /// when it first comes: a batch's id (random on each side; the journal's order names them)
    /// and an outbox row's id (PostgreSQL's sequence passes over the number of a claim refused).
    static func normalised(_ tables: [String: [[StoredValue]]]) -> [String: [[StoredValue]]] {
        var batches: [StoredValue: StoredValue] = [:]
        var intents: [StoredValue: StoredValue] = [:]
        func name(_ value: StoredValue, in names: inout [StoredValue: StoredValue], _ prefix: String) -> StoredValue {
            guard value != .null else { return value }
            if let known = names[value] { return known }
            let named = StoredValue.text("\(prefix)-\(String(format: "%06d", names.count + 1))")
            names[value] = named
            return named
        }
        // Named in the order the journal and the outbox hold them (both by id), before any table is sorted.
        let byID = { (rows: [[StoredValue]], table: StoredTable) in rows.sorted { sortKey($0, table) < sortKey($1, table) } }
        for table in StoredTable.kept where ["journal", "outbox"].contains(table.name) {
            for row in byID(tables[table.name] ?? [], table) {
                for (index, column) in table.columns.enumerated() {
                    switch (table.name, column.name) {
                    case (_, "batch_id"), (_, "undone_by_batch"): _ = name(row[index], in: &batches, "batch")
                    case ("outbox", "id"): _ = name(row[index], in: &intents, "intent")
                    default: break
                    }
                }
            }
        }
        // Then each table: the ids named already put in, its rows in their key's order, the ids
        // named only here (a rule's batch) named in that order, and its rows sorted again.
        func rename(_ rows: inout [[StoredValue]], _ table: StoredTable, knownOnly: Bool) {
            for (index, column) in table.columns.enumerated() {
                let isBatch = ["batch_id", "undone_by_batch"].contains(column.name)
                let isIntent = (table.name, column.name) == ("outbox", "id") || (table.name, column.name) == ("mail_messages", "intent")
                guard isBatch || isIntent else { continue }
                for row in rows.indices {
                    let value = rows[row][index]
                    // A value already renamed is left as it is.
                    if case .text(let text) = value, text.hasPrefix(isBatch ? "batch-" : "intent-") { continue }
                    if knownOnly, (isBatch ? batches[value] : intents[value]) == nil { continue }
                    rows[row][index] = isBatch ? name(value, in: &batches, "batch") : name(value, in: &intents, "intent")
                }
            }
        }
        var result: [String: [[StoredValue]]] = [:]
        for table in StoredTable.kept {
            var rows = tables[table.name] ?? []
            rename(&rows, table, knownOnly: true)
            rows = byID(rows, table)
            rename(&rows, table, knownOnly: false)
            result[table.name] = byID(rows, table)
        }
        return result
    }

    private static func sortKey(_ row: [StoredValue], _ table: StoredTable) -> String {
        table.key.compactMap { name in table.columns.firstIndex { $0.name == name } }.map { index -> String in
            switch row[index] {
            case .integer(let number): String(format: "%020lld", number)
            case .text(let text): text
            default: ""
            }
        }.joined(separator: "\u{1}")
    }
}
