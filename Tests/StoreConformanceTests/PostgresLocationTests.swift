import Foundation
import OrderStore
import Testing
import TestSupport
@testable import OrderStorePostgres

@Suite("PostgreSQL: where the store is, how it is reached, and its schema")
struct PostgresLocationTests {
    @Test("a URL names user, host, port and database; TLS is required off this host, verify-full unless said; a mistake is named")
    func urls() throws {
        let local = try PostgresLocation(url: "postgresql://juchu@127.0.0.1:5433/shop")
        #expect(local.user == "juchu" && local.host == "127.0.0.1" && local.port == 5433 && local.database == "shop")
        #expect(local.sslMode == .prefer && local.isLocal)
        let remote = try PostgresLocation(url: "postgres://juchu@db.example.jp/shop")
        #expect(remote.sslMode == .verifyFull && remote.port == 5432 && !remote.isLocal)
        #expect(try PostgresLocation(url: "postgresql://juchu@db.example.jp/shop?sslmode=verify-ca").sslMode == .verifyCA)
        for (url, said) in [
            ("postgresql://juchu@db.example.jp/shop?sslmode=disable", "require・verify-ca・verify-full"),
            ("postgresql://juchu@db.example.jp/shop?sslmode=prefer", "暗号化されない"),
            ("postgresql://juchu:secret@db.example.jp/shop", "パスワードを書かないで"),
            ("postgresql://db.example.jp/shop", "ユーザー名がありません"),
            ("postgresql://juchu@db.example.jp/", "データベース名がありません"),
            ("postgresql://juchu@db.example.jp/shop?sslmode=strict", "sslmode「strict」はありません"),
            ("postgresql://juchu@db.example.jp/shop?connect_timeout=3", "「connect_timeout」は使えません"),
            ("mysql://juchu@db.example.jp/shop", "PostgreSQL の接続先ではありません"),
        ] {
            #expect { try PostgresLocation(url: url) } throws: { ($0 as? StoreError)?.description.contains(said) == true }
        }
        #expect(!remote.shown.contains("secret") && remote.shown == "postgresql://juchu@db.example.jp:5432/shop?sslmode=verify-full")
    }

    @Test("the password comes from JUCHU_DB_PASSWORD, else from a file only its owner can read")
    func passwords() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var location = try PostgresLocation(url: "postgresql://juchu@db.example.jp/shop")
        try location.readPassword(environment: ["JUCHU_DB_PASSWORD": "from-env"], file: nil)
        #expect(location.password == "from-env")
        let file = directory.file("password")
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        #expect { try location.readPassword(environment: [:], file: file) } throws: { ($0 as? StoreError)?.description.contains("chmod 600") == true }
        chmod(file, 0o600)
        try location.readPassword(environment: [:], file: file)
        #expect(location.password == "from-file")
    }

    @Test("four processes opening a new database at once: one migrates under the advisory lock, none fails",
          .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL (.ci/run starts a server)"))
    func concurrentMigrations() async throws {
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let location = try #require(scratch.location)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try await offPool { try PostgresStore(location: location) } } }
            try await group.waitForAll()
        }
        let applied = try PostgresSession(location: location).query("SELECT id FROM juchu_migrations").map { try $0.decode(String.self) }
        #expect(applied == PostgresSchema.migrations.map(\.id))
    }
}
