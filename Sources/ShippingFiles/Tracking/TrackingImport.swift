import OrderEngine

/// A tracking file matched to the orders, before anything is written: each row matched (to the
/// baskets of its parcel — one order's basket, or every member's of a bundle (同梱) — by shipment
/// key, else by order number or addressee), already there, or refused with the reason and its
/// line — unmatched, conflicting, invalid, duplicate. The files of one import are matched together
/// (``matching(_:orders:keys:today:inUse:)``): a number or a basket met in an earlier file counts.
public struct TrackingImport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The parcel goes to each of `targets` (the parcel's own basket is the first's).
        case matched([ShipmentTarget], Parcel)
        /// The baskets already have this number: importing the same file again changes nothing.
        case unchanged(OrderNumber)
        /// Another file of this import gives the same number to the same baskets (`place`: where):
        /// it is entered once, from there.
        case repeated(OrderNumber, place: String)
        case unmatched(String)
        case conflicting(String)
        case invalid(String)
        case duplicate(firstLine: Int)

        public var isRefused: Bool {
            switch self {
            case .matched, .unchanged, .repeated: false
            default: true
            }
        }

        public var label: String {
            switch self {
            case .matched: "照合"
            case .unchanged, .repeated: "入力済み"
            case .unmatched: "不一致"
            case .conflicting: "競合"
            case .invalid: "不正"
            case .duplicate: "重複"
            }
        }

        public var text: String {
            switch self {
            case .matched(let targets, let parcel):
                (targets.count > 1 ? "同梱 " + targets.map(\.order.rawValue).joined(separator: "・") : "\(targets[0].order) 送付先ID \(targets[0].basketID)")
                    + " \(parcel.carrier?.name ?? "") \(parcel.shippedOn?.description ?? "")"
            case .unchanged(let order): "\(order) に入力済みです（変更しません）"
            case .repeated(let order, let place): "\(place)と同じ荷物番号・同じ \(order) です（一度だけ入力します）"
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

    /// The parcels applying adds, per order and basket.
    public var additions: [(order: OrderNumber, parcel: Parcel)] {
        lines.flatMap { line -> [(order: OrderNumber, parcel: Parcel)] in
            guard case .matched(let targets, let parcel) = line.outcome else { return [] }
            return targets.map { target in
                var parcel = parcel
                parcel.basketID = target.basketID
                return (target.order, parcel)
            }
        }
    }

    /// Matches `rows`. `orders`: the orders the rows name (by number or through their keys), with
    /// every member of their bundles; `keys`: shipment key → the baskets it was written for;
    /// `today`: the ship date of a row without one; `inUse`: the orders the store gives each
    /// number to (``NumbersInUse``).
    public init(rows: [TrackingRow], orders: [OrderNumber: Order], keys: [String: [ShipmentTarget]], today: CalendarDate,
                inUse: NumbersInUse = [:]) {
        var earlier = Earlier()
        self.init(rows: rows, file: "", orders: orders, keys: keys, today: today, inUse: inUse, earlier: &earlier)
    }

    /// Matches the files of one import together, each `name` with its `rows`: a number given in an
    /// earlier file to other baskets, or another number given to the same basket (a label issued
    /// again), is refused as 競合; the same number to the same baskets is entered once.
    public static func matching(
        _ files: [(name: String, rows: [TrackingRow])], orders: [OrderNumber: Order], keys: [String: [ShipmentTarget]],
        today: CalendarDate, inUse: NumbersInUse = [:]
    ) -> [TrackingImport] {
        var earlier = Earlier()
        return files.map { TrackingImport(rows: $0.rows, file: $0.name, orders: orders, keys: keys, today: today, inUse: inUse, earlier: &earlier) }
    }

    private init(
        rows: [TrackingRow], file: String, orders: [OrderNumber: Order], keys: [String: [ShipmentTarget]], today: CalendarDate,
        inUse: NumbersInUse, earlier: inout Earlier
    ) {
        for row in rows {
            let outcome = Self.match(row, file: file, orders, keys, today, inUse, &earlier)
            if case .matched(let targets, _) = outcome {
                for target in targets { previewed[target.order] = orders[target.order]?.parcels }
            }
            lines.append(Line(line: row.line, trackingNumber: row.trackingNumber, outcome: outcome))
        }
    }

    /// The orders other than those being matched that hold each tracking number already.
    public typealias NumbersInUse = [String: Set<OrderNumber>]

    /// What the lines matched before gave: each number (where, to which baskets) and each basket
    /// its number.
    struct Earlier {
        struct Place {
            let file: String
            let line: Int
            let targets: [ShipmentTarget]

            /// 「b2-1204.csv 3行目」, or 「3行目」 within the file being read.
            func text(from current: String) -> String { file == current || file.isEmpty ? "\(line)行目" : "\(file) \(line)行目" }
        }

        var numbers: [String: Place] = [:]
        var baskets: [ShipmentTarget: (number: String, place: Place)] = [:]
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
        _ row: TrackingRow, file: String, _ orders: [OrderNumber: Order], _ keys: [String: [ShipmentTarget]], _ today: CalendarDate,
        _ inUse: NumbersInUse, _ earlier: inout Earlier
    ) -> Outcome {
        if let problem = row.problem { return .invalid(problem) }
        var named: [ShipmentTarget]?
        var byOrder: OrderNumber?
        if let key = row.key, let mapped = keys[key] {
            named = mapped
        } else if let number = row.orderNumber ?? row.key.flatMap({ orders[OrderNumber($0)] != nil ? $0 : nil }) {
            byOrder = OrderNumber(number)
        } else if let recipient = row.recipient {
            let found = recipientMatches(recipient, orders)
            // A bundle's members share the address: they are the one parcel's baskets.
            let bundles = Set(found.map { orders[$0.0]?.bundleID })
            guard found.count <= 1 || (bundles.count == 1 && bundles.first! != nil) else {
                return .unmatched("同じ郵便番号・氏名・住所の送付先が\(found.count)件あります（\(found.map(\.0.rawValue).joined(separator: "・"))）。手で入力してください")
            }
            if !found.isEmpty { named = found.map { ShipmentTarget(order: $0.0, basketID: $0.1) } }
        }
        let first = named?.first?.order ?? byOrder
        guard let first, let lead = orders[first] else {
            let name = row.key ?? row.orderNumber ?? row.recipient.map { "〒\($0.zipCode) \($0.name)" } ?? "なし"
            return .unmatched("出荷キー・注文番号・宛先（\(name)）に当たる注文がありません")
        }
        var targets: [ShipmentTarget]
        if let named {
            // A key names what its label was written for (a bundle's baskets, or one basket).
            targets = named
        } else if let bundle = lead.bundleID {
            // A bundle is one parcel: its number goes to every member's basket.
            let members = orders.values.filter { $0.bundleID == bundle }.sorted { $0.number < $1.number }
            targets = []
            for member in members {
                guard let basket = member.packages.count == 1 ? member.packages[0].basketID : nil else {
                    return .unmatched("同梱の注文 \(member.number) の送付先が\(member.packages.count)件あります。手で入力してください")
                }
                targets.append(ShipmentTarget(order: member.number, basketID: basket))
            }
        } else {
            do {
                targets = [ShipmentTarget(order: lead.number, basketID: try lead.onlyBasket())]
            } catch {
                return .unmatched("\(lead.number): \(error.description)。出荷キーで照合してください")
            }
        }
        for target in targets {
            guard let order = orders[target.order] else { return .unmatched("出荷キーの注文 \(target.order) がありません") }
            if order.rmsProgress.isCancelling || order.localStatus == .cancelled { return .unmatched("\(target.order) はキャンセルされた注文です") }
        }
        guard let carrier = row.carrier ?? lead.carrier else { return .invalid("配送会社がありません（列「配送会社」か、注文の配送業者を設定してください）") }
        let normalized: String
        do {
            normalized = try TrackingNumber.normalized(row.trackingNumber, carrier: carrier)
        } catch {
            return .invalid(error.description)
        }
        let place = Earlier.Place(file: file, line: row.line, targets: targets)
        if let first = earlier.numbers[normalized] {
            if first.file == file { return .duplicate(firstLine: first.line) }
            if Set(first.targets) == Set(targets) { return .repeated(lead.number, place: first.text(from: file)) }
            return .conflicting("荷物番号 \(normalized) は\(first.text(from: file))で \(first.targets.map(\.order.rawValue).joined(separator: "・")) に付けています")
        }
        earlier.numbers[normalized] = place
        if let holders = inUse[normalized]?.subtracting(targets.map(\.order)), !holders.isEmpty {
            return .conflicting("荷物番号 \(normalized) は別の注文 \(holders.sorted().map(\.rawValue).joined(separator: "・")) に入力済みです。番号を確かめてください")
        }
        for target in targets {
            if let given = earlier.baskets[target], given.number != normalized {
                return .conflicting("\(target.order) の送付先 \(target.basketID) には\(given.place.text(from: file))で別の荷物番号 \(given.number) を付けています（送り状を発行し直したなら、古い行を消して取り込み直してください）")
            }
        }
        var missing: [ShipmentTarget] = []
        for target in targets {
            let existing = orders[target.order]!.parcels.filter { $0.basketID == target.basketID }
            if existing.contains(where: { $0.trackingNumber == normalized }) { continue }
            if let other = existing.first(where: { $0.report != .unreported }) {
                return .conflicting("\(target.order) の送付先 \(target.basketID) は荷物番号 \(other.trackingNumber ?? "") で報告済みです（訂正は荷物番号の訂正で）")
            }
            if let other = existing.first {
                return .conflicting("\(target.order) の送付先 \(target.basketID) には別の荷物番号 \(other.trackingNumber ?? "") があります")
            }
            missing.append(target)
        }
        guard let basket = missing.first?.basketID else { return .unchanged(lead.number) }
        for target in missing { earlier.baskets[target] = (normalized, place) }
        return .matched(missing, Parcel(basketID: basket, carrier: carrier, trackingNumber: normalized, shippedOn: row.shippedOn ?? today))
    }
}
