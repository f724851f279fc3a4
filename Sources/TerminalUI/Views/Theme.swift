import OrderEngine

/// Colours and attributes of the desk. Without colour (NO_COLOR) every distinction is still made
/// by an attribute: bold, reverse, underline.
public struct Theme: Sendable {
    public let colored: Bool
    public let glyphs: Glyphs

    public init(colored: Bool, glyphs: Glyphs) {
        self.colored = colored
        self.glyphs = glyphs
    }

    func color(_ color: TerminalColor, bold: Bool = false) -> CellStyle {
        CellStyle(foreground: colored ? color : nil, bold: bold || !colored)
    }

    var title: CellStyle { CellStyle(bold: true) }
    var focusedTitle: CellStyle { CellStyle(foreground: colored ? .cyan : nil, bold: true, reverse: !colored) }
    var frame: CellStyle { CellStyle(foreground: colored ? .blue : nil, dim: !colored) }
    var focusedFrame: CellStyle { CellStyle(foreground: colored ? .cyan : nil, bold: true) }
    var header: CellStyle { CellStyle(bold: true, underline: true) }
    var muted: CellStyle { CellStyle(dim: true) }
    var error: CellStyle { color(.red, bold: true) }
    var notice: CellStyle { color(.green) }
    var label: CellStyle { CellStyle(foreground: colored ? .cyan : nil) }

    /// The sync badge's colour: green when done, yellow while in flight, red on error.
    func style(for sync: SyncState) -> CellStyle {
        switch sync {
        case .localOnly, .notSent: .plain
        case .confirmSending: color(.yellow, bold: true)
        case .rakutenProcessing: color(.yellow)
        case .rakutenDone: color(.green)
        case .failed: color(.red, bold: true)
        }
    }
}
