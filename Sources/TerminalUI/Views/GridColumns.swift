import OrderEngine
import OrderStore
import ShopSettings

/// The grid's columns laid out for a width: the shop's choice, in its order (config.toml), made
/// to fit. When the width is short, the shop id leaves the order number, two cells leave the RMS
/// label (only キャンセル確定 needs them), and whole columns leave, those that matter least first;
/// the order's identity stays. The orderer's name takes what is left, and gives way last: before it
/// has fewer than 12 cells (a family and a given name of three kanji each) the 注意 column leaves
/// (the detail lists the cursor order's badges), and a name cut ends in 「…」.
struct GridColumns: Equatable {
    struct Placed: Equatable {
        let column: GridColumn
        let x: Int
        let width: Int
        let title: String
        let alignment: TextAlignment
    }

    /// Column 0 is the checkbox; these follow it.
    let placed: [Placed]
    let shortNumbers: Bool

    static let gap = 1
    /// The cells a name keeps before the 注意 column leaves: 「長谷川 一郎」 whole.
    static let nameMinimum = 12
    /// The checkbox column; the gap after it holds the cursor marker.
    static let markWidth = 3

    /// `notesInUse`: whether any row has something for the 注意 column; an empty one leaves before
    /// the names are cut. `bundlesInUse`: whether any row is bundled; without, 同梱計 is not shown.
    init(width: Int, chosen: [GridColumn] = GridColumn.defaults, notesInUse: Bool = true, bundlesInUse: Bool = true) {
        var shown = bundlesInUse ? chosen : chosen.filter { $0 != .bundleTotal }
        var numberWidth = 26
        var rmsWidth = 14
        var notesWidth = GridColumn.notes.width
        let names: Set<GridColumn> = [.orderer, .ordererKana]
        func cells(of column: GridColumn, nameWidth: Int) -> Int {
            switch column {
            case .number: numberWidth
            case .rmsProgress: rmsWidth
            case .notes: notesWidth
            case .orderer, .ordererKana: nameWidth
            default: column.width
            }
        }
        func required(_ nameWidth: Int) -> Int {
            let widths = [Self.markWidth] + shown.map { cells(of: $0, nameWidth: nameWidth) }
            return widths.reduce(0, +) + (widths.count - 1) * Self.gap
        }
        func dropWhile(_ tooWide: () -> Bool, from leaving: [GridColumn]) {
            while tooWide(), let column = leaving.first(where: shown.contains) { shown.removeAll { $0 == column } }
        }
        // Columns shown when there is room leave before a name gets less than 20 cells; then the
        // narrowing that loses least; whole columns only when it is not enough.
        dropWhile({ required(20) > width }, from: [.payment, .slips, .subStatus, .delivery, .ordererKana])
        if !notesInUse { dropWhile({ required(12) > width }, from: [.notes]) }
        if required(10) > width { numberWidth = 19 }
        dropWhile({ required(10) > width }, from: [.shippingFee, .localStatus, .deliveryWish, .orderedAt, .bundleTotal])
        if required(10) > width { rmsWidth = 12 }
        // Two badges fit in 10 cells; the detail lists them all.
        if required(10) > width { notesWidth = 10 }
        dropWhile({ required(Self.nameMinimum) > width }, from: [.notes])
        dropWhile({ required(4) > width }, from: [.marks, .total, .rmsProgress])
        let nameCount = shown.filter(names.contains).count
        let nameWidth = nameCount == 0 ? 0 : max(4, min(24, (width - required(0)) / nameCount))
        shortNumbers = numberWidth < 26

        var x = Self.markWidth + Self.gap
        var placed: [Placed] = []
        for column in shown {
            let w = cells(of: column, nameWidth: nameWidth)
            let title = column == .rmsProgress && w < 13 ? "RMS状態" : column.title
            placed.append(Placed(column: column, x: x, width: w, title: title, alignment: column.alignment))
            x += w + Self.gap
        }
        self.placed = placed
    }
}
