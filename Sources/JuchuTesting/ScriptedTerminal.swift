import Foundation
import TerminalUI

/// A terminal without a screen: plays a script of keys and pauses, and notes which of the texts
/// it watches for appeared in a frame. The desk runs on it unchanged, for measuring it (memory,
/// time per key) where no terminal is wanted.
public final class ScriptedTerminal: TerminalDevice {
    public enum Step: Sendable {
        case key(Key)
        /// No key for this long: background work (an action being applied) goes on.
        case pause(milliseconds: Int)
    }

    public let size: (width: Int, height: Int)
    private var steps: [Step]
    private var next = 0
    private var pauseUntil: Date?
    private let watched: [String]
    /// The watched texts seen in some frame.
    public private(set) var seen: Set<String> = []

    /// After the last step the terminal answers `quitKey` forever, so that a desk always ends.
    public init(width: Int, height: Int, script: [Step], watching watched: [String] = [], quitKey: Key = .character("q")) {
        self.size = (width, height)
        self.steps = script + [.key(quitKey)]
        self.watched = watched
    }

    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        if let until = pauseUntil {
            if Date() < until {
                Thread.sleep(forTimeInterval: min(until.timeIntervalSinceNow, Double(timeoutMilliseconds) / 1000))
                return nil
            }
            pauseUntil = nil
        }
        let step = steps[next]
        next = min(next + 1, steps.count - 1)
        switch step {
        case .key(let key):
            return key
        case .pause(let milliseconds):
            pauseUntil = Date().addingTimeInterval(Double(milliseconds) / 1000)
            return nil
        }
    }

    public func present(_ frame: ScreenBuffer) {
        guard seen.count < watched.count else { return }
        let text = frame.text
        for watch in watched where !seen.contains(watch) && text.contains(watch) { seen.insert(watch) }
    }

    public func invalidate() {}

    public func suspend() {}
}
