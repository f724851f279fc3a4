import Foundation
import OrderStore

/// The store on PostgreSQL, for a shop whose operators work from several hosts. It provides the
/// store's roles one by one (``StoreCoordination`` so far), each proved against SQLite's by the
/// conformance suite; until every role is here, juchu runs on SQLite.
public final class PostgresStore: Sendable {
    let session: PostgresSession

    /// Connects and brings the database's schema up to date.
    public init(location: PostgresLocation) throws {
        session = try PostgresSession(location: location)
        // The shop's names and addresses are Japanese: a database in another encoding could not hold them.
        let encoding = try session.query("SHOW server_encoding").first?.decode(String.self) ?? ""
        guard encoding == "UTF8" else {
            throw StoreError("データベース \(location.shown) の文字コードが \(encoding) です。UTF8 のデータベースを使ってください（createdb -E UTF8 -T template0 …）")
        }
        try PostgresSchema.migrate(session)
    }

    /// Where it is, without the password.
    public var location: PostgresLocation { session.location }
}
