/// A person with a postal address: the orderer, or the recipient of one package (送付先).
public struct Contact: Sendable, Hashable, Codable {
    public var familyName: String
    public var firstName: String
    public var familyNameKana: String
    public var firstNameKana: String
    public var zipCode: String
    public var prefecture: String
    public var city: String
    public var subAddress: String
    public var phoneNumber: String
    public var emailAddress: String?

    public init(
        familyName: String, firstName: String, familyNameKana: String, firstNameKana: String,
        zipCode: String, prefecture: String, city: String, subAddress: String,
        phoneNumber: String, emailAddress: String? = nil
    ) {
        self.familyName = familyName
        self.firstName = firstName
        self.familyNameKana = familyNameKana
        self.firstNameKana = firstNameKana
        self.zipCode = zipCode
        self.prefecture = prefecture
        self.city = city
        self.subAddress = subAddress
        self.phoneNumber = phoneNumber
        self.emailAddress = emailAddress
    }

    /// 姓 名, as written on a slip.
    public var fullName: String { "\(familyName) \(firstName)" }
    public var fullNameKana: String { "\(familyNameKana) \(firstNameKana)" }
    /// 〒158-0094 東京都世田谷区玉川1-2-3
    public var postalAddress: String { "〒\(zipCode) \(prefecture)\(city)\(subAddress)" }

    /// Whether two contacts are the same person at the same address, as bundling (同梱) requires.
    /// Compared after removing spaces, the way peers match bundle candidates.
    public func isSameRecipient(as other: Contact) -> Bool {
        func key(_ c: Contact) -> [String] {
            [c.familyName + c.firstName, c.zipCode, c.prefecture + c.city + c.subAddress, c.phoneNumber]
                .map { $0.filter { !$0.isWhitespace && $0 != "-" } }
        }
        return key(self) == key(other)
    }
}
