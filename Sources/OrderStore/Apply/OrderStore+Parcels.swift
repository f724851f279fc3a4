import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Adds a parcel to an order (荷物番号 by hand), journalled and undoable until it is reported.
    /// `basketID` nil: the order's only basket. Refused, with the reason, as ``Order/addingParcel(_:)`` says.
    public func addParcel(
        to number: OrderNumber, basketID: Int?, carrier: Carrier, trackingNumber: String, shippedOn: CalendarDate
    ) throws -> Order {
        try writeTransaction("荷物番号の保存") { db in
            guard let order = try Self.load([number], in: db).first else { throw StoreError("注文 \(number) はありません") }
            let normalized = try TrackingNumber.normalized(trackingNumber, carrier: carrier)
            let parcel = Parcel(basketID: try basketID ?? order.onlyBasket(), carrier: carrier, trackingNumber: normalized, shippedOn: shippedOn)
            let after = try order.addingParcel(parcel)
            let batchID = UUID().uuidString.lowercased()
            try Self.write(after, from: order, in: db, at: now())
            try Self.journal(order.changes(to: after), of: number, batchID: batchID, action: .setParcels, undoable: true,
                             operatorName: operatorName, at: now(), in: db)
            try recordDesk(of: batchID, in: db)
            return after
        }
    }
}

extension OrderStore {
    /// Adds parcels read from a carrier's file, all in one batch (undoable at once until reported).
    /// A parcel the order can no longer take (another desk entered the number meanwhile) is left
    /// out and named. Returns the batch and what was left out.
    public func addParcels(_ additions: [(order: OrderNumber, parcel: Parcel)]) throws -> (batchID: String, leftOut: [(OrderNumber, String)]) {
        try writeTransaction("荷物番号の取り込み") { db in
            let batchID = UUID().uuidString.lowercased()
            var leftOut: [(OrderNumber, String)] = []
            let grouped = Dictionary(grouping: additions, by: \.order)
            for before in try Self.load(Array(grouped.keys), in: db) {
                var after = before
                for addition in grouped[before.number] ?? [] {
                    do throws(ActionInputError) {
                        after = try after.addingParcel(addition.parcel)
                    } catch {
                        leftOut.append((before.number, error.description))
                    }
                }
                let changes = before.changes(to: after)
                guard !changes.isEmpty else { continue }
                try Self.write(after, from: before, in: db, at: now())
                try Self.journal(changes, of: before.number, batchID: batchID, action: .setParcels, undoable: true,
                                 operatorName: operatorName, at: now(), in: db)
            }
            try recordDesk(of: batchID, in: db)
            return (batchID, leftOut)
        }
    }

    /// The shipment key of each order's basket: the one it was given before, or a new one —
    /// `J` + the day (yymmdd) + a sequence of the day: 13 ASCII characters, within every carrier's
    /// management-number field (a Rakuten order number is 24–26).
    public func shipmentKeys(for baskets: [(order: OrderNumber, basketID: Int)]) throws -> [String] {
        try writeTransaction("出荷キーの記録") { db in
            let date = now()
            let day = JapanTime(date)
            let prefix = String(format: "J%02d%02d%02d", day.year % 100, day.month, day.day)
            var next = (try String.fetchOne(db, sql: "SELECT MAX(key) FROM shipment_keys WHERE key >= ? AND key < ?",
                                            arguments: [prefix, prefix + "~"])
                .flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
            var keys: [String] = []
            for (order, basket) in baskets {
                if let known = try String.fetchOne(db, sql: "SELECT key FROM shipment_keys WHERE order_number = ? AND basket_id = ?",
                                                   arguments: [order.rawValue, basket]) {
                    keys.append(known)
                    continue
                }
                let key = prefix + String(format: "%06d", next)
                next += 1
                try db.execute(sql: "INSERT INTO shipment_keys (key, order_number, basket_id, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [key, order.rawValue, basket, Int64(date.timeIntervalSince1970)])
                keys.append(key)
            }
            return keys
        }
    }

    /// The order and basket of each known key among `keys`.
    public func shipmentKeyTargets(_ keys: [String]) throws -> [String: (OrderNumber, Int)] {
        try pool.read { db in
            var targets: [String: (OrderNumber, Int)] = [:]
            for chunk in keys.chunked(into: 500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT key, order_number, basket_id FROM shipment_keys WHERE key IN (\(marks))",
                                            arguments: StatementArguments(chunk)) {
                    targets[row["key"]] = (OrderNumber(row["order_number"]), row["basket_id"])
                }
            }
            return targets
        }
    }
}
