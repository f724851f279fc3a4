/// A coupon used on an order.
public struct Coupon: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    /// Who funds it: ショップ, メーカー, サービス.
    public var capital: String
    public var total: Money

    public init(code: String, name: String, capital: String, total: Money) {
        self.code = code
        self.name = name
        self.capital = capital
        self.total = total
    }
}
