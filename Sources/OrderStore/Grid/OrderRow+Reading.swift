import Foundation
import GRDB
import OrderEngine

/// The grid's columns of one row (``OrderStore/rowColumns(_:)``, read by position: a lookup by name
/// for each column of two hundred rows cost more than the query), as each backend reads them.
public protocol GridRowReading {
    func text(_ index: Int) throws -> String?
    func integer(_ index: Int) throws -> Int64?
    /// A condition's value: SQLite's 0 or 1, PostgreSQL's boolean.
    func bool(_ index: Int) throws -> Bool
}

extension Row: GridRowReading {
    public func text(_ index: Int) -> String? { self[index] }
    public func integer(_ index: Int) -> Int64? { self[index] }
    public func bool(_ index: Int) -> Bool { self[index] }
}

extension OrderRow {
    /// The row `columns` read.
    public init(reading columns: some GridRowReading) throws {
        func money(_ index: Int) throws -> Money { try columns.integer(index).map { Money.yen(Int($0)) } ?? .unset }
        self.init(
            number: OrderNumber(try columns.text(0) ?? ""),
            orderedAt: Date(timeIntervalSince1970: TimeInterval(try columns.integer(1) ?? 0)),
            ordererName: try columns.text(2) ?? "",
            ordererKana: try columns.text(3) ?? "",
            grandTotal: try money(4),
            shippingFee: try money(5),
            rmsProgress: RMSProgress(code: Int(try columns.integer(6) ?? 0)),
            localStatus: LocalStatus(id: try columns.text(7) ?? ""),
            sync: SyncState(key: try columns.text(8) ?? "", error: try columns.text(9), detail: try columns.text(10)),
            paymentMethod: try columns.text(11) ?? "",
            bundleID: try columns.text(12).map(BundleID.init),
            isRakutenAPI: try columns.text(13) == "rakutenAPI",
            hasPendingEdit: try columns.bool(14), hasRMSDifference: try columns.bool(15),
            totalPrice: try money(16),
            requestPrice: try money(17),
            readProblem: try columns.text(18))
        delivery = OrderRow.Delivery(
            method: try columns.text(19), date: try columns.text(20).flatMap { CalendarDate(parsing: $0) },
            timeSlot: try columns.integer(21).map { Int($0) }, subStatus: try columns.text(22),
            marks: (try columns.text(23) ?? "").split(separator: "\t").map(String.init))
        // A kind a newer version wrote is left out rather than misnamed.
        printedSlips = (try columns.text(24) ?? "").split(separator: "\t").compactMap { SlipKind(rawValue: String($0)) }
        // A bundle's sum is unset as soon as one member's 請求金額 is.
        if bundleID != nil { bundleRequestPrice = try money(25) }
        isBundleCandidate = try columns.bool(26)
        // The marks that ask the operator to look (住所要確認, 再発行が必要), for the grid's 注意.
        let flags = OrderColumns.flags(try columns.text(27) ?? "")
        attention = [OrderFlag.addressCheck, OrderFlag.reissue].filter(flags.contains)
    }
}
