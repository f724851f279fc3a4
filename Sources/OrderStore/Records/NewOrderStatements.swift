import Foundation
import GRDB
import GRDBSQLite
import OrderEngine

/// The statements that store a new order — its row, its content, its two search documents and
/// the journal line of its arrival — prepared once per transaction and bound through SQLite's own
/// calls. An import binds some forty values per order: boxing each into GRDB's arguments cost
/// about as much as SQLite's inserts themselves.
///
/// The statements are this value's own (`makeStatement`, not GRDB's statement cache): GRDB leaves
/// a cached statement stepped after it runs, and binding to a stepped statement is SQLITE_MISUSE —
/// the journal's statement, shared with every edit, made each import after an edit fail. Values
/// are bound as copies (`SQLITE_TRANSIENT`): nothing bound points into memory that may go first.
struct NewOrderStatements {
    private let database: Database
    private let order: Statement
    private let content: Statement
    private let search: Statement
    private let tails: Statement
    private let journal: Statement

    private static let orderSQL: String = {
        let names = OrderColumns.identityNames + OrderColumns.stateNames
        return """
            INSERT INTO orders (\(names.joined(separator: ", ")), imported_at, updated_at)
            VALUES (\(Array(repeating: "?", count: names.count + 2).joined(separator: ", ")))
            ON CONFLICT(order_number) DO NOTHING
            """
    }()

    init(_ db: Database) throws {
        database = db
        order = try db.makeStatement(sql: Self.orderSQL)
        content = try db.makeStatement(sql: "INSERT INTO order_content (order_id, document, raw_json) VALUES (?, ?, ?)")
        search = try db.makeStatement(sql: "INSERT INTO order_search (rowid, terms) VALUES (?, ?)")
        tails = try db.makeStatement(sql: "INSERT INTO order_tails (rowid, tails) VALUES (?, ?)")
        journal = try db.makeStatement(sql: OrderStore.journalLine.sql)
    }

    /// Stores a new order and journals its arrival. Returns false, writing nothing, when an order
    /// with its number is already there.
    func store(
        _ newOrder: Order, _ values: NewOrderValues, batchID: String, action: JournalKind, operatorName: String, at date: Date
    ) throws -> Bool {
        let seconds = Int64(date.timeIntervalSince1970)
        var index: Int32 = 1
        for value in values.columns {
            try bind(value, to: order, at: index)
            index += 1
        }
        try check(sqlite3_bind_int64(order.sqliteStatement, index, seconds), order)
        try check(sqlite3_bind_int64(order.sqliteStatement, index + 1, seconds), order)
        try run(order)
        guard sqlite3_changes(database.sqliteConnection) > 0 else { return false }
        let id = sqlite3_last_insert_rowid(database.sqliteConnection)

        try check(sqlite3_bind_int64(content.sqliteStatement, 1, id), content)
        let stored = try values.content()
        for (index, bytes) in [(Int32(2), stored.document), (3, stored.rawJSON)] {
            if let bytes { try bind(blob: bytes, to: content, at: index) } else { try check(sqlite3_bind_null(content.sqliteStatement, index), content) }
        }
        try run(content)
        for (statement, text) in [(search, values.searchText), (tails, values.tails)] {
            try check(sqlite3_bind_int64(statement.sqliteStatement, 1, id), statement)
            try bind(utf8: text, to: statement, at: 2)
            try run(statement)
        }

        let arrival = NewOrderValues.arrival(of: newOrder)
        for (index, text) in [
            batchID, nil, operatorName, action.rawValue, newOrder.number.rawValue, arrival.field.rawValue,
            arrival.before.journalText, arrival.after.journalText,
        ].enumerated() {
            if let text { try bind(text: text, to: journal, at: Int32(index + 1)) }
        }
        try check(sqlite3_bind_int64(journal.sqliteStatement, 2, Int64(date.timeIntervalSince1970 * 1000)), journal)
        // Not undoable: an arrival (an import, a duplicate) is not taken back by replaying the journal.
        try check(sqlite3_bind_int64(journal.sqliteStatement, 9, 0), journal)
        try run(journal)
        return true
    }

    private func bind(_ value: DatabaseValue, to statement: Statement, at index: Int32) throws {
        switch value.storage {
        case .null: try check(sqlite3_bind_null(statement.sqliteStatement, index), statement)
        case .int64(let number): try check(sqlite3_bind_int64(statement.sqliteStatement, index, number), statement)
        case .double(let number): try check(sqlite3_bind_double(statement.sqliteStatement, index, number), statement)
        case .string(let text): try bind(text: text, to: statement, at: index)
        case .blob(let data): try bind(blob: Array(data), to: statement, at: index)
        }
    }

    private func bind(text: String, to statement: Statement, at index: Int32) throws {
        var text = text
        try text.withUTF8 { try bind(UnsafeRawBufferPointer($0), asText: true, to: statement, at: index) }
    }

    private func bind(utf8 text: [UInt8], to statement: Statement, at index: Int32) throws {
        try text.withUnsafeBytes { try bind($0, asText: true, to: statement, at: index) }
    }

    private func bind(blob: [UInt8], to statement: Statement, at index: Int32) throws {
        try blob.withUnsafeBytes { try bind($0, asText: false, to: statement, at: index) }
    }

    /// Binds a copy of `bytes`. An empty value is bound as an empty text or blob: a null pointer
    /// would store NULL.
    private func bind(_ bytes: UnsafeRawBufferPointer, asText: Bool, to statement: Statement, at index: Int32) throws {
        let code: Int32
        switch (bytes.baseAddress, asText) {
        case (let pointer?, true):
            code = sqlite3_bind_text(
                statement.sqliteStatement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), sqliteTransient)
        case (let pointer?, false):
            code = sqlite3_bind_blob(statement.sqliteStatement, index, pointer, Int32(bytes.count), sqliteTransient)
        case (nil, true): code = sqlite3_bind_text(statement.sqliteStatement, index, "", 0, sqliteTransient)
        case (nil, false): code = sqlite3_bind_zeroblob(statement.sqliteStatement, index, 0)
        }
        try check(code, statement)
    }

    private func check(_ code: Int32, _ statement: Statement) throws {
        guard code != SQLITE_OK else { return }
        throw error(code, statement)
    }

    private func error(_ code: Int32, _ statement: Statement) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(database.sqliteConnection)), sql: statement.sql)
    }

    private func run(_ statement: Statement) throws {
        let code = sqlite3_step(statement.sqliteStatement)
        defer {
            sqlite3_reset(statement.sqliteStatement)
            // The journal line binds only some of its values: none is left from the order before.
            sqlite3_clear_bindings(statement.sqliteStatement)
        }
        guard code == SQLITE_DONE else { throw error(sqlite3_extended_errcode(database.sqliteConnection), statement) }
    }
}

/// SQLite copies what is bound with this destructor: the Swift buffers live only for the call.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
