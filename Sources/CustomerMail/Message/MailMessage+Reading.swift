import Foundation

extension MailMessage {
    /// A kept mail read back for the operator: its headers with RFC 2047 words decoded, and its
    /// body (base64 or 7-bit) as text. Tolerant: what cannot be decoded is shown as it is.
    public static func readable(_ bytes: [UInt8]) -> (headers: [(name: String, value: String)], body: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        var headers: [(name: String, value: String)] = []
        for line in (parts.first ?? "").components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        headers = headers.map { ($0.name, decodedWords($0.value)) }
        let rawBody = parts.dropFirst().joined(separator: "\r\n\r\n")
        let isBase64 = headers.contains { $0.name.lowercased() == "content-transfer-encoding" && $0.value.lowercased() == "base64" }
        var body = rawBody
        if isBase64, let data = Data(base64Encoded: rawBody.replacingOccurrences(of: "\r\n", with: "")) {
            body = String(decoding: data, as: UTF8.self)
        }
        return (headers, body.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// `=?UTF-8?B?…?=` words decoded; adjacent words joined without the space between them.
    static func decodedWords(_ value: String) -> String {
        var result = ""
        var pending: [UInt8] = []
        for part in value.split(separator: " ", omittingEmptySubsequences: false) {
            if part.hasPrefix("=?UTF-8?B?") || part.hasPrefix("=?utf-8?b?"), part.hasSuffix("?="),
                let data = Data(base64Encoded: String(part.dropFirst(10).dropLast(2)))
            {
                pending += data
                continue
            }
            if !pending.isEmpty {
                result += String(decoding: pending, as: UTF8.self) + " "
                pending = []
            }
            result += part + " "
        }
        if !pending.isEmpty { result += String(decoding: pending, as: UTF8.self) }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
