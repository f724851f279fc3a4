import Foundation
import OrderEngine
import OrderStore
import TestSupport
import ShopSettings
@testable import TerminalUI

/// Desk states built from hand-made rows, for drawing and key tests without a terminal.
enum DeskFixtures {
    static let names = ["佐藤 翔太", "林 彩", "勅使河原 龍之介之介之介之介之介之介", "Smith John", "ｻﾄｳ ﾊﾅｺ", "長谷川 明日香"]

    static func row(_ index: Int, bundled: Bool = false, unsetFee: Bool = false, sync: SyncState = .notSent) -> OrderRow {
        let order = OrderFixtures.order(index + 1)
        return OrderRow(
            number: order.number, orderedAt: order.orderedAt, ordererName: names[index % names.count],
            ordererKana: "", grandTotal: unsetFee ? .unset : .yen(3980 + index * 1000),
            shippingFee: unsetFee ? .unset : .yen(800), rmsProgress: .awaitingConfirmation, localStatus: .newOrder,
            sync: sync, paymentMethod: index % 2 == 0 ? "クレジットカード" : "代金引換",
            bundleID: bundled ? BundleID("B-1") : nil, isRakutenAPI: true)
    }

    static func state(rows: [OrderRow]) -> DeskState {
        var state = DeskState(shopID: "398211", operatorName: "yamada", keymap: .standard)
        _ = state.apply(.rowsLoaded(rows, hasMore: false, total: rows.count, counts: [.newOrder: rows.count], appended: false))
        return state
    }

    static let theme = Theme(colored: true, glyphs: .unicode)
    /// The day the panel's actions are planned on in these tests.
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    /// The standard panel's row of `kind`.
    static func item(_ kind: ActionID) -> PanelItem {
        PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags).first { $0.kind == kind }!
    }
}
