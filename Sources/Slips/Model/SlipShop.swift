import OrderEngine

/// The shop as its printed documents name it (config.toml `[slips]`): an invoice carries the
/// issuer's name and registration number.
public struct SlipShop: Sendable, Equatable {
    public var name: String
    public var zipCode: String
    public var address: String
    public var phone: String
    /// Nil: the shop is not registered, and its documents are not invoices (no 登録番号 printed).
    public var registrationNumber: RegistrationNumber?

    public init(name: String, zipCode: String = "", address: String = "", phone: String = "", registrationNumber: RegistrationNumber? = nil) {
        self.name = name
        self.zipCode = zipCode
        self.address = address
        self.phone = phone
        self.registrationNumber = registrationNumber
    }
}
