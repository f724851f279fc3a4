import Foundation
import OrderEngine
import ShopSettings

/// Draws the whole desk for a state into a new frame.
public struct DeskView {
    public let theme: Theme
    /// The last frame's grid rows, copied when a key leaves them as they were.
    private let gridLines = GridLineCache()

    public init(theme: Theme) { self.theme = theme }

    public func render(_ state: DeskState, width: Int, height: Int, now: Date) -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: height)
        guard DeskLayout.fits(width: width, height: height) else {
            drawTooSmall(width: width, height: height, into: &screen)
            return screen
        }
        let layout = DeskLayout(width: width, height: height)
        HeaderView(state: state, theme: theme, now: now).draw(in: layout.header, into: &screen)
        TabsView(state: state, theme: theme).draw(in: layout.tabs, into: &screen)
        GridView(state: state, theme: theme, cache: gridLines).draw(in: layout.grid, into: &screen)
        PanelView(state: state, theme: theme, today: CalendarDate(japanDayOf: JapanTime(now))).draw(in: layout.panel, into: &screen)
        DetailView(state: state, theme: theme).draw(in: layout.detail, into: &screen)
        FooterView(state: state, theme: theme).draw(in: layout.footer, into: &screen)
        let whole = Rect(x: 0, y: 0, width: width, height: height)
        if let dialog = state.dialog {
            DialogView(dialog: dialog, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if let form = state.editForm {
            EditFormView(form: form, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if let form = state.orderEntry {
            HandOrderFormView(form: form, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if let viewer = state.mailViewer {
            MailViewerView(viewer: viewer, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if let form = state.parcelForm {
            ParcelFormView(form: form, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if state.showingHelp {
            HelpView(keymap: state.keymap, theme: theme, page: state.helpPage).draw(in: whole, into: &screen)
        } else if let palette = state.palette {
            PaletteView(palette: palette, keymap: state.keymap, theme: theme).draw(in: whole, into: &screen)
        } else if state.choosingView {
            SavedViewsView(views: state.views, theme: theme).draw(in: whole, into: &screen)
        }
        return screen
    }

    /// Shown instead of the desk until the terminal is large enough again.
    private func drawTooSmall(width: Int, height: Int, into screen: inout ScreenBuffer) {
        let lines = [
            "画面が小さすぎます",
            "\(DeskLayout.minimumWidth)×\(DeskLayout.minimumHeight) 以上が必要です",
            "（現在 \(width)×\(height)）",
        ]
        for (index, line) in lines.enumerated() {
            let y = max(0, height / 2 - 1) + index
            screen.put(line, x: max(0, (width - line.displayWidth) / 2), y: y, style: CellStyle(bold: index == 0), limit: width)
        }
    }
}
