import Foundation
import OrderStore
import PostgresNIO

/// Scratch databases made and dropped on the store's server, as `createdb` and `dropdb` do,
/// beside the shop's, for a benchmark or a test (the user needs CREATEDB); never the shop's own.
public enum PostgresDatabases {
    /// Makes `name` on the server `server` reaches (UTF-8, its text compared byte by byte as the
    /// store's columns are) and says where it is.
    public static func create(_ name: String, on server: PostgresLocation) throws -> PostgresLocation {
        try check(name)
        try PostgresSession(location: server).query(PostgresQuery(
            unsafeSQL: "CREATE DATABASE \(name) ENCODING 'UTF8' LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8' TEMPLATE template0"))
        var location = server
        location.database = name
        return location
    }

    /// Drops `name`, closing its connections first.
    public static func drop(_ name: String, on server: PostgresLocation) throws {
        try check(name)
        try PostgresSession(location: server).query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
    }

    /// Only a scratch database's name (never the shop's), written into the statement: lower-case
    /// letters, digits and underscores after its prefix.
    private static func check(_ name: String) throws {
        guard ["juchu_test_", "juchu_bench_"].contains(where: name.hasPrefix), name.utf8.count <= 63,
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw StoreError("作業用データベースの名前「\(name)」は使えません（juchu_test_ か juchu_bench_ で始まる英小文字・数字・_ の63文字まで）")
        }
    }
}
