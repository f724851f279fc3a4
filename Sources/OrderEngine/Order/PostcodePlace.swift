/// Where a postcode is, as Japan Post's data says: 都道府県, 市区町村 and the town (町域) where the
/// code has one (empty when the code covers the whole 市区町村).
public struct PostcodePlace: Sendable, Hashable {
    public let prefecture: String
    public let city: String
    public let town: String

    public init(prefecture: String, city: String, town: String) {
        self.prefecture = prefecture
        self.city = city
        self.town = town
    }

    /// A postcode as operators and RMS write it (「100-0001」「〒１００－０００１」「1000001」) as
    /// its seven digits; nil when it is not seven digits.
    public static func digits(of zip: String) -> String? {
        let digits = zip.compactMap { $0.wholeNumberValue }.map(String.init).joined()
        let others = zip.filter { $0.wholeNumberValue == nil && !"-－ー〒 　".contains($0) }
        return digits.count == 7 && others.isEmpty ? digits : nil
    }

    /// Whether an address's 都道府県 and 市区町村 are this place's: the same 都道府県, and a 市区町村
    /// that is this one (spaces aside; RMS may hold the 郡 or the ward in either field).
    public func holds(prefecture: String, city: String) -> Bool {
        func plain(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        guard plain(prefecture) == plain(self.prefecture) else { return false }
        let theirs = plain(city)
        let ours = plain(self.city)
        return !theirs.isEmpty && (theirs.hasPrefix(ours) || ours.hasPrefix(theirs))
    }

    /// 「東京都千代田区千代田」: the place in one line.
    public var text: String { prefecture + city + town }

    /// Why an address does not belong to its postcode, both said (nil when one of `places` holds
    /// it, or when the postcode is unknown: that is said apart).
    public static func mismatch(zip: String, prefecture: String, city: String, places: [PostcodePlace]) -> String? {
        guard !places.isEmpty, !places.contains(where: { $0.holds(prefecture: prefecture, city: city) }) else { return nil }
        let known = Array(Set(places.map { $0.prefecture + $0.city })).sorted().joined(separator: "・")
        return "郵便番号と住所が一致しません（〒\(zip) は \(known)、住所は \(prefecture)\(city)）"
    }
}
