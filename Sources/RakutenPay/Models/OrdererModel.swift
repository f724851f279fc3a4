/// The customer who placed the order (§4.4). The e-mail address is masked by Rakuten.
public struct OrdererModel: Sendable, Hashable, Codable {
    public var zipCode1: String
    public var zipCode2: String
    public var prefecture: String
    public var city: String
    public var subAddress: String
    public var familyName: String
    public var firstName: String?
    public var familyNameKana: String?
    public var firstNameKana: String?
    public var phoneNumber1: String?
    public var phoneNumber2: String?
    public var phoneNumber3: String?
    public var emailAddress: String
    public var sex: String?
    public var birthYear: Int?
    public var birthMonth: Int?
    public var birthDay: Int?

    public init(
        zipCode1: String, zipCode2: String, prefecture: String, city: String, subAddress: String,
        familyName: String, firstName: String?, familyNameKana: String?, firstNameKana: String?,
        phoneNumber1: String?, phoneNumber2: String?, phoneNumber3: String?, emailAddress: String,
        sex: String? = nil, birthYear: Int? = nil, birthMonth: Int? = nil, birthDay: Int? = nil
    ) {
        self.zipCode1 = zipCode1
        self.zipCode2 = zipCode2
        self.prefecture = prefecture
        self.city = city
        self.subAddress = subAddress
        self.familyName = familyName
        self.firstName = firstName
        self.familyNameKana = familyNameKana
        self.firstNameKana = firstNameKana
        self.phoneNumber1 = phoneNumber1
        self.phoneNumber2 = phoneNumber2
        self.phoneNumber3 = phoneNumber3
        self.emailAddress = emailAddress
        self.sex = sex
        self.birthYear = birthYear
        self.birthMonth = birthMonth
        self.birthDay = birthDay
    }
}
