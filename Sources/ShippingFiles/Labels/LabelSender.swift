/// The shop as ご依頼主 on its labels, and its accounts with the carriers (config.toml's [sender],
/// and [shipping]'s carrier settings).
public struct LabelSender: Sendable, Equatable {
    public var name: String
    public var phone: String
    public var zipCode: String
    public var address: String
    /// B2クラウド's 請求先顧客コード (the shop's account with ヤマト運輸) and 運賃管理番号.
    public var yamatoCustomerCode: String
    public var yamatoFreightNumber: String
    /// B2クラウド's 送り状種類 for a letterbox parcel: 7 (ネコポス in B2's older lists, クロネコゆうパケット
    /// in the current one) or A (ネコポス in the current list) — label-layouts research §2.
    public var b2PostboxSlipType = B2PostboxSlipType.seven
    /// e飛伝Ⅲ's 決済種別 for 代金引換 (e-コレクト): what the driver may take.
    public var ehidenCollectPayment = EhidenCollectPayment.cashOnly
    /// Which of ゆうプリR's import layouts the shop's 取込レイアウト is.
    public var yupriLayout: YupriLayoutVersion = .standard118
    /// ゆうプリR's 送り状種別 for a prepaid ゆうパック (1100780 in the exporters peers use), for
    /// 代金引換 and for ゆうパケット, which the shop must give: without them a 代金引換 order or a
    /// letterbox parcel gets no ゆうプリR row (the ゆうパック form would carry it otherwise).
    public var yupriSlipType = "1100780"
    public var yupriCollectSlipType = ""
    public var yupriPostboxSlipType = ""

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

/// B2クラウド's code for a letterbox parcel (config.toml `[shipping] b2_postbox_slip_type`).
public enum B2PostboxSlipType: String, Sendable, CaseIterable {
    case seven = "7"
    case a = "A"

    public var label: String {
        switch self {
        case .seven: "7（クロネコゆうパケット。以前の一覧ではネコポス）"
        case .a: "A（ネコポス）"
        }
    }
}

/// e飛伝Ⅲ's 決済種別 for e-コレクト and the 指定シール that goes with it (config.toml `[shipping]
/// ehiden_cod_payment`): 2 現金のみ (seal 008) or 1 全て可 (seal 010), as Sagawa's e飛伝Ⅱ and Ⅲ
/// layouts agree (label-layouts research §3; デビット・クレジット alone is 3 or 5 by source, so not offered).
public enum EhidenCollectPayment: String, Sendable, CaseIterable {
    case cashOnly = "現金のみ"
    case all = "全て可"

    public var code: String { self == .cashOnly ? "2" : "1" }
    public var seal: String { self == .cashOnly ? "008" : "010" }
}
