/// What differs between the backends' SQL for the same grid query (``GridFilter``,
/// ``OrderEngine/OrderQuery``): one translation of the filters, in the words each backend takes.
/// The rest is SQL both take alike.
public enum SQLDialect: Sendable {
    case sqlite
    /// PostgreSQL: its text columns compared in "C" order (bytes, as SQLite's BINARY).
    case postgresql

    /// A condition always true, always false (SQLite has no boolean type).
    var yes: String { self == .sqlite ? "1" : "true" }
    var no: String { self == .sqlite ? "0" : "false" }

    /// A LIKE that, as SQLite's, ignores the case of ASCII letters.
    var like: String { self == .sqlite ? "LIKE" : "ILIKE" }

    /// Where `needle` is in `haystack`, from 1; 0 when it is not.
    public func position(of needle: String, in haystack: String) -> String {
        self == .sqlite ? "instr(\(haystack), \(needle))" : "strpos(\(haystack), \(needle))"
    }

    /// The character of `code` (a tab, a newline), as SQL.
    public func character(_ code: Int) -> String { self == .sqlite ? "char(\(code))" : "chr(\(code))" }

    /// A number bound as text: SQLite's INTEGER affinity compares it as a number; PostgreSQL is told.
    var number: String { self == .sqlite ? "?" : "CAST(? AS bigint)" }
}
