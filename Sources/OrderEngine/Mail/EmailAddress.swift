/// Whether a text can go into an SMTP envelope and a mail's headers as an address (RFC 5321
/// §4.1.2 and §4.5.3.1): a dot-atom local part of at most 64 octets, one `@`, a domain of dotted
/// labels (letters, digits, hyphens; at most 63 each), 254 octets in all — printable ASCII only,
/// so no CR, LF or other control can ever reach the relay as a command of its own.
public enum EmailAddress {
    /// Why `address` is not one, in the operator's words; nil when it is.
    public static func problem(_ address: String) -> String? {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty else { return "空です" }
        if let bad = bytes.first(where: { $0 < 0x21 || $0 > 0x7E }) {
            return bad < 0x20 || bad == 0x7F ? "改行・制御文字が入っています" : bad == 0x20 ? "空白が入っています" : "半角英数字と記号だけにしてください"
        }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "「@」が\(parts.count - 1)個あります（1個です）" }
        let local = parts[0], domain = parts[1]
        guard bytes.count <= 254 else { return "長すぎます（\(bytes.count)文字。254文字まで）" }
        guard (1...64).contains(local.count) else { return "「@」の前が\(local.isEmpty ? "空です" : "64文字を超えています")" }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)
        let atoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard atoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(atext.contains) }) else { return "「@」の前に使えない文字か、続いた・端の「.」があります" }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "「@」の後がドメイン名ではありません" }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == UInt8(ascii: "-") })
            else { return "「@」の後がドメイン名ではありません" }
        }
        return nil
    }
}
