import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// Every order RMS sends lands: one with a field that cannot be read is kept with RMS's bytes,
/// flagged 要確認 with the key path, refused by what needs that field, and the others are unaffected.
@Suite("An order RMS sends with an odd field is kept, not dropped")
struct UnreadableOrderTests {
    let directory = TemporaryDirectory()

    /// Three generated orders in one answer; the second loses `key` (or gets `replacement` for it).
    func answer(dropping key: String, replacement: String? = nil) throws -> (models: [OrderModel], body: [UInt8]) {
        var generator = OrderGenerator(seed: 31, settings: .init(shopID: "398211"))
        var models = generator.orders(count: 3, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        for index in models.indices { models[index].postagePrice = 800 }
        models = models.map { var model = $0; model.recomputeTotals(); return model }
        var text = String(decoding: try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: models, version: 10)), as: UTF8.self)
        let second = try #require(text.range(of: "\"orderNumber\":\"\(models[1].orderNumber)\""))
        let field = try #require(text.range(of: "\"\(key)\":[^,}]*,?", options: .regularExpression, range: second.upperBound..<text.endIndex))
        text.replaceSubrange(field, with: replacement.map { "\"\(key)\":\($0)," } ?? "")
        return (models, Array(text.utf8))
    }

    @Test("a missing key: the order is stored with RMS's bytes, 要確認 and the key path; confirm goes on, a push is refused")
    func missingKey() throws {
        defer { directory.remove() }
        let (models, body) = try answer(dropping: "paymentCharge")
        let fetched = try RakutenPayClient.fetchedOrders(fromBody: body)
        #expect(fetched.orders.count == 2 && fetched.failures.count == 1)
        let store = try OrderStore(path: directory.file("odd.sqlite"))
        let summary = try store.importOrders(OrderImport.incoming(fetched, localStatus: .newOrder))
        #expect(summary.inserted == 3, "no order is dropped")

        let number = OrderNumber(models[1].orderNumber)
        let odd = try #require(try store.order(number))
        #expect(odd.readProblem?.keyPath == "paymentCharge")
        #expect(odd.flags.contains(Order.needsCheckFlag))
        #expect(odd.fees.shipping == .yen(800) && odd.fees.paymentCharge.isUnset)
        #expect(odd.orderer.familyName == models[1].ordererModel.familyName)
        let raw = try #require(try store.rawJSON(of: number))
        #expect(String(decoding: body, as: UTF8.self).contains(String(decoding: raw, as: UTF8.self)), "RMS's exact bytes are kept")
        let row = try #require(try store.rows([number])[number])
        #expect(row.readProblem?.contains("paymentCharge") == true)
        #expect(try store.count(GridFilter(localStatus: .newOrder, search: "チェック:要確認")) == 1)

        // What needs the field refuses it; what does not goes on.
        #expect(ConfirmAction().plan([odd]).changes.count == 1, "confirmOrder needs no paymentCharge")
        var edited = odd
        edited.pendingEdit = PendingEdit()
        #expect(PushEditAction().plan([edited]).skips.first?.reason == .unreadable(ReadProblem(keyPath: "paymentCharge", problem: "必須の項目がありません")))
        #expect(!OrderEdit(of: odd).problems(for: odd).isEmpty)

        // RMS later sends it whole: it becomes an order like any other, the shop's flag kept.
        try store.recordRMSCopies([OrderStore.RMSCopy(model: models[1], rawJSON: Array(try OrderedJSONEncoder().encode(models[1])))], action: .action(.refreshRMSStatus))
        let healed = try #require(try store.order(number))
        #expect(healed.readProblem == nil && healed.fees.paymentCharge == Money(rakuten: models[1].paymentCharge))
        #expect(healed.packages.count == models[1].packageModelList.count && healed.totalsAreRMSs)
        #expect(try store.rows([number])[number]?.readProblem == nil)
    }

    @Test("a field that blocks confirming (orderProgress of the wrong type) makes confirm refuse with the path")
    func confirmFieldUnreadable() throws {
        let (models, body) = try answer(dropping: "orderProgress", replacement: "\"百\"")
        let fetched = try RakutenPayClient.fetchedOrders(fromBody: body)
        let incoming = OrderImport.incoming(fetched, localStatus: .newOrder)
        #expect(incoming.count == 3)
        let odd = try #require(incoming.first { $0.order.number.rawValue == models[1].orderNumber }?.order)
        #expect(odd.readProblem?.keyPath == "orderProgress")
        guard case .unreadable? = ConfirmAction().plan([odd]).skips.first?.reason else {
            Issue.record("confirm must refuse an order whose status cannot be read")
            return
        }
    }
}
