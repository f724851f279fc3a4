import Synchronization
import Foundation
import GRDB
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore

@Suite("Migrations")
struct MigrationTests {
    let directory = TemporaryDirectory()

    /// A file as version 1 of the schema wrote it, with `count` fetched orders in various states.
    func versionOneFile(count: Int) throws -> (path: String, orders: [Order]) {
        let path = directory.file("v1.sqlite")
        // Made as a store makes its file: others cannot read it.
        try FileAccess.ownerOnly.createFile(path)
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1-orders-journal-outbox")
        var generator = OrderGenerator(seed: 5, settings: .init(shopID: "398211"))
        let models = generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var orders: [Order] = []
        try queue.write { db in
            for (index, model) in models.enumerated() {
                var order = Order(rakuten: model, localStatus: index % 3 == 0 ? .awaitingPayment : .newOrder)
                if index % 5 == 0 {
                    order.sync = .rakutenDone
                    order.confirmedAt = Date(timeIntervalSince1970: 1_795_001_000)
                    order.rmsProgress = .awaitingShipment
                }
                if index % 7 == 0 { order.sync = .failed(.qpsLimit, detail: "429") }
                if index == 4 { order.bundleID = BundleID("B-1") }
                let document = try JSONEncoder().encode(order)
                let columns: [(any DatabaseValueConvertible)?] = [
                    order.number.rawValue, "rakutenAPI", Int64(order.orderedAt.timeIntervalSince1970), order.localStatus.name,
                    order.rmsProgress.code, OrderColumns(order: order).syncKey, OrderColumns(order: order).syncError,
                    OrderColumns(order: order).syncDetail, order.orderer.fullName, order.orderer.fullNameKana, order.orderer.phoneNumber,
                    order.grandTotal.yen, order.fees.shipping.yen, order.payment.methodName, order.bundleID?.rawValue, "",
                    document, try JSONEncoder().encode(model), 1_795_000_000, 1_795_000_000,
                ]
                try db.execute(sql: """
                    INSERT INTO orders (order_number, origin, ordered_at, local_status, rms_progress, sync_state, sync_error, sync_detail,
                        orderer_name, orderer_kana, orderer_phone, grand_total, shipping_fee, payment_method, bundle_id, item_names,
                        document, raw_json, imported_at, updated_at)
                    VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))
                    """, arguments: StatementArguments(columns.map { $0?.databaseValue ?? .null }))
                orders.append(order)
            }
        }
        return (path, orders)
    }

    @Test("a document of a hand order written before amounts were one value each (the nested form) reads as it did, and is written in the new form when it changes")
    func documentsOfTheEarlierForm() throws {
        let earlier = #"{"cashOnDelivery":{"unset":{}},"paymentCharge":{"yen":{"_0":0}},"shipping":{"yen":{"_0":800}}}"#
        let fees = Fees(shipping: .yen(800), cashOnDelivery: .unset, paymentCharge: .zero)
        #expect(try JSONIndexDecoder().decode(Fees.self, from: Array(earlier.utf8)) == fees)
        #expect(try JSONIndexDecoder().decode(Fees.self, from: Array(#"{"cashOnDelivery":"unset","paymentCharge":0,"shipping":800}"#.utf8)) == fees)
        // A whole stored document of the earlier form, as the store reads it.
        let order = OrderFixtures.order(origin: .enteredByHand(.phone))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(order), as: UTF8.self)
            .replacingOccurrences(of: #""unset""#, with: #"{"unset":{}}"#)
        // The amounts of the fees and the goods written as the earlier form nested them.
        var legacy = text
        for key in ["shipping", "cashOnDelivery", "paymentCharge", "goodsPrice"] {
            legacy = legacy.replacingOccurrences(of: "\"\(key)\":", with: "\"\(key)\":§")
        }
        legacy = legacy
            .replacingOccurrences(of: #"§\{"unset":\{\}\}"#, with: #"{"unset":{}}"#, options: .regularExpression)
            .replacingOccurrences(of: #"§(-?[0-9]+)"#, with: #"{"yen":{"_0":$1}}"#, options: .regularExpression)
        #expect(legacy.contains(#""shipping":{"yen":{"_0":"#), "\(legacy)")
        #expect(try JSONIndexDecoder().decode(Order.self, from: Array(legacy.utf8)) == order)
    }

    @Test("a file of schema version 1 keeps every order, with its state, through every later version")
    func fromVersionOne() throws {
        let (path, orders) = try versionOneFile(count: 120)
        let store = try OrderStore(path: path)
        let read = try store.orders(orders.map(\.number))
        #expect(read.count == orders.count)
        #expect(read == orders, "every field of every order survives the migration")
        // Version 10's columns are filled from each order's content.
        let rows = try store.rows(orders.map(\.number))
        #expect(orders.allSatisfy { rows[$0.number]?.delivery.marks == $0.handlingMarks && rows[$0.number]?.delivery.method == $0.delivery?.method })
        #expect(orders.contains { !$0.handlingMarks.isEmpty })
        #expect(try store.countsByStatus()[.awaitingPayment] == orders.filter { $0.localStatus == .awaitingPayment }.count)
        #expect(try store.page(GridFilter(search: orders[9].orderer.familyName + orders[9].orderer.firstName), limit: 500)
            .contains { $0.number == orders[9].number })
        // Version 6 indexes the tails of numbers apart: those of orders written by version 1 too.
        let phoneTail = String(orders[11].orderer.phoneNumber.filter(\.isNumber).suffix(4))
        #expect(try store.page(GridFilter(search: phoneTail), limit: 500).contains { $0.number == orders[11].number })
        #expect(try store.page(GridFilter(search: String(orders[12].number.rawValue.suffix(7))), limit: 500).map(\.number) == [orders[12].number])
        directory.remove()
    }

    @Test("statuses written by their names before version 23 read as the same statuses, are kept by their ids after it, and an old batch still undoes")
    func statusIDs() throws {
        let path = directory.file("names.sqlite")
        var orders = (1...6).map { OrderFixtures.order($0) }
        orders[5].localStatus = LocalStatus("店舗確認")  // the shop's own status: its name is its id
        do {
            let store = try OrderStore(path: path)
            try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
            _ = try store.apply(ChangeStatusAction(to: .awaitingPayment), to: orders.prefix(4).map(\.number))
        }
        // The file as a version before ids left it: names in the orders, the counts and the journal.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for status in LocalStatus.known {
                try db.execute(sql: "UPDATE orders SET local_status = ? WHERE local_status = ?", arguments: [status.name, status.id])
                try db.execute(sql: "UPDATE status_counts SET local_status = ? WHERE local_status = ?", arguments: [status.name, status.id])
                try db.execute(sql: "UPDATE journal SET before_value = ? WHERE before_value = ?", arguments: ["t:" + status.name, "t:" + status.id])
                try db.execute(sql: "UPDATE journal SET after_value = ? WHERE after_value = ?", arguments: ["t:" + status.name, "t:" + status.id])
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE after_value = 't:入金待ち'") == 4, "the journal as names wrote it")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v23-status-ids'")
        }
        try queue.close()
        let store = try OrderStore(path: path)
        let stored = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT DISTINCT local_status FROM orders ORDER BY 1") }
        #expect(stored == ["awaiting-payment", "new-order", "店舗確認"], "kept by ids; the shop's own by its name")
        #expect(try store.countsByStatus() == [.awaitingPayment: 4, .newOrder: 1, LocalStatus("店舗確認"): 1])
        #expect(try store.page(GridFilter(localStatus: .awaitingPayment), limit: 10).count == 4)
        let history = try store.journal(of: orders[0].number)
        #expect(history.contains { $0.field == "受注ステータス" && $0.before == "新規受付" && $0.after == "入金待ち" })
        let batch = try #require(try store.undoableBatches(limit: 1).first)
        #expect(Set(try store.undo(batch: batch.batchID).restored) == Set(orders.prefix(4).map(\.number)), "an old batch, written with names, undoes")
        #expect(try store.orders(orders.prefix(4).map(\.number)).allSatisfy { $0.localStatus == .newOrder })
        #expect(try store.countsByStatus()[.newOrder] == 5)
    }

    @Test("processes opening a new file at the same moment (a desk and the worker) all find it migrated, none fails")
    func concurrentOpen() throws {
        for round in 0..<5 {
            let directory = TemporaryDirectory()
            let path = directory.file("race-\(round).sqlite")
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    _ = try OrderStore(path: path).countsByStatus()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
            directory.remove()
        }
    }

    @Test("a migration that fails names itself and leaves the file as the previous version left it")
    func failedMigration() throws {
        let (path, orders) = try versionOneFile(count: 10)
        // Something else already took the name version 2 needs.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE status_counts (x)") }
        #expect { try OrderStore(path: path) } throws: { error in
            "\(error)".contains("v2-content-from-raw-json-search-counts") && "\(error)".contains("その前の状態のまま")
        }
        let count = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE document IS NOT NULL AND item_names IS NOT NULL")
        }
        #expect(count == orders.count, "version 1's table is untouched")
        directory.remove()
    }
}
