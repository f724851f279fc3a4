import OrderEngine

/// One carrier's label layout: its columns by position and what goes in each for a basket.
protocol LabelLayout {
    static var header: [String] { get }
    /// Field lengths the carrier prints, in CP932 bytes, by column index (0-based).
    static var limits: [Int: Int] { get }
    /// Whether the file starts with `header` (ゆうプリR's layout has none: columns by position only).
    static var writesHeader: Bool { get }
    /// Why the layout cannot carry the order (a payment or service the carrier does not take, a
    /// setting the shop has not made), or nil.
    static func refusal(of order: Order, settings: LabelSender) -> String?
    /// The row of one basket, and what the operator must set in the carrier's software by hand.
    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String])
}

extension LabelLayout {
    static var writesHeader: Bool { true }
}

/// What every layout draws a row from: the order, one basket, its key, the shop, the day.
struct LabelBasket {
    let order: Order
    let package: Package
    let key: String
    let sender: LabelSender
    let today: CalendarDate

    var destination: Contact { package.destination }
    /// 都道府県・市区町村・番地 as one line, cleaned for CSV.
    var address: String { LabelWriter.clean("\(destination.prefecture)\(destination.city)\(destination.subAddress)") }
    var itemNames: [String] { package.items.map { LabelWriter.clean($0.name) } }
    var isCashOnDelivery: Bool { order.payment.isCashOnDelivery }
    /// What RMS says to collect: 請求金額.
    var collectAmount: String { order.requestPrice.yen.map(String.init) ?? "" }

    /// `text` cut into lines of at most `bytes` CP932 bytes, at most `count` of them; the rest on the last.
    static func lines(_ text: String, bytes: Int, count: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty, lines.count < count - 1 {
            let line = LabelWriter.prefix(String(rest), bytes: bytes)
            guard !line.isEmpty else { break }
            lines.append(line)
            rest = rest.dropFirst(line.count)
        }
        if !rest.isEmpty { lines.append(String(rest)) }
        return lines + Array(repeating: "", count: max(0, count - lines.count))
    }
}
