/// A terminal without a screen: plays a fixed list of keys and keeps the last frame. The desk runs
/// on it unchanged, for measuring it (memory, time per key) where no terminal is wanted.
public final class ScriptedTerminal: TerminalDevice {
    public let size: (width: Int, height: Int)
    private var keys: [Key]
    private var next = 0
    public private(set) var lastFrame: ScreenBuffer?
    public private(set) var framesPresented = 0

    /// `keys` are handed out one per read; after the last one the terminal answers `quitKey`
    /// forever, so that a desk always ends.
    public init(width: Int, height: Int, keys: [Key], quitKey: Key = .character("q")) {
        self.size = (width, height)
        self.keys = keys + [quitKey]
    }

    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        defer { next = min(next + 1, keys.count - 1) }
        return keys[next]
    }

    public func present(_ frame: ScreenBuffer) {
        lastFrame = frame
        framesPresented += 1
    }

    public func invalidate() {}
}
