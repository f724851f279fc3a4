import CustomerMail
import Foundation
import Testing

@Suite("The mail as it goes to the relay: RFC 5322 headers, RFC 2047 Japanese, base64 UTF-8 body")
struct MailMessageTests {
    /// Decodes a header's RFC 2047 words (UTF-8, B) as a mail reader does: folded lines joined,
    /// the whitespace between adjacent encoded-words dropped.
    static func decodeHeader(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        var result = ""
        var bytes: [UInt8] = []
        for part in unfolded.split(separator: " ", omittingEmptySubsequences: false) {
            if part.hasPrefix("=?UTF-8?B?"), part.hasSuffix("?="), let data = Data(base64Encoded: String(part.dropFirst(10).dropLast(2))) {
                bytes += data
            } else {
                if !bytes.isEmpty { result += String(decoding: bytes, as: UTF8.self) + " "; bytes = [] }
                result += part + " "
            }
        }
        if !bytes.isEmpty { result += String(decoding: bytes, as: UTF8.self) }
        return result.trimmingCharacters(in: .whitespaces)
    }

    static func message(subject: String, body: String) -> MailMessage {
        MailMessage(
            from: MailAddress(name: "楽天デモ米店", address: "shop@example.jp"), to: MailAddress(name: "佐藤 翔太 様", address: "x@pc.fw.rakuten.ne.jp"),
            bcc: ["copy@example.jp"], subject: subject, body: body, date: Date(timeIntervalSince1970: 1_796_363_265), messageID: "<m1@example.jp>")
    }

    @Test("headers in 7-bit lines of at most 78 characters that decode to the Japanese; Bcc only in the envelope; the body's lines base64 of 76")
    func headers() throws {
        let subject = "【楽天デモ米店】ご注文ありがとうございます（注文番号 502763-20261204-0000000001）𠮷野家の新米"
        let body = "佐藤 翔太 様\n\nこのたびは…\n合計金額: 4,780円\n"
        let message = Self.message(subject: subject, body: body)
        let bytes = message.data
        #expect(bytes.allSatisfy { $0 < 0x80 }, "7-bit")
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        var headers: [String: String] = [:]
        var last = ""
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") { headers[last]! += "\r\n" + line; continue }
            let parts = line.split(separator: ":", maxSplits: 1)
            last = String(parts[0])
            headers[last] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        #expect(Self.decodeHeader(headers["Subject"]!) == subject)
        #expect(Self.decodeHeader(headers["From"]!) == "楽天デモ米店 <shop@example.jp>")
        #expect(Self.decodeHeader(headers["To"]!) == "佐藤 翔太 様 <x@pc.fw.rakuten.ne.jp>")
        #expect(headers["Date"] == "Thu, 03 Dec 2026 21:27:45 +0900" || headers["Date"]?.hasSuffix("+0900") == true)
        #expect(headers["Message-ID"] == "<m1@example.jp>" && headers["MIME-Version"] == "1.0")
        #expect(headers["Content-Type"] == "text/plain; charset=UTF-8" && headers["Content-Transfer-Encoding"] == "base64")
        #expect(headers["Bcc"] == nil && message.recipients == ["x@pc.fw.rakuten.ne.jp", "copy@example.jp"])
        let encoded = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self) == body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(MailMessage.newMessageID(from: "shop@example.jp").hasSuffix("@example.jp>"))
    }
}
