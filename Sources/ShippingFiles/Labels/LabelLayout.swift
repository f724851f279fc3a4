import OrderEngine

/// One carrier's label layout: its columns by position and what goes in each for a parcel.
protocol LabelLayout {
    static var header: [String] { get }
    /// Field lengths the carrier prints, in CP932 bytes, by column index (0-based).
    static var limits: [Int: Int] { get }
    /// Whether the file starts with `header` (ゆうプリR's layout has none: columns by position only).
    static var writesHeader: Bool { get }
    /// Why the layout cannot carry the parcel (a payment or service the carrier does not take, an
    /// amount over its limit, a setting the shop has not made), or nil.
    static func refusal(of parcel: LabelParcel, settings: LabelSender) -> String?
    /// The row of one parcel, and what the operator must set in the carrier's software by hand.
    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String])
}

extension LabelLayout {
    static var writesHeader: Bool { true }
}

/// What every layout draws a row from: the parcel (one basket, or a bundle's), its key, the shop,
/// the day.
struct LabelBasket {
    let parcel: LabelParcel
    let key: String
    let sender: LabelSender
    let today: CalendarDate

    var destination: Contact { parcel.destination }
    /// 都道府県・市区町村・番地 as one line, cleaned for CSV.
    var address: String { LabelWriter.clean("\(destination.prefecture)\(destination.city)\(destination.subAddress)") }
    var itemNames: [String] { parcel.items.map { LabelWriter.clean($0.name) } }
    var cashOnDelivery: CashOnDelivery? { parcel.cashOnDelivery }
    /// 出荷予定日: the one the shop wrote, else the day the label is made.
    var shipDate: CalendarDate { parcel.plannedShipmentDate ?? today }
    /// What the carrier's 記事 says of where to leave it.
    var dropOffNote: String? { parcel.handling?.dropOffLocation.map { LabelWriter.clean("置き配:\($0)") } }

    /// The お届け指定 in words, for a note saying it was not written.
    var wishText: String {
        [parcel.deliveryDate?.description, parcel.timeSlotText].compactMap { $0 }.joined(separator: " ")
    }

    /// A letterbox parcel takes no お届け日 or 時間帯: said, not written, when one was asked.
    var postboxWishNote: String? {
        guard parcel.service == .postbox, parcel.deliveryDate != nil || parcel.timeSlot != nil else { return nil }
        return "ポスト投函のため、お届け指定（\(wishText)）は送り状に入れていません"
    }

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

    /// yyyymmdd, as e飛伝Ⅲ and ゆうプリR take dates.
    static func digits(_ date: CalendarDate?) -> String {
        date.map { $0.description.replacingOccurrences(of: "-", with: "") } ?? ""
    }
}
