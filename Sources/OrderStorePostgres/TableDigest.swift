import Crypto
import Foundation
import OrderStore

/// What a table holds, in a form two backends compare without sending it again: its rows counted,
/// and each row's SHA-256 summed lane by lane (wrapping) — the same whatever order the rows are
/// read in, and any changed, lost or doubled row changes it.
struct TableDigest: Equatable, Sendable {
    private(set) var rows = 0
    private var lanes: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ row: [StoredValue]) {
        var hasher = SHA256()
        for value in row {
            // Each value tagged with its kind and its length: ("ab", "c") and ("a", "bc") differ.
            switch value {
            case .null:
                hasher.update(data: [0])
            case .integer(let number):
                hasher.update(data: [1])
                withUnsafeBytes(of: number.bigEndian) { hasher.update(bufferPointer: $0) }
            case .text(let text):
                let bytes = Array(text.utf8)
                hasher.update(data: [2])
                withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(data: bytes)
            case .blob(let data):
                hasher.update(data: [3])
                withUnsafeBytes(of: UInt64(data.count).bigEndian) { hasher.update(bufferPointer: $0) }
                hasher.update(data: data)
            }
        }
        hasher.finalize().withUnsafeBytes { digest in
            for lane in 0..<4 {
                var value: UInt64 = 0
                for byte in digest[(lane * 8)..<(lane * 8 + 8)] { value = value << 8 | UInt64(byte) }
                lanes[lane] &+= value
            }
        }
        rows += 1
    }

    /// The sum, as 64 hex digits.
    var hex: String { lanes.map { String(format: "%016llx", $0) }.joined() }
}
