/// A delivery company, identified by Rakuten's deliveryCompany code (a string such as "1001").
public struct Carrier: Sendable, Hashable, Codable {
    public let code: String

    public init(code: String) { self.code = code }

    /// The name RMS shows for the code, or the code itself when it is not one RMS lists.
    public var name: String { Carrier.names[code] ?? code }

    public var isKnownToRakuten: Bool { Carrier.names[code] != nil }

    /// Rakuten's deliveryCompany table (rpay-api.md §10.3).
    public static let names: [String: String] = [
        "1000": "その他", "1001": "ヤマト運輸", "1002": "佐川急便", "1003": "日本郵便",
        "1004": "西濃運輸", "1005": "セイノースーパーエクスプレス", "1006": "福山通運",
        "1007": "名鉄運輸", "1008": "トナミ運輸", "1009": "第一貨物", "1010": "新潟運輸",
        "1011": "中越運送", "1012": "岡山県貨物運送", "1013": "久留米運送", "1014": "山陽自動車運送",
        "1015": "NXトランスポート", "1016": "エコ配", "1017": "EMS", "1018": "DHL", "1019": "FedEx",
        "1020": "UPS", "1021": "日本通運", "1022": "TNT", "1023": "OCS", "1024": "USPS",
        "1025": "SFエクスプレス", "1026": "Aramex", "1027": "SGHグローバル・ジャパン",
        "1028": "Rakuten EXPRESS", "1029": "日本郵便 楽天倉庫出荷", "1030": "ヤマト運輸 クロネコゆうパケット",
        "1031": "名鉄NX運輸",
    ]
}
