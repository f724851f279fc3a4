import Foundation
import OrderStore
import PostgresNIO

/// Databases made and dropped on the store's server, as `createdb` and `dropdb` do: a scratch
/// database beside the shop's, for a benchmark or a test (the user needs CREATEDB).
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

    /// A name is written into the statement: only lower-case letters, digits and underscores.
    private static func check(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 63, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw StoreError("データベース名「\(name)」は使えません（英小文字・数字・_ で63文字まで）")
        }
    }
}
