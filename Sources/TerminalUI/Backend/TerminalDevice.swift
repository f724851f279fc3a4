/// Where the desk draws and reads keys: the ncursesw back end, or an in-memory one in tests.
public protocol TerminalDevice: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// The next key, or nil when none came within `timeoutMilliseconds` (0: do not wait).
    func readKey(timeoutMilliseconds: Int32) -> Key?
    /// Shows `frame`, sending only what differs from the frame shown before.
    func present(_ frame: ScreenBuffer)
    /// Forgets what is on the screen: the next frame is drawn in full (Ctrl-L, after a resize).
    func invalidate()
    /// Gives the terminal back and stops the process as Ctrl-Z does; returns once resumed
    /// (`fg`), with the terminal in the desk's modes again and the next frame drawn in full.
    func suspend()
}
