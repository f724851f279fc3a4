import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The only code that talks to ncursesw. Keys arrive decoded (wget_wch with keypad); ncurses sets
/// the terminal's modes and gives its terminfo strings, with which ``FrameEncoder`` writes each
/// frame's changed cells in one write (ncurses' own refresh flushes at every cursor move). Runs
/// on one thread: ncurses is not thread-safe.
public final class CursesTerminal: TerminalDevice {
    public struct Options: Sendable {
        public var colors: Bool
        public init(colors: Bool) { self.colors = colors }
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let options: Options
    private var shown: ScreenBuffer?
    private let encoder: FrameEncoder
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
        guard juchu_terminfo_addresses_cursor(term) != 0 else { throw .noCursorAddressing(term) }
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
        encoder = FrameEncoder(capabilities: Self.capabilities(colors: options.colors && has_colors()))
        // ncurses' own start (alternate screen, keypad mode) goes out now; frames are ours.
        wnoutrefresh(window)
        doupdate()
    }

    /// The terminal's strings from terminfo (set up by newterm). A terminal without an attribute
    /// or colours goes without them; moving, clearing and resetting fall back to ANSI.
    static func capabilities(colors: Bool) -> TerminalCapabilities {
        func string(_ name: String) -> String? { juchu_tigetstr(name).map { String(cString: $0) } }
        func bytes(_ name: String, _ fallback: [UInt8] = []) -> [UInt8] { string(name).map(TerminalCapabilities.bytes(of:)) ?? fallback }
        // A parameterised string (cup, setaf) filled in by terminfo, its padding taken away.
        @Sendable func expand(_ format: String, _ first: Int32, _ second: Int32? = nil) -> [UInt8]? {
            format.withCString { text in
                if let second { juchu_tiparm2(text, first, second) } else { juchu_tiparm1(text, first) }
            }.map { TerminalCapabilities.bytes(of: String(cString: $0)) }
        }
        let ansi = TerminalCapabilities.ansi
        var capabilities = ansi
        if let cup = string("cup") {
            capabilities.moveTo = { column, row in expand(cup, Int32(row), Int32(column)) ?? ansi.moveTo(column, row) }
        }
        capabilities.clear = bytes("clear", ansi.clear)
        capabilities.reset = bytes("sgr0", ansi.reset)
        capabilities.bold = bytes("bold")
        capabilities.reverse = bytes("rev")
        capabilities.dim = bytes("dim")
        capabilities.underline = bytes("smul")
        // Eight colours: their strings are made once, not at every change of colour in a frame.
        func color(_ name: String) -> (@Sendable (TerminalColor) -> [UInt8])? {
            guard colors, let format = string(name) else { return nil }
            let sequences = TerminalColor.allCases.map { expand(format, Int32($0.rawValue)) ?? [] }
            return { sequences[$0.rawValue] }
        }
        capabilities.foreground = color("setaf")
        capabilities.background = color("setab")
        return capabilities
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
        let previous = FrameEncoder.base(for: frame, shown: shown)
        if previous == nil {
            // ncurses' own pending refresh (a resize touches its window) goes out first, so
            // that it does not blank the frame at the next key.
            wnoutrefresh(window)
            doupdate()
        }
        let bytes = encoder.encode(frame, after: previous)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR || errno == EAGAIN {
                    continue
                } else {
                    break
                }
            }
        }
        shown = frame
    }
}
