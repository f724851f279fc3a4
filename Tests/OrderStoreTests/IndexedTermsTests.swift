import Foundation
import Testing
@testable import OrderStore

/// The terms a backend without SQLite's full-text index keeps of an order's document.
@Suite("The search's terms for PostgreSQL: each token, its beginnings marked, in byte order, once")
struct IndexedTermsTests {
    @Test("a kanji token gives itself and its first character; a Latin word every beginning; a token met twice is kept once; the order is the bytes'")
    func terms() {
        let document = "佐藤 藤翔 sa Aキ 佐藤"
        #expect(SearchTerms.indexedTerms(document) == ["Aキ", "^A", "^s", "^sa", "^佐", "^藤", "sa", "佐藤", "藤翔"])
        #expect(SearchTerms.indexedTermsText(document) == "Aキ ^A ^s ^sa ^佐 ^藤 sa 佐藤 藤翔")
        #expect(SearchTerms.indexedTerms("").isEmpty && SearchTerms.indexedTermsText("") == "")
        // A character outside the basic plane (four bytes) is one beginning, whole.
        #expect(SearchTerms.indexedTerms("𠮷野") == ["^𠮷", "𠮷野"])
    }

    /// The terms as plainly as they can be said: each token's bytes, and `^` before its every
    /// beginning (ASCII) or its first character; sorted byte by byte, each once.
    static func plainly(_ document: String) -> [String] {
        var terms: Set<[UInt8]> = []
        for token in document.utf8.split(separator: 0x20).map(Array.init) {
            terms.insert(token)
            if token.allSatisfy({ $0 < 0x80 }) {
                for length in 1...token.count { terms.insert([0x5E] + token.prefix(length)) }
            } else {
                terms.insert([0x5E] + Array(String(String(decoding: token, as: UTF8.self).unicodeScalars.first!).utf8))
            }
        }
        return terms.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("generated documents (long Latin words, kana, kanji, four-byte characters, runs of spaces, tokens met again): the same terms as said plainly")
    func generated() {
        let pieces = ["a", "B", "z", "9", "佐", "藤", "ー", "𠮷", "キ", " ", " ", "  ", "internationalization", "internationally"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var checked = 0
        for _ in 0..<300 {
            var document = ""
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(seed >> 59) + 1 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                document += pieces[Int(seed >> 33) % pieces.count]
            }
            #expect(SearchTerms.indexedTerms(document) == Self.plainly(document), "「\(document)」")
            checked += Self.plainly(document).count
        }
        #expect(checked > 1_000)
    }
}
