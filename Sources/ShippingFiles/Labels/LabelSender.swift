/// The shop as ご依頼主 on its labels, and its accounts with the carriers (config.toml's [sender],
/// and [shipping]'s ゆうプリR settings).
public struct LabelSender: Sendable, Equatable {
    public var name: String
    public var phone: String
    public var zipCode: String
    public var address: String
    /// B2クラウド's 請求先顧客コード (the shop's account with ヤマト運輸) and 運賃管理番号.
    public var yamatoCustomerCode: String
    public var yamatoFreightNumber: String
    /// Which of ゆうプリR's import layouts the shop's 取込レイアウト is.
    public var yupriLayout: YupriLayoutVersion = .standard118
    /// ゆうプリR's 送り状種別 for a prepaid ゆうパック (1100780 in the exporters peers use) and for
    /// 代金引換, which the shop must give: without it a 代金引換 order gets no ゆうプリR row.
    public var yupriSlipType = "1100780"
    public var yupriCollectSlipType = ""

    public init(name: String, phone: String, zipCode: String, address: String, yamatoCustomerCode: String = "", yamatoFreightNumber: String = "01") {
        self.name = name
        self.phone = phone
        self.zipCode = zipCode
        self.address = address
        self.yamatoCustomerCode = yamatoCustomerCode
        self.yamatoFreightNumber = yamatoFreightNumber
    }
}

/// ゆうプリR's 外部ファイル取込 layouts Juchu writes (config.toml `[shipping] yupri_layout`).
public enum YupriLayoutVersion: String, Sendable, CaseIterable {
    /// The standard layout: 118 columns by position, no header.
    case standard118 = "118"

    public var label: String {
        switch self {
        case .standard118: "標準レイアウト 118項目（見出しなし）"
        }
    }
}
