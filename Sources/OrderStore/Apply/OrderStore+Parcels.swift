import Foundation
import OrderEngine

extension StoreApplying {
    /// Adds a parcel to an order (荷物番号 by hand), journalled and undoable until it is reported.
    /// `basketID` nil: the order's only basket. Refused, with the reason, as ``Order/addingParcel(_:)`` says.
    public func addParcel(
        to number: OrderNumber, basketID: Int?, carrier: Carrier, trackingNumber: String, shippedOn: CalendarDate
    ) throws -> Order {
        try saveParcelEdits(of: number) { order in
            let normalized = try TrackingNumber.normalized(trackingNumber, carrier: carrier)
            return [.add(Parcel(basketID: try basketID ?? order.onlyBasket(), carrier: carrier, trackingNumber: normalized, shippedOn: shippedOn))]
        }
    }

    /// Makes an operator's changes to an order's parcels (the desk's 荷物番号 form) in one batch,
    /// journalled and undoable until sent. `expected`: the parcels as the operator saw them; when
    /// another desk or the worker changed them since, nothing is saved and the error says so.
    public func saveParcelEdits(_ edits: [ParcelEdit], of number: OrderNumber, expected: [Parcel]) throws -> Order {
        try saveParcelEdits(of: number) { order in
            guard order.parcels == expected else {
                throw StoreError("開いた後に \(number) の荷物番号が変わりました（他の端末・RMSの発送明細）。開き直してください")
            }
            return edits
        }
    }

    /// Reads the order, makes the edits `edits` gives for it, writes it: one transaction, one
    /// batch. A bundled order's edits are made for every member of its bundle too (one parcel
    /// carries them all: ``Swift/Array/forBundleMember(_:)``).
    private func saveParcelEdits(of number: OrderNumber, _ edits: @escaping @Sendable (Order) throws -> [ParcelEdit]) throws -> Order {
        try writing("荷物番号の保存") { db in
            guard let order = try OrderStore.load([number], in: db).first else { throw StoreError("注文 \(number) はありません") }
            let made = try edits(order)
            let batchID = UUID().uuidString.lowercased()
            let saved = try saveParcels(of: order, as: try order.applyingParcelEdits(made), batchID: batchID, in: db)
            if order.isBundled {
                let partners = try OrderStore.withBundlePartners([number], in: db).dropFirst()
                for member in try OrderStore.load(Array(partners), in: db) {
                    let spread = try made.forBundleMember(member)
                    do {
                        _ = try saveParcels(of: member, as: try member.applyingParcelEdits(spread), batchID: batchID, in: db)
                    } catch let error as ActionInputError {
                        throw ActionInputError("同梱の注文 \(member.number): \(error.description)")
                    }
                }
            }
            try recordDesk(of: batchID, in: db)
            return saved
        }
    }

    /// Writes an order's parcels as changed by hand: journalled in `batchID`, undoable.
    private func saveParcels(of order: Order, as after: Order, batchID: String, in db: any StoreStatements) throws -> Order {
        try OrderStore.write(after, from: order, in: db, at: now())
        try OrderStore.journal(order.changes(to: after), of: order.number, batchID: batchID, action: .event(.setParcels), undoable: true,
                         operatorName: operatorName, at: now(), in: db)
        return after
    }

    /// Adds parcels read from a carrier's file, all in one batch (undoable at once until reported).
    /// `previewed`: each order's parcels as the preview matched the file against them (whose baskets
    /// it checked); an order whose parcels changed since (another desk entered a number meanwhile)
    /// is left out and named, not changed from what the operator did not see. Only the parcels are
    /// read and written, not the orders' content. Returns the batch and what was left out.
    public func addParcels(
        _ additions: [(order: OrderNumber, parcel: Parcel)], previewed: [OrderNumber: [Parcel]]
    ) throws -> (batchID: String, leftOut: [(OrderNumber, String)]) {
        try writing("荷物番号の取り込み") { db in
            let batchID = UUID().uuidString.lowercased()
            var leftOut: [(OrderNumber, String)] = []
            let grouped = Dictionary(grouping: additions, by: \.order)
            for before in try OrderStore.load(grouped.keys.sorted(), content: false, in: db) {
                guard before.parcels == previewed[before.number] else {
                    leftOut.append((before.number, "照合の後に荷物番号が変更されました（他の操作・他の端末）。もう一度取り込んでください"))
                    continue
                }
                var after = before
                for addition in grouped[before.number] ?? [] {
                    // Already there (the same number from two files): what was asked is so.
                    if after.parcels.contains(where: { $0.basketID == addition.parcel.basketID && $0.trackingNumber == addition.parcel.trackingNumber }) {
                        continue
                    }
                    after.parcels.append(addition.parcel)
                }
                let changes = before.changes(to: after)
                guard !changes.isEmpty else { continue }
                try OrderStore.write(after, from: before, in: db, at: now())
                try OrderStore.journal(changes, of: before.number, batchID: batchID, action: .event(.setParcels), undoable: true,
                                 operatorName: operatorName, at: now(), in: db)
            }
            try recordDesk(of: batchID, in: db)
            return (batchID, leftOut)
        }
    }

    /// The orders whose parcels hold each of `numbers` (normalised), among parcels shipped on or
    /// after `since` or not yet: a carrier gives its numbers out again in time, so an older
    /// parcel with the same number is taken as another shipment, not a mistake. One pass over the
    /// orders that have parcels.
    public func ordersHolding(trackingNumbers numbers: Set<String>, shippedSince since: CalendarDate) throws -> [String: Set<OrderNumber>] {
        guard !numbers.isEmpty else { return [:] }
        return try reading { db in
            var holders: [String: Set<OrderNumber>] = [:]
            try db.forEachRow("SELECT order_number, parcels FROM orders WHERE parcels != ''", []) { row in
                let text = try row.requiredText("parcels")
                for line in text.split(separator: "\n" as Character) {
                    // ``Parcel/line``: basket|carrier|number|shipped on|detail ID|report.
                    let fields = line.split(separator: "|" as Character, maxSplits: 4, omittingEmptySubsequences: false)
                    guard fields.count == 5, numbers.contains(String(fields[2])) else { continue }
                    if let shipped = CalendarDate(parsing: fields[3]), shipped < since { continue }
                    holders[String(fields[2]), default: []].insert(OrderNumber(try row.requiredText("order_number")))
                }
            }
            return holders
        }
    }

    /// The shipment key (``ShipmentKey``) of each parcel, given its baskets (one, or a bundle's):
    /// the key given before to exactly these baskets, or a new one of today's.
    public func shipmentKeys(for parcels: [[ShipmentTarget]]) throws -> [String] {
        try writing("出荷キーの記録") { db in
            let date = now()
            let prefix = ShipmentKey.prefix(for: CalendarDate(japanDayOf: JapanTime(date)))
            let last = try db.firstRow("SELECT MAX(key) AS last FROM shipment_keys WHERE key >= ? AND key < ?",
                                       [.text(prefix), .text(prefix + "~")]) { try $0.text("last") } ?? nil
            var next = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
            // The keys given before to these orders' baskets, read 500 orders at a time, each with
            // every basket it names.
            var given: [String: Set<ShipmentTarget>] = [:]
            for chunk in Array(Set(parcels.flatMap { $0.map(\.order.rawValue) })).sorted().chunked(into: 500) {
                try db.forEachRow("""
                    SELECT key, order_number, basket_id FROM shipment_keys
                    WHERE key IN (SELECT key FROM shipment_keys WHERE order_number IN (\(OrderStore.marks(chunk.count))))
                    """, chunk.map { .text($0) }) { row in
                    given[try row.requiredText("key"), default: []].insert(try ShipmentTarget(reading: row))
                }
            }
            var known: [Set<ShipmentTarget>: String] = [:]
            for (key, targets) in given.sorted(by: { $0.key < $1.key }) where known[targets] == nil { known[targets] = key }
            var keys: [String] = []
            keys.reserveCapacity(parcels.count)
            for targets in parcels {
                let set = Set(targets)
                if let key = known[set] {
                    keys.append(key)
                    continue
                }
                let key = ShipmentKey.make(prefix: prefix, sequence: next)
                next += 1
                for target in targets {
                    try db.run("INSERT INTO shipment_keys (key, order_number, basket_id, created_at) VALUES (?, ?, ?, ?)",
                               [.text(key), .text(target.order.rawValue), .integer(Int64(target.basketID)), .integer(Int64(date.timeIntervalSince1970))])
                }
                known[set] = key
                keys.append(key)
            }
            return keys
        }
    }

    /// The baskets each known key among `keys` names.
    public func shipmentKeyTargets(_ keys: [String]) throws -> [String: [ShipmentTarget]] {
        try reading { db in
            var targets: [String: [ShipmentTarget]] = [:]
            for chunk in keys.chunked(into: 500) {
                try db.forEachRow("""
                    SELECT key, order_number, basket_id FROM shipment_keys WHERE key IN (\(OrderStore.marks(chunk.count))) ORDER BY key, order_number, basket_id
                    """, chunk.map { .text($0) }) { row in
                    targets[try row.requiredText("key"), default: []].append(try ShipmentTarget(reading: row))
                }
            }
            return targets
        }
    }

    /// The keys written for a bundle's parcel (naming more than one order) among `numbers`' baskets:
    /// a label that is out for the bundle.
    public func bundleLabelKeys(of numbers: [OrderNumber]) throws -> [OrderNumber: [String]] {
        try reading { db in
            var keys: [OrderNumber: [String]] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT k.order_number, k.key FROM shipment_keys AS k
                    WHERE k.order_number IN (\(OrderStore.marks(chunk.count)))
                      AND (SELECT COUNT(DISTINCT order_number) FROM shipment_keys AS o WHERE o.key = k.key) > 1
                    ORDER BY k.key
                    """, chunk.map { .text($0) }) { row in
                    keys[OrderNumber(try row.requiredText("order_number")), default: []].append(try row.requiredText("key"))
                }
            }
            return keys
        }
    }

    /// Changes (new values) or takes back (`delete`) the parcel `trackingNumber` of an order:
    /// here only while unreported; a reported one becomes 訂正待ち or 削除待ち, for
    /// 荷物番号の訂正・削除を送る（RMS）. Journalled, undoable until sent.
    public func changeParcel(
        of number: OrderNumber, trackingNumber: String, delete: Bool = false,
        carrier: Carrier? = nil, newNumber: String? = nil, shippedOn: CalendarDate? = nil
    ) throws -> Order {
        try saveParcelEdits(of: number) { order in
            if delete { return [.delete(trackingNumber: trackingNumber)] }
            let normalized = try newNumber.map { try TrackingNumber.normalized($0, carrier: carrier ?? order.parcels.first { $0.trackingNumber == trackingNumber }?.carrier) }
            return [.amend(trackingNumber: trackingNumber, carrier: carrier, newNumber: normalized, shippedOn: shippedOn)]
        }
    }
}

extension ShipmentTarget {
    /// A basket as `shipment_keys` names it.
    init(reading row: any StoredRowReading) throws {
        self.init(order: OrderNumber(try row.requiredText("order_number")), basketID: Int(try row.requiredInteger("basket_id")))
    }
}
