import CNcursesw
import Glibc
import Testing
@testable import TerminalUI

@Suite("Display width", .serialized)
struct DisplayWidthTests {
    init() {
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    /// The ranges the desk draws: ASCII, Latin-1, kana, kanji, full-width forms, box drawing, symbols.
    static let ranges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0xA1...0xFF, 0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x257F, 0x25A0...0x25FF,
        0x3000...0x30FF, 0x3400...0x3500, 0x4E00...0x9FFF, 0xFF01...0xFFEF,
    ]

    @Test("agrees with glibc's wcwidth, which ncurses uses, for every character the desk draws")
    func agreesWithWcwidth() {
        var mismatches: [String] = []
        for range in Self.ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let libc = Int(wcwidth(wchar_t(bitPattern: value)))
                guard libc >= 0 else { continue }
                if DisplayWidth.of(scalar) != libc { mismatches.append(String(value, radix: 16)) }
            }
        }
        #expect(mismatches.isEmpty, "differs from wcwidth at U+\(mismatches.prefix(10).joined(separator: ", U+"))")
    }

    /// Names and addresses as buyers type them: half-width kana with voicing marks, variation
    /// selectors (IVS), rare kanji, combining accents, emoji with modifiers and joiners, flags.
    static let corpus = [
        "東京都港区六本木ﾛｯﾎﾟﾝｷﾞ6-10-1 ﾋﾙｽﾞ", "ｶﾞｰﾃﾞﾝﾌﾟﾚｲｽﾀﾜｰ", "ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ", "ｻﾞｼﾞｽﾞｾﾞｿﾞ",
        "髙橋 﨑 𠮷野 辻󠄀", "葛\u{E0100}飾区", "Café Cafe\u{0301}", "❤️ ☺︎ ✔︎", "👍🏻 👨‍👩‍👧 🇯🇵",
        "ｱｲｳ（半角）ﾃﾞｽ", "①②③ 〒150-0001", "か\u{3099}き\u{3099}", "ヴィラ・ﾍﾞﾙｻｲﾕ 201号",
    ]

    @Test("a grapheme cluster is as wide as glibc's wcwidth summed over its scalars, for every cluster of the corpus")
    func clustersAsWcwidthSums() {
        for text in Self.corpus {
            var total = 0
            for character in text {
                let expected = character.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(wchar_t(bitPattern: $1.value)))) }
                #expect(DisplayWidth.of(character) == expected, "「\(character)」 \(character.unicodeScalars.map { String($0.value, radix: 16) })")
                total += expected
            }
            #expect(text.displayWidth == total, "\(text)")
            #expect(text.fitted(to: total + 2).displayWidth == total + 2)
        }
        #expect("ﾛｯﾎﾟﾝｷﾞ".count == 5 && "ﾛｯﾎﾟﾝｷﾞ".displayWidth == 7)
    }

    @Test("Japanese text is two cells a character; ¥ and half-width kana one")
    func japanese() {
        #expect("注文確認待ち".displayWidth == 12)
        #expect("ｱｲｳ".displayWidth == 3)
        #expect("¥1,200".displayWidth == 6)
        #expect("佐藤 翔太".displayWidth == 9)
    }

    @Test("fitting cuts at the column edge with 「…」 without splitting a wide character, then pads; blanks left out are no cut", arguments: [
        ("勅使河原 龍之介", 8, "勅使河… "), ("勅使河原 龍之介", 9, "勅使河原…"), ("勅使河原 龍之介", 7, "勅使河…"),
        ("abc", 5, "abc  "), ("備考\n改行", 9, "備考 改行"), ("abc   ", 3, "abc"), ("12345", 4, "123…"),
    ])
    func fitting(text: String, width: Int, expected: String) {
        let fitted = text.fitted(to: width)
        #expect(fitted == expected)
        #expect(fitted.displayWidth == width)
    }

    @Test("right alignment pads on the left")
    func trailing() {
        #expect("3,980円".fitted(to: 10, alignment: .trailing) == "   3,980円")
    }
}
