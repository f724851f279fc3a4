import OrderEngine
import OrderStore

/// The grid's columns for a width: the full order number, the date, and the payment method when
/// there is room; the number without the shop id and no date when there is not. The orderer
/// column takes what is left.
struct GridColumns: Equatable {
    enum Column: Equatable {
        case mark, number, orderedAt, orderer, total, rmsProgress, sync, notes, payment
    }

    struct Placed: Equatable {
        let column: Column
        let x: Int
        let width: Int
        let title: String
        let alignment: TextAlignment
    }

    let placed: [Placed]
    let shortNumbers: Bool

    static let gap = 1
    /// The checkbox column; the gap after it holds the cursor marker.
    static let markWidth = 3

    init(width: Int) {
        var numberWidth = 26
        var showDate = true
        var rmsWidth = 14
        var showPayment = false
        func required(_ ordererWidth: Int) -> Int {
            var columns = [Self.markWidth, numberWidth] + (showDate ? [11] : []) + [ordererWidth, 10, rmsWidth, 10, 10]
            if showPayment { columns.append(16) }
            return columns.reduce(0, +) + (columns.count - 1) * Self.gap
        }
        // Narrowing, in the order that loses least: the shop id (the same on every row), the date
        // (the detail pane has it), two cells of the RMS label (only キャンセル確定 needs them).
        if required(10) > width { numberWidth = 19 }
        if required(10) > width { showDate = false }
        if required(10) > width { rmsWidth = 12 }
        if required(20) + 16 + Self.gap <= width { showPayment = true }
        let ordererWidth = max(4, min(24, width - required(0)))
        shortNumbers = numberWidth < 26

        var list: [(Column, Int, String, TextAlignment)] = [
            (.mark, Self.markWidth, "", .leading), (.number, numberWidth, "受注番号", .leading),
        ]
        if showDate { list.append((.orderedAt, 11, "注文日時", .leading)) }
        list.append((.orderer, ordererWidth, "注文者", .leading))
        list.append((.total, 10, "合計金額", .trailing))
        list.append((.rmsProgress, rmsWidth, rmsWidth >= 13 ? "RMSステータス" : "RMS状態", .leading))
        list.append((.sync, 10, "連携", .leading))
        list.append((.notes, 10, "注意", .leading))
        if showPayment { list.append((.payment, 16, "支払方法", .leading)) }
        var x = 0
        var placed: [Placed] = []
        for (column, w, title, alignment) in list {
            placed.append(Placed(column: column, x: x, width: w, title: title, alignment: alignment))
            x += w + Self.gap
        }
        self.placed = placed
    }
}
