/// Why the desk cannot start on this terminal, in one line the operator can act on.
public enum TerminalError: Error, Sendable, CustomStringConvertible {
    case notATerminal(stream: String)
    case unknownTerminalType(String?)
    /// The terminal cannot move its cursor (TERM=dumb): a full-screen desk cannot be drawn on it.
    case noCursorAddressing(String)
    case cannotStart(String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            "\(stream)が端末ではありません。デスクは端末（SSHやターミナル）で直接起動してください（リダイレクトやパイプは使えません）"
        case .unknownTerminalType(let term?):
            "端末の種類 TERM=\(term) が不明です（terminfo にありません）。TERM=xterm-256color などを設定してください"
        case .unknownTerminalType(nil):
            "環境変数 TERM が設定されていません。TERM=xterm-256color などを設定してください"
        case .noCursorAddressing(let term):
            "端末 TERM=\(term) はカーソルを動かせないため、デスクを表示できません。TERM=xterm-256color などの端末で起動してください"
        case .cannotStart(let detail):
            "端末を初期化できません: \(detail)"
        }
    }
}
