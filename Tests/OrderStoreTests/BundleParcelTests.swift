import Foundation
import GRDB
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

/// A bundle (同梱) is one parcel: one shipment key for its baskets, its number on every member.
@Suite("A bundle as one parcel in the store: keys, numbers, partners")
struct BundleParcelTests {
    let directory = TemporaryDirectory()

    /// Two confirmed orders of one buyer bundled, and a third alone.
    func store() throws -> (OrderStore, [Order]) {
        let bundle = BundleID("B-1")
        var orders = (1...3).map { OrderFixtures.confirmed($0) }
        orders[0].bundleID = bundle
        orders[1].bundleID = bundle
        let store = try OrderStore(path: directory.file("bundle.sqlite"), operatorName: "suzuki")
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        return (store, orders)
    }

    static func target(_ order: Order) -> ShipmentTarget { ShipmentTarget(order: order.number, basketID: order.packages[0].basketID) }

    @Test("a number typed for one member lands on every member's basket in one batch the undo takes back; a member that has it already is left")
    func numbersOnEveryMember() throws {
        let (store, orders) = try store()
        let number = ShippingNumbers.valid(5)
        _ = try store.addParcel(to: orders[0].number, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: number, shippedOn: CalendarDate(year: 2026, month: 12, day: 4)!)
        let after = try store.orders(orders.map(\.number))
        #expect(after[0].parcels.map(\.trackingNumber) == [number] && after[1].parcels.map(\.trackingNumber) == [number])
        #expect(after[1].parcels[0].basketID == orders[1].packages[0].basketID)
        #expect(after[2].parcels.isEmpty, "the order outside the bundle is not touched")
        let batch = try #require(try store.undoableBatches(limit: 1).first)
        #expect(batch.orderCount == 2)
        _ = try store.undo(batch: batch.batchID)
        #expect(try store.orders(orders.map(\.number)).allSatisfy(\.parcels.isEmpty))

        // A member that has the number already (read from a file before): only the other gets it.
        _ = try store.addParcels([(orders[1].number, after[1].parcels[0])], previewed: [orders[1].number: []])
        _ = try store.addParcel(to: orders[0].number, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: number, shippedOn: CalendarDate(year: 2026, month: 12, day: 4)!)
        #expect(try store.orders(orders.map(\.number)).prefix(2).allSatisfy { $0.parcels.map(\.trackingNumber) == [number] })
        directory.remove()
    }

    @Test("a bundle's parcel gets one key naming both baskets, the same one again; one basket labelled alone keeps its own; partners come with any member")
    func keys() throws {
        let (store, orders) = try store()
        let pair = [Self.target(orders[0]), Self.target(orders[1])]
        let keys = try store.shipmentKeys(for: [pair, [Self.target(orders[2])]])
        #expect(keys.count == 2 && keys[0] != keys[1])
        #expect(try store.shipmentKeys(for: [pair.reversed()]) == [keys[0]], "the same baskets, the same key")
        let alone = try store.shipmentKeys(for: [[Self.target(orders[0])]])
        #expect(alone[0] != keys[0], "labelled alone: a label of its own")
        #expect(try store.shipmentKeyTargets([keys[0]])[keys[0]].map(Set.init) == Set(pair))
        #expect(try store.bundleLabelKeys(of: [orders[0].number]) == [orders[0].number: [keys[0]]])
        #expect(try store.withBundlePartners([orders[1].number, orders[2].number]) == [orders[1].number, orders[2].number, orders[0].number])
        directory.remove()
    }

    @Test("unbundling a bundle whose label is out says so in the preview; the grid's row carries the bundle's 請求金額")
    func unbundleCaution() throws {
        let (store, orders) = try store()
        _ = try store.shipmentKeys(for: [[Self.target(orders[0]), Self.target(orders[1])]])
        let action = UnbundleAction(labelKeys: try store.bundleLabelKeys(of: orders.map(\.number)))
        let plan = action.plan(try store.orders(try store.withBundlePartners([orders[0].number])))
        #expect(plan.changes.count == 2 && plan.cautions.count == 2)
        #expect(plan.cautions.allSatisfy { $0.text.contains("送り状データを書き出し済み") })
        let rows = try store.page(GridFilter(), limit: 10)
        let sum = orders[0].requestPrice + orders[1].requestPrice
        #expect(rows.filter(\.isBundled).allSatisfy { $0.bundleRequestPrice == sum })
        #expect(rows.filter { !$0.isBundled }.allSatisfy { $0.bundleRequestPrice == nil })
        #expect(try store.bundleMembers(BundleID("B-1")).map(\.number) == [orders[0].number, orders[1].number])
        directory.remove()
    }
}
