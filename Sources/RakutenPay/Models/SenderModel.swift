/// The recipient of one package (送付先, §4.5).
public struct SenderModel: Sendable, Hashable, Codable {
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
    public var isolatedIslandFlag: Int

    public init(
        zipCode1: String, zipCode2: String, prefecture: String, city: String, subAddress: String,
        familyName: String, firstName: String?, familyNameKana: String?, firstNameKana: String?,
        phoneNumber1: String?, phoneNumber2: String?, phoneNumber3: String?, isolatedIslandFlag: Int
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
        self.isolatedIslandFlag = isolatedIslandFlag
    }
}
