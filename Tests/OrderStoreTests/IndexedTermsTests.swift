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
}
