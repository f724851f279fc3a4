import Foundation
import OrderEngine

/// What the grid and the search line ask beyond a page, on either backend (``StoreGridDetails``).
extension StoreGridDetails {
    /// How many of `numbers` the filter shows (checked orders the view hides are the rest).
    public func count(_ filter: GridFilter, among numbers: [OrderNumber]) throws -> Int {
        try shown(filter, among: numbers).count
    }

    /// Which of `numbers` the filter shows.
    public func shown(_ filter: GridFilter, among numbers: [OrderNumber]) throws -> Set<OrderNumber> {
        try reading { db in
            let condition = filter.condition(numberPrefixes: try OrderStore.numberPrefixes(for: filter, in: db), dialect: db.dialect)
            var shown: Set<OrderNumber> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow(
                    "SELECT order_number FROM orders WHERE order_number IN (\(OrderStore.marks(chunk.count))) AND \(condition.sql)",
                    chunk.map { .text($0) } + condition.arguments.map { .text($0) }) { row in
                    shown.insert(OrderNumber(try row.requiredText("order_number")))
                }
            }
            return shown
        }
    }

    /// Of `numbers`, the orders another open order to the same destination could ship with (同梱候補).
    public func bundleCandidates(among numbers: [OrderNumber]) throws -> Set<OrderNumber> {
        try reading { db in
            var found: Set<OrderNumber> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT order_number FROM orders WHERE order_number IN (\(OrderStore.marks(chunk.count))) AND \(OrderStore.bundleCandidate(db.dialect))
                    """, chunk.map { .text($0) }) { found.insert(OrderNumber(try $0.requiredText("order_number"))) }
            }
            return found
        }
    }

    /// The open orders to the destinations of `numbers` (``Order/bundleCandidateKey``) that are not
    /// among them: what a rule's 同梱 bundles them with.
    public func bundlePartners(of numbers: [OrderNumber]) throws -> [OrderNumber] {
        try reading { db in
            var found: Set<String> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT partner.order_number FROM orders AS partner
                    WHERE partner.destination_key IN (
                        SELECT destination_key FROM orders WHERE order_number IN (\(OrderStore.marks(chunk.count))) AND destination_key IS NOT NULL)
                    AND \(OrderStore.openForBundling("partner"))
                    """, chunk.map { .text($0) }) { found.insert(try $0.requiredText("order_number")) }
            }
            return found.subtracting(numbers.map(\.rawValue)).sorted().map(OrderNumber.init)
        }
    }

    /// Of `numbers`, each order whose buyer has earlier orders here, and how many (リピート).
    public func earlierOrderCounts(among numbers: [OrderNumber]) throws -> [OrderNumber: Int] {
        try reading { db in
            var found: [OrderNumber: Int] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT order_number, \(OrderStore.earlierOrders) AS n FROM orders
                    WHERE order_number IN (\(OrderStore.marks(chunk.count))) AND buyer_key IS NOT NULL
                    """, chunk.map { .text($0) }) { row in
                    let count = Int(try row.requiredInteger("n"))
                    if count > 0 { found[OrderNumber(try row.requiredText("order_number"))] = count }
                }
            }
            return found
        }
    }

    /// Of `numbers`, what the store knows beyond each order for the search line's 連携:, 帳票: and
    /// メール: (``OrderQuery/Records``): the latest write of each kind, the documents, the mails sent.
    /// `mailTemplates`: 名前 → file name; a mail sent is known by both.
    public func queryRecords(among numbers: [OrderNumber], mailTemplates: [String: String] = [:]) throws -> [OrderNumber: OrderQuery.Records] {
        let titles = Dictionary(mailTemplates.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        return try reading { db in
            var found: [OrderNumber: OrderQuery.Records] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = OrderStore.marks(chunk.count)
                try db.forEachRow("""
                    SELECT w.order_number, w.kind, w.state, w.detail FROM outbox AS w WHERE w.order_number IN (\(marks))
                    AND (w.kind = 'send-mail' OR NOT EXISTS (SELECT 1 FROM outbox AS later
                        WHERE later.order_number = w.order_number AND later.kind = w.kind AND later.id > w.id))
                    """, chunk.map { .text($0) }) { row in
                    let number = OrderNumber(try row.requiredText("order_number"))
                    let state = try row.requiredText("state")
                    if try row.requiredText("kind") == OutboundWrite.Kind.mail.rawValue {
                        if state == "done" {
                            let template = try row.text("detail") ?? ""
                            found[number, default: .init()].mailed.insert(template)
                            if let title = titles[template] { found[number, default: .init()].mailed.insert(title) }
                        }
                    } else {
                        found[number, default: .init()].writeStates.insert(state)
                    }
                }
                try db.forEachRow("""
                    SELECT order_number, printed_slips FROM orders WHERE order_number IN (\(marks)) AND printed_slips != ''
                    """, chunk.map { .text($0) }) { row in
                    let kinds = try row.requiredText("printed_slips").split(separator: "\t").compactMap { SlipKind(rawValue: String($0)) }
                    found[OrderNumber(try row.requiredText("order_number")), default: .init()].printed.formUnion(kinds)
                }
            }
            return found
        }
    }

    /// The orders of `bundle`, the lowest number first: what the detail shows beside an order's own total.
    public func bundleMembers(_ bundle: BundleID) throws -> [OrderStore.BundleMember] {
        try reading { db in
            try db.rows("SELECT order_number, request_price FROM orders WHERE bundle_id = ? ORDER BY order_number", [.text(bundle.rawValue)]) { row in
                OrderStore.BundleMember(
                    number: OrderNumber(try row.requiredText("order_number")),
                    requestPrice: try row.integer("request_price").map { Money.yen(Int($0)) } ?? .unset)
            }
        }
    }
}

extension OrderStore {
    /// One order of a bundle (同梱) and its 請求金額.
    public struct BundleMember: Sendable, Hashable {
        public let number: OrderNumber
        public let requestPrice: Money
    }
}
