import OrderEngine
import Testing
import TestSupport

/// Totals as RMS defines them (rpay-api.md §4.3, §5): RMS's figures, recomputed only for the
/// operator's own unsent changes; unset stays unset and never goes to RMS.
@Suite("Totals as RMS gives them, and unset fees")
struct TotalsTests {
    /// A COD order with a coupon, points and a 後払い fee, as RMS totals it.
    func rmsOrder() -> Order {
        var order = OrderFixtures.order()
        order.fees = Fees(shipping: .yen(800), cashOnDelivery: .yen(330), paymentCharge: .zero)
        order.goodsPrice = .yen(5_000)
        order.couponTotal = 300
        order.pointsUsed = 1_500
        order.rmsAmounts = RMSAmounts(
            goods: .yen(5_000), postage: .yen(800), cashOnDelivery: .yen(330), paymentCharge: .zero,
            total: .yen(5_800), request: .yen(4_430), coupons: 300, points: 1_500, additionalFee: .yen(100))
        return order
    }

    @Test("合計金額, 総合計 and 請求金額 are RMS's figures while nothing is changed here")
    func rmsFigures() {
        let order = rmsOrder()
        #expect(order.totalsAreRMSs)
        #expect(order.totalPrice == .yen(5_800))
        // 総合計 as RMS's screen: 5,800 − 300 + 330 + 0 + 100.
        #expect(order.grandTotal == .yen(5_930))
        #expect(order.requestPrice == .yen(4_430))
        #expect(order.requestPriceDiscrepancy == nil, "5,930 − 1,500 is RMS's own 4,430")
    }

    @Test("a figure of RMS's that its own parts do not add up to is shown as a difference, never silently")
    func discrepancy() {
        var order = rmsOrder()
        order.rmsAmounts?.request = .yen(4_400)
        #expect(order.requestPrice == .yen(4_400))
        #expect(order.requestPriceDiscrepancy == 30)
    }

    @Test("a fee written here and not sent: totals recomputed from the desk's amounts, and the order is 未反映")
    func unsentFee() throws {
        let plan = try WriteFeeAction(.shipping, text: "1000").plan([rmsOrder()])
        let after = try #require(plan.changes.first?.after)
        #expect(after.pendingEdit != nil, "入力内容を反映する will send it")
        #expect(!after.totalsAreRMSs)
        #expect(after.totalPrice == .yen(6_000))
        #expect(after.requestPrice == .yen(6_000 - 300 + 330 + 100 - 1_500))
        #expect(try WriteFeeAction(.shipping, text: "800").plan([rmsOrder()]).skips.first?.reason == .noChange)
    }

    @Test("confirm reads the fee RMS holds: one typed here and not pushed does not make the order confirmable")
    func confirmReadsRMSFee() {
        var order = rmsOrder()
        order.rmsAmounts?.postage = .unset
        order.pendingEdit = PendingEdit()
        #expect(ConfirmAction().plan([order]).skips.first?.reason == .shippingFeeNotInRMS)
        order.fees.shipping = .unset
        #expect(ConfirmAction().plan([order]).skips.first?.reason == .shippingFeeUnset)
    }

    @Test("an unset fee is never pushed, and a fee RMS holds cannot be saved blank")
    func unsetNeverSent() {
        var order = rmsOrder()
        order.fees.shipping = .unset
        order.pendingEdit = PendingEdit()
        #expect(PushEditAction().plan([order]).skips.first?.reason == .unsetFeeNotSent("送料"))
        var edit = OrderEdit(of: rmsOrder())
        edit.fees.shipping = .unset
        #expect(edit.problems(for: rmsOrder()).contains { $0.contains("送料を空にはできません") })
    }

    @Test("points are written as amounts are, grouped by thousands")
    func pointsFormat() {
        #expect(Money.groupedPoints(-1_500) == "-1,500pt")
        #expect(Money.groupedYen(-1_234_567) == "-1,234,567円")
    }
}
