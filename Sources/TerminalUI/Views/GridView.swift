import OrderEngine
import OrderStore
import ShopSettings

/// Draws the order grid: a checkbox column, the order, its RMS progress label and sync badge,
/// and warnings (同梱, 送料未設定). Every cell is cut to its column by display width.
struct GridView {
    let state: DeskState
    let theme: Theme
    /// The last frame's rows, copied when unchanged.
    let cache: GridLineCache

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        let focused = state.focus == .grid
        let position = state.grid.rows.isEmpty ? "0件" : "\(state.grid.cursor + 1)/\(state.grid.total)件"
        let title = state.paneTitle("受注一覧 \(state.tabName)", .grid)
        screen.box(rect, title: title, theme: theme, focused: focused)
        // The position changes with every step: plain, so that a step rewrites a digit or two
        // without switching colours.
        screen.put("\(position) ", x: rect.x + 2 + title.displayWidth + 2, y: rect.y, limit: rect.maxX - 2)
        let inner = rect.inner
        guard inner.height >= 2, inner.width > 10 else { return }
        // On a narrow terminal a 注意 column with nothing to say on screen leaves before names are cut.
        // 同梱計 only while a bundled order is on screen.
        let columns = GridColumns(
            width: inner.width, chosen: state.columns, notesInUse: state.grid.shownRows.contains(where: \.hasNotes),
            bundlesInUse: state.grid.shownRows.contains(where: \.isBundled))
        for column in columns.placed {
            put(column.title, in: column, x: inner.x, y: inner.y, limit: inner.maxX, style: theme.header, into: &screen)
        }
        let grid = state.grid
        if grid.rows.isEmpty {
            let empty =
                state.searching ? "検索中…" : state.search == nil ? "この受注ステータスの注文はありません" : "検索に一致する注文はありません"
            screen.put(empty, x: inner.x + 2, y: inner.y + 2, style: theme.muted, limit: inner.maxX)
            return
        }
        let marks = state.markSet
        cache.begin(columns)
        defer { cache.end() }
        for line in 0..<(inner.height - 1) {
            let index = grid.top + line
            guard index < grid.rows.count else { break }
            let row = grid.rows[index]
            let y = inner.y + 1 + line
            let marked = marks.contains(row.number)
            cache.line(row, marked: marked, x: inner.x, y: y, width: inner.width, into: &screen) { screen in
                drawRow(row, marked: marked, columns: columns, x: inner.x, y: y, limit: inner.maxX, into: &screen)
            }
            if index == grid.cursor { drawCursor(x: inner.x, y: y, focused: focused, into: &screen) }
        }
    }

    /// The cursor is a `>` in the gap after the checkbox (reversed while the grid has the focus),
    /// not a reversed row: a step down then rewrites two cells instead of two whole rows, which
    /// counts over SSH (neomutt's arrow_cursor).
    private func drawCursor(x: Int, y: Int, focused: Bool, into screen: inout ScreenBuffer) {
        let gap = x + GridColumns.markWidth
        screen.put(">", x: gap, y: y, style: focused ? CellStyle(reverse: true) : .plain, limit: gap + GridColumns.gap)
    }

    private func drawRow(_ row: OrderRow, marked: Bool, columns: GridColumns, x: Int, y: Int, limit: Int, into screen: inout ScreenBuffer) {
        let base = marked ? CellStyle(bold: true) : CellStyle.plain
        screen.put(marked ? theme.glyphs.marked : theme.glyphs.unmarked, x: x, y: y, style: base, limit: x + GridColumns.markWidth)
        // Without room for 同梱計, the bundle's total goes with its 同梱 badge where it fits whole.
        let bundleInNotes = !columns.placed.contains { $0.column == .bundleTotal }
        for column in columns.placed {
            let (text, style) = cell(column.column, of: row, marked: marked, short: columns.shortNumbers, base: base,
                                     bundleNoteWidth: bundleInNotes ? column.width : 0)
            put(text, in: column, x: x, y: y, limit: limit, style: style, into: &screen)
        }
    }

    /// A cell's text in its column, cut and padded to the column's width (never past `limit`).
    private func put(_ text: String, in column: GridColumns.Placed, x: Int, y: Int, limit: Int, style: CellStyle, into screen: inout ScreenBuffer) {
        guard x + column.x < limit else { return }
        screen.put(text, x: x + column.x, y: y, width: min(column.width, limit - x - column.x), alignment: column.alignment, style: style)
    }

    /// `bundleNoteWidth`: the cells the 注意 column may give a bundle's total (0: 同梱計 shows it).
    private func cell(_ column: GridColumn, of row: OrderRow, marked: Bool, short: Bool, base: CellStyle, bundleNoteWidth: Int) -> (String, CellStyle) {
        switch column {
        case .number: return (short ? String(row.number.withoutShopID) : row.number.rawValue, base)
        case .orderedAt: return (JapanTime(row.orderedAt).shortText, base)
        case .orderer: return (row.ordererName, base)
        case .ordererKana: return (row.ordererKana, base)
        case .total: return (row.totalPrice.description, row.totalPrice.isUnset ? theme.error : base)
        case .request: return (row.requestPrice.description, row.requestPrice.isUnset ? theme.error : base)
        case .bundleTotal:
            guard let total = row.bundleRequestPrice else { return ("", base) }
            return (total.description, total.isUnset ? theme.error : theme.color(.magenta).with { $0.bold = $0.bold || marked })
        case .shippingFee: return (row.shippingFee.description, row.shippingFee.isUnset ? theme.error : base)
        case .localStatus: return (row.localStatus.name, base)
        // An order that never talks to RMS (entered here) has no RMS status to show.
        case .rmsProgress: return (row.sync == .localOnly ? "—" : row.rmsProgress.label, base)
        case .sync: return (row.sync.label, theme.style(for: row.sync).with { $0.bold = $0.bold || marked })
        case .notes:
            // The most urgent first: the column cuts what does not fit (the detail lists them all).
            var notes: [String] = []
            let failed = if case .failed = row.sync { true } else { false }
            if failed { notes.append("エラー") }
            if row.readProblem != nil { notes.append("要確認") }
            if row.hasRMSDifference { notes.append("差分あり") }
            if row.isShippingFeeUnset { notes.append("送料未設定") }
            if row.isBundled { notes.append("同梱") }
            if row.hasPendingEdit { notes.append("未反映") }
            notes += row.attention.map { $0 == OrderFlag.reissue ? "再発行" : $0 }
            if row.isBundleCandidate { notes.append("同梱候補") }
            if let total = row.bundleRequestPrice, bundleNoteWidth > 0,
                let index = notes.firstIndex(of: "同梱"), notes.joined(separator: " ").displayWidth + total.description.displayWidth <= bundleNoteWidth
            {
                notes[index] += total.description
            }
            let urgent = row.isShippingFeeUnset || failed || row.hasRMSDifference || row.readProblem != nil
            return (notes.joined(separator: " "), urgent ? theme.error : theme.color(.magenta))
        case .payment: return (row.paymentMethod, base)
        case .delivery: return (row.delivery.method ?? "", base)
        case .deliveryWish: return (row.delivery.wishText, base)
        case .subStatus: return (row.delivery.subStatus ?? "", base)
        case .marks: return (row.delivery.marks.joined(separator: "・"), theme.color(.magenta).with { $0.bold = $0.bold || marked })
        case .slips: return (row.printedSlips.map(\.shortLabel).joined(separator: "・"), base)
        }
    }
}
