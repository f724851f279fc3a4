import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Sync: what RMS changed on its own is shown as 差分あり, never laid over silently")
struct RMSDifferenceTests {
    @Test("a fee changed in RMS and an order Rakuten cancelled are differences until accepted; our own pushed edit is none")
    func differences() async throws {
        let fetched = try await FetchedSandbox.start(orders: 30)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let rows = try fetched.editableRows()
        try #require(rows.count >= 3)
        let (changed, cancelled, edited) = (rows[0].number, rows[1].number, rows[2].number)
        let before = try #require(try store.order(changed))
        let oldShipping = try #require(before.fees.shipping.yen)

        // Someone changes the shipping fee in RMS itself; Rakuten cancels another order.
        guard let model = await sandbox.server.order(changed.rawValue) else { throw StoreError("no order in the sandbox") }
        var request = UpdateOrderSenderRequest(unchanged: model)
        request.packageModelList[0].postagePrice = oldShipping + 500
        #expect(try await sandbox.client.updateOrderSender(request).errors.isEmpty)
        #expect(await sandbox.server.setProgress(cancelled.rawValue, to: 900))
        // And the shop pushes an edit of a third one.
        let third = try #require(try store.order(edited))
        var edit = OrderEdit(of: third)
        edit.fees.shipping = .yen((third.fees.shipping.yen ?? 0) + 200)
        #expect(try store.save(edit, editing: third).isEmpty)
        #expect(try await service.run(.pushEdit, on: [edited]).lines.map(\.ok) == [true])

        // The worker's slow round reads every open order again.
        #expect(try await service.watchOpenOrders() >= rows.count)
        let differing = try #require(try store.order(changed))
        #expect(differing.fees.shipping == .yen(oldShipping), "the shop's fee is not overwritten")
        let field = try #require(differing.rmsDifference?.fields.first { $0.label == "送料" })
        #expect(field.ours == Money.yen(oldShipping).description && field.rms == Money.yen(oldShipping + 500).description)
        let gone = try #require(try store.order(cancelled))
        #expect(gone.rmsProgress == .cancelled, "RMS's status is RMS's")
        #expect(gone.rmsDifference?.cancelledInRMS == true)
        #expect(gone.localStatus == .newOrder)
        #expect(try store.order(edited)?.rmsDifference == nil, "RMS holding what the shop pushed is no difference")
        let badges = try store.page(GridFilter(localStatus: .newOrder), limit: 100).filter(\.hasRMSDifference).map(\.number)
        #expect(Set(badges) == [changed, cancelled])

        // Read again: still there, still not laid over.
        try await service.refreshRMSStatus([changed])
        #expect(try store.order(changed)?.rmsDifference != nil)
        #expect(try store.order(changed)?.fees.shipping == .yen(oldShipping))

        let accepted = try store.apply(AcceptRMSChangesAction(), to: [changed, cancelled, edited])
        #expect(accepted.plan.changes.count == 2)
        #expect(accepted.plan.skips.map(\.reason) == [.noRMSDifference])
        let now = try #require(try store.order(changed))
        #expect(now.fees.shipping == .yen(oldShipping + 500) && now.rmsDifference == nil)
        let row = try #require(try store.page(GridFilter(localStatus: .newOrder), limit: 100).first { $0.number == changed })
        #expect(row.grandTotal == now.grandTotal, "the grid's total follows")
        let kept = try JSONIndexDecoder().decode(OrderModel.self, from: try #require(try store.rawJSON(of: changed)))
        #expect(kept.packageModelList[0].postagePrice == oldShipping + 500, "RMS's copy is the one kept from now on")
        #expect(try store.order(cancelled)?.localStatus == .cancelled)
        let journal = try store.journal(of: changed).filter { $0.action == "accept-rms" }
        #expect(journal.map(\.field).contains("送料"))

        // Nothing differs any more.
        try await service.refreshRMSStatus([changed, cancelled])
        #expect(try store.orders([changed, cancelled]).allSatisfy { $0.rmsDifference == nil })
        await fetched.stop()
    }
}
