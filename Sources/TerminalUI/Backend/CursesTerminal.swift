import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The only code that talks to ncursesw. Keys arrive decoded (wget_wch with keypad), frames go
/// out as the cells that changed, batched with wnoutrefresh + doupdate; ncurses sends the minimal
/// bytes for them. Runs on one thread: ncurses is not thread-safe.
public final class CursesTerminal: TerminalDevice {
    public struct Options: Sendable {
        public var colors: Bool
        public init(colors: Bool) { self.colors = colors }
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let options: Options
    private var shown: ScreenBuffer?
    private var pairs: [ColorPairKey: Int16] = [:]
    private var isOpen = true

    /// Checks what can be checked before touching the terminal: stdin and stdout must be a tty,
    /// and terminfo must know TERM.
    public static func preflight() throws(TerminalError) {
        if isatty(0) == 0 { throw .notATerminal(stream: "標準入力") }
        if isatty(1) == 0 { throw .notATerminal(stream: "標準出力") }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw .unknownTerminalType(nil)
        }
        guard juchu_terminfo_knows(term) != 0 else { throw .unknownTerminalType(term) }
    }

    /// Switches the terminal to the full-screen desk. ``shutdown()`` gives it back.
    public init(options: Options) throws(TerminalError) {
        try Self.preflight()
        Self.useUTF8Locale()
        let term = getenv("TERM").map { String(cString: $0) }
        guard let term, !term.isEmpty else { throw .unknownTerminalType(nil) }
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else {
            throw .cannotStart("標準入出力を開けません")
        }
        // newterm, unlike initscr, returns nil for an unknown TERM instead of exiting.
        guard let screen = newterm(nil, output, input) else { throw .unknownTerminalType(term) }
        self.screen = screen
        _ = set_term(screen)
        guard let window = juchu_stdscr() else { throw .cannotStart("stdscr がありません") }
        self.window = window
        self.options = options
        raw()  // Ctrl-C and Ctrl-Z arrive as keys; the keymap decides what they do.
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)  // ESC answers at once, not after ncurses' default second.
        curs_set(0)
        leaveok(window, true)
        if options.colors, has_colors() {
            start_color()
            use_default_colors()
        }
    }

    /// Switches ncurses to a UTF-8 locale: under "C" every non-ASCII character would vanish.
    static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: juchu_codeset())
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
    }

    /// Gives the terminal back as it was. Safe to call twice.
    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    public func invalidate() {
        shown = nil
        clearok(window, true)
    }

    /// In raw mode Ctrl-Z is a key, not a signal: the desk stops itself. The terminal is given
    /// back first (endwin), the process stops with SIGTSTP's default action, and after `fg`
    /// (SIGCONT) the desk's modes come back and the screen is drawn again in full.
    public func suspend() {
        endwin()
        let previous = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        signal(SIGTSTP, previous)
        // Back from fg: a refresh puts the terminal back in the desk's modes.
        wrefresh(window)
        invalidate()
    }

    // MARK: Keys

    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        wtimeout(window, timeoutMilliseconds)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        switch result {
        case KEY_CODE_YES: return Self.functionKey(Int32(character))
        case OK where character == 27: return readEscapeSequence()
        case OK: return Self.key(forCharacter: UInt32(character))
        default: return nil
        }
    }

    /// ESC alone, or a sequence ncurses did not know (see ``EscapeSequence``), read to its end.
    private func readEscapeSequence() -> Key {
        wtimeout(window, 0)
        var character: wint_t = 0
        let next = wget_wch(window, &character)
        guard next == OK, let introducer = UnicodeScalar(UInt32(character)), EscapeSequence.starts(with: introducer) else {
            // Whatever came after ESC is the next key.
            if next == OK { unget_wch(wchar_t(character)) } else if next == KEY_CODE_YES { ungetch(Int32(character)) }
            return .escape
        }
        var body = String(introducer)
        while body.count < 16, wget_wch(window, &character) == OK, let scalar = UnicodeScalar(UInt32(character)) {
            body.unicodeScalars.append(scalar)
            if EscapeSequence.isFinal(scalar, afterIntroducer: introducer, length: body.count - 1) { break }
        }
        return EscapeSequence.key(for: body) ?? .escape
    }

    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(value + 96)!))
        case 0..<32: return nil
        default: return UnicodeScalar(value).map { .character(Character($0)) }
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_RESIZE: .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    // MARK: Frames

    public func present(_ frame: ScreenBuffer) {
        let previous = shown.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        if previous == nil { werase(window) }
        for y in 0..<frame.height {
            guard let (first, last) = changedSpan(row: y, frame: frame, previous: previous) else { continue }
            drawRow(y, from: first, through: last, frame: frame)
        }
        wnoutrefresh(window)
        doupdate()
        shown = frame
    }

    /// The first and last column of row `y` that differ, widened to whole wide characters.
    private func changedSpan(row y: Int, frame: ScreenBuffer, previous: ScreenBuffer?) -> (Int, Int)? {
        guard let previous else { return (0, frame.width - 1) }
        var first: Int?
        var last = 0
        for x in 0..<frame.width where !frame.sameCell(x, y, as: previous) {
            if first == nil { first = x }
            last = x
        }
        guard var start = first else { return nil }
        if frame[start, y].isContinuation || previous[start, y].isContinuation { start = max(0, start - 1) }
        if frame[last, y].width == 2 || previous[last, y].width == 2 { last = min(frame.width - 1, last + 1) }
        return (start, last)
    }

    private func drawRow(_ y: Int, from first: Int, through last: Int, frame: ScreenBuffer) {
        var x = first
        while x <= last {
            let style = frame[x, y].style
            var run: [wchar_t] = []
            let start = x
            while x <= last, frame[x, y].style == style {
                if !frame[x, y].isContinuation {
                    for scalar in frame.scalars(x, y) { run.append(wchar_t(bitPattern: scalar)) }
                }
                x += 1
            }
            apply(style)
            run.append(0)
            // The last cell of the screen may report an error (the cursor cannot move past it); it is drawn anyway.
            _ = mvwaddwstr(window, Int32(y), Int32(start), run)
        }
        wattr_set(window, juchu_a_normal(), 0, nil)
    }

    private func apply(_ style: CellStyle) {
        var attributes = juchu_a_normal()
        if style.bold { attributes |= juchu_a_bold() }
        if style.reverse { attributes |= juchu_a_reverse() }
        if style.dim { attributes |= juchu_a_dim() }
        if style.underline { attributes |= juchu_a_underline() }
        wattr_set(window, attributes, pair(for: style), nil)
    }

    private struct ColorPairKey: Hashable {
        let foreground: TerminalColor?
        let background: TerminalColor?
    }

    /// A colour pair for the style's colours, made on first use.
    private func pair(for style: CellStyle) -> Int16 {
        guard options.colors, has_colors(), style.foreground != nil || style.background != nil else { return 0 }
        let key = ColorPairKey(foreground: style.foreground, background: style.background)
        if let existing = pairs[key] { return existing }
        let number = Int16(pairs.count + 1)
        init_pair(number, Int16(style.foreground?.rawValue ?? -1), Int16(style.background?.rawValue ?? -1))
        pairs[key] = number
        return number
    }
}
