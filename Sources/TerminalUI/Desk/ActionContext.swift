import Foundation
import OrderEngine
import OrderSync
import ShippingFiles

/// What an action run from the panel needs besides the orders: the shop's settings as the desk
/// has them, and the moment it runs.
struct ActionContext: Sendable {
    let statuses: [LocalStatus]
    let statusAfterShipReport: LocalStatus?
    let labelSender: LabelSender?
    let labelDirectory: String
    let slipMaker: SlipMaker?
    let now: Date

    var today: CalendarDate { CalendarDate(japanDayOf: JapanTime(now)) }
}
