/// The shop as ご依頼主 on its labels, and its account with the carrier (config.toml's [sender]).
public struct LabelSender: Sendable, Equatable {
    public var name: String
    public var phone: String
    public var zipCode: String
    public var address: String
    /// B2クラウド's 請求先顧客コード (the shop's account with ヤマト運輸) and 運賃管理番号.
    public var yamatoCustomerCode: String
    public var yamatoFreightNumber: String

    public init(name: String, phone: String, zipCode: String, address: String, yamatoCustomerCode: String = "", yamatoFreightNumber: String = "01") {
        self.name = name
        self.phone = phone
        self.zipCode = zipCode
        self.address = address
        self.yamatoCustomerCode = yamatoCustomerCode
        self.yamatoFreightNumber = yamatoFreightNumber
    }
}
