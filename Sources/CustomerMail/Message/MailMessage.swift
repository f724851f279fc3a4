import Foundation
import OrderEngine

/// A mail as it goes to the relay (RFC 5322): From, To, Subject (RFC 2047 encoded-words in UTF-8,
/// folded within 76 characters), Date in Japan's time, a Message-ID of the sender's domain, and a
/// UTF-8 text body in base64 lines of 76. Bcc is not a header: it is a recipient of the envelope.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var bcc: [String]
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String

    public init(from: MailAddress, to: MailAddress, bcc: [String] = [], subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.bcc = bcc
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// A Message-ID unique to this mail, in the sender's domain.
    public static func newMessageID(from address: String) -> String {
        let domain = address.split(separator: "@").last.map(String.init) ?? "localhost"
        return "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// Every address the relay is asked to deliver to (RCPT TO): To, then each Bcc.
    public var recipients: [String] { [to.address] + bcc }

    /// The message's bytes, lines ending CRLF, 7-bit throughout. Built on bytes: string searching
    /// and index walking cost more than the rest of a mail.
    public var data: [UInt8] {
        var head = ""
        head += "From: " + from.header + "\r\n"
        head += "To: " + to.header + "\r\n"
        head += MIMEWords.folded("Subject", subject) + "\r\n"
        head += "Date: " + Self.rfc5322(date) + "\r\n"
        head += "Message-ID: " + messageID + "\r\n"
        head += "MIME-Version: 1.0\r\n"
        head += "Content-Type: text/plain; charset=UTF-8\r\n"
        head += "Content-Transfer-Encoding: base64\r\n"
        head += "\r\n"
        // The body's lines end CRLF, whatever the template had.
        var text: [UInt8] = []
        text.reserveCapacity(body.utf8.count + body.utf8.count / 20)
        var previous: UInt8 = 0
        for byte in body.utf8 {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { text.append(UInt8(ascii: "\r")) }
            text.append(byte)
            previous = byte
        }
        var bytes = Array(head.utf8)
        bytes += Data(text).base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        return bytes
    }

    /// `Fri, 04 Dec 2026 19:41:05 +0900`: the date in Japan, as RFC 5322 writes it (written out by
    /// hand: a DateFormatter per mail costs more than the rest of the mail).
    static func rfc5322(_ date: Date) -> String {
        let time = JapanTime(date)
        let day = CalendarDate(year: time.year, month: time.month, day: time.day)?.daysSinceEpoch ?? 0
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((day % 7) + 7) % 7]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][time.month - 1]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(weekday), \(two(time.day)) \(month) \(time.year) \(two(time.hour)):\(two(time.minute)):\(two(time.second)) +0900"
    }
}

/// An address with the name shown for it (「楽天デモ米店」 <shop@example.jp>).
public struct MailAddress: Sendable, Equatable {
    public var name: String
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// The header form: the name as encoded-words when it is not plain ASCII.
    var header: String {
        guard !name.isEmpty else { return "<\(address)>" }
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && !"\"\\()<>,;:@[]".unicodeScalars.contains($0) }
        return (plain ? name : MIMEWords.encoded(name).joined(separator: " ")) + " <\(address)>"
    }
}

/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each at most 68 characters (a folded line within 78) and never splitting a
/// character's bytes, so that any mail reader puts the words back together.
enum MIMEWords {
    static func encoded(_ text: String) -> [String] {
        // 42 bytes make 56 characters of base64, a word of 68: with "Subject: " before it, a line of 77.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 42 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?\(Data(bytes).base64EncodedString())?=" }

    /// `Subject: =?UTF-8?B?…?=` with each further word on a continuation line; plain ASCII as it is.
    static func folded(_ name: String, _ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }), name.count + 2 + value.count <= 78 {
            return "\(name): \(value)"
        }
        return "\(name): " + encoded(value).joined(separator: "\r\n ")
    }
}
