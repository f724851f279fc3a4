import CustomerMail
import OrderEngine
import OrderStore

/// An order's mails as they were handed to the relay, one at a time, newest first: its headers
/// decoded, its body, scrolled with the cursor keys; the previous and next mail with the tab keys.
public struct MailViewer: Sendable {
    public struct Mail: Sendable {
        public let record: OrderStore.MailRecord
        /// The mail's lines: the headers that matter, a blank, the body; or why there is none.
        public let lines: [String]
    }

    public let number: OrderNumber
    public let mails: [Mail]
    public private(set) var index = 0
    public var scroll = 0

    public init(number: OrderNumber, mails: [(OrderStore.MailRecord, [UInt8]?)]) {
        self.number = number
        self.mails = mails.reversed().map { record, bytes in
            guard let bytes else {
                return Mail(record: record, lines: ["（送信前に終わったため、本文は残っていません: \(record.result ?? record.state.rawValue)）"])
            }
            let (headers, body) = MailMessage.readable(bytes)
            let shown = ["From", "To", "Subject", "Date", "Message-ID"].compactMap { name in
                headers.first { $0.name.lowercased() == name.lowercased() }.map { "\($0.name): \($0.value)" }
            }
            return Mail(record: record, lines: shown + [""] + body.components(separatedBy: "\n"))
        }
    }

    public var current: Mail { mails[index] }

    public mutating func show(_ delta: Int) {
        index = min(max(0, index + delta), mails.count - 1)
        scroll = 0
    }

    public mutating func scroll(by delta: Int, visible: Int) {
        scroll = min(max(0, scroll + delta), max(0, current.lines.count - visible))
    }
}

extension OrderStore.MailRecord {
    /// Where the mail stands, in the operator's words.
    /// The state in a word, for the detail's one line per template.
    public var shortStateLabel: String {
        switch state {
        case .pending, .sending: "送信中"
        case .done: "送信済み"
        case .failed: "未送信（失敗）"
        case .unknown: "結果不明"
        }
    }

    public var stateLabel: String {
        switch state {
        case .pending: "送信待ち"
        case .sending: "送信中"
        case .done: "送信済み（メールサーバが受け付けました）"
        case .failed: "送信していません（\(result ?? "失敗")）"
        case .unknown: "結果不明（自動では再送しません）"
        }
    }
}
