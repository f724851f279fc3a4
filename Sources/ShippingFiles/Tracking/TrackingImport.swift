import OrderEngine

/// A tracking file matched to the orders, before anything is written: each row matched (to an
/// order's basket, by shipment key, else by order number), already there, or refused with the
/// reason and its line — unmatched, conflicting, invalid, duplicate.
public struct TrackingImport: Sendable {
    public enum Outcome: Sendable, Equatable {
        case matched(OrderNumber, basketID: Int, Parcel)
        /// The basket already has this number: importing the same file again changes nothing.
        case unchanged(OrderNumber)
        case unmatched(String)
        case conflicting(String)
        case invalid(String)
        case duplicate(firstLine: Int)

        public var isRefused: Bool {
            switch self {
            case .matched, .unchanged: false
            default: true
            }
        }

        public var label: String {
            switch self {
            case .matched: "照合"
            case .unchanged: "入力済み"
            case .unmatched: "不一致"
            case .conflicting: "競合"
            case .invalid: "不正"
            case .duplicate: "重複"
            }
        }

        public var text: String {
            switch self {
            case .matched(let order, let basket, let parcel): "\(order) 送付先ID \(basket) \(parcel.carrier?.name ?? "") \(parcel.shippedOn?.description ?? "")"
            case .unchanged(let order): "\(order) に入力済みです（変更しません）"
            case .unmatched(let why), .conflicting(let why), .invalid(let why): why
            case .duplicate(let first): "\(first)行目と同じ荷物番号です"
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public let line: Int
        public let trackingNumber: String
        public let outcome: Outcome
    }

    public private(set) var lines: [Line] = []

    public var refused: [Line] { lines.filter(\.outcome.isRefused) }

    /// Each matched order's parcels as the rows were matched against them: what applying checks
    /// they still are.
    public private(set) var previewed: [OrderNumber: [Parcel]] = [:]

    /// The parcels applying adds, per order.
    public var additions: [(order: OrderNumber, parcel: Parcel)] {
        lines.compactMap {
            if case .matched(let order, _, let parcel) = $0.outcome { (order, parcel) } else { nil }
        }
    }

    /// Matches `rows`. `orders`: the orders the rows name (by number or through their keys);
    /// `keys`: shipment key → order and basket; `today`: the ship date of a row without one.
    public init(rows: [TrackingRow], orders: [OrderNumber: Order], keys: [String: (OrderNumber, Int)], today: CalendarDate) {
        var seen: [String: Int] = [:]
        for row in rows {
            let outcome = Self.match(row, orders, keys, today, &seen)
            if case .matched(let number, _, _) = outcome { previewed[number] = orders[number]?.parcels }
            lines.append(Line(line: row.line, trackingNumber: row.trackingNumber, outcome: outcome))
        }
    }

    /// The baskets addressed as `recipient` says: the same postcode (digits), name and address
    /// (spaces aside), as the label file wrote them.
    static func recipientMatches(_ recipient: TrackingRecipient, _ orders: [OrderNumber: Order]) -> [(OrderNumber, Int)] {
        func squeezed(_ text: String) -> String { String(text.filter { !$0.isWhitespace }) }
        let zip = recipient.zipCode.filter(\.isNumber)
        let name = squeezed(recipient.name)
        let address = squeezed(recipient.address)
        return orders.values.sorted { $0.number < $1.number }.flatMap { order in
            order.packages.filter { package in
                let destination = package.destination
                return destination.zipCode.filter(\.isNumber) == zip && squeezed(destination.fullName) == name
                    && squeezed(destination.prefecture + destination.city + destination.subAddress) == address
            }.map { (order.number, $0.basketID) }
        }
    }

    private static func match(
        _ row: TrackingRow, _ orders: [OrderNumber: Order], _ keys: [String: (OrderNumber, Int)], _ today: CalendarDate,
        _ seen: inout [String: Int]
    ) -> Outcome {
        if let problem = row.problem { return .invalid(problem) }
        var target: (OrderNumber, Int?)?
        if let key = row.key, let mapped = keys[key] {
            target = (mapped.0, mapped.1)
        } else if let number = row.orderNumber ?? row.key.flatMap({ orders[OrderNumber($0)] != nil ? $0 : nil }) {
            target = (OrderNumber(number), nil)
        } else if let recipient = row.recipient {
            let found = recipientMatches(recipient, orders)
            guard found.count <= 1 else {
                return .unmatched("同じ郵便番号・氏名・住所の送付先が\(found.count)件あります（\(found.map(\.0.rawValue).joined(separator: "・"))）。手で入力してください")
            }
            target = found.first.map { ($0.0, $0.1) }
        }
        guard let (number, mappedBasket) = target, let order = orders[number] else {
            let named = row.key ?? row.orderNumber ?? row.recipient.map { "〒\($0.zipCode) \($0.name)" } ?? "なし"
            return .unmatched("出荷キー・注文番号・宛先（\(named)）に当たる注文がありません")
        }
        if order.rmsProgress.isCancelling || order.localStatus == .cancelled { return .unmatched("\(number) はキャンセルされた注文です") }
        let basket: Int
        if let mappedBasket {
            basket = mappedBasket
        } else {
            do {
                basket = try order.onlyBasket()
            } catch {
                return .unmatched("\(number): \(error.description)。出荷キーで照合してください")
            }
        }
        guard let carrier = row.carrier ?? order.carrier else { return .invalid("配送会社がありません（列「配送会社」か、注文の配送業者を設定してください）") }
        let normalized: String
        do {
            normalized = try TrackingNumber.normalized(row.trackingNumber, carrier: carrier)
        } catch {
            return .invalid(error.description)
        }
        if let first = seen[normalized] { return .duplicate(firstLine: first) }
        seen[normalized] = row.line
        let existing = order.parcels.filter { $0.basketID == basket }
        if existing.contains(where: { $0.trackingNumber == normalized }) { return .unchanged(number) }
        if let other = existing.first(where: { $0.report != .unreported }) {
            return .conflicting("\(number) の送付先 \(basket) は荷物番号 \(other.trackingNumber ?? "") で報告済みです（訂正は荷物番号の訂正で）")
        }
        if let other = existing.first {
            return .conflicting("\(number) の送付先 \(basket) には別の荷物番号 \(other.trackingNumber ?? "") があります")
        }
        return .matched(number, basketID: basket, Parcel(basketID: basket, carrier: carrier, trackingNumber: normalized, shippedOn: row.shippedOn ?? today))
    }
}
