#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The structure of a JSON document found in one pass, as a flat list of values in document
/// order (after simdjson's "tape"): each entry knows where its text starts and ends and where the
/// next sibling entry is, so skipping a whole object is a single jump.
final class JSONTape {
    struct Entry {
        /// Byte offset of the value (for a key: its opening quote).
        var start: Int32
        /// Byte offset just after the value.
        var end: Int32
        /// Tape index just after this value and everything inside it.
        var next: Int32
    }

    let scanner: JSONScanner
    /// Written once while building, then only read. A document of n bytes has fewer than n/2 + 1
    /// values (each takes a byte and a separator), so the buffer never grows and no write is checked.
    private let storage: UnsafeMutableBufferPointer<Entry>

    /// Checks the whole document and records its structure; throws where it breaks.
    init(scanner: JSONScanner) throws(JSONScanner.Failure) {
        self.scanner = scanner
        // Offsets are kept in 32 bits (a tape entry is 12 bytes, not 24).
        guard scanner.bytes.count < Int32.max else {
            throw JSONScanner.Failure(offset: 0, problem: "JSONが大きすぎます（2 GiB 以上）")
        }
        // Every entry starts at a byte of its own (the last may be the end, where reading fails):
        // valid JSON needs half as many, but a malformed prefix ("[[[[") may use every byte
        // before it is refused (found by fuzzing: the tape overflowed).
        storage = .allocate(capacity: scanner.bytes.count + 2)
        var builder = Builder(scanner: scanner, entries: storage)
        let start = scanner.skipSpace(0)
        let end = scanner.skipSpace(try builder.record(start, depth: 0))
        guard end == scanner.bytes.count else { throw JSONScanner.Failure(offset: end, problem: "値の後に余分な文字があります") }
    }

    deinit { storage.deallocate() }

    @inline(__always) subscript(index: Int) -> Entry { storage[index] }

    private struct Builder {
        let scanner: JSONScanner
        let entries: UnsafeMutableBufferPointer<Entry>
        var count = 0

        init(scanner: JSONScanner, entries: UnsafeMutableBufferPointer<Entry>) {
            self.scanner = scanner
            self.entries = entries
        }

        mutating func append(_ entry: Entry) {
            precondition(count < entries.count, "JSON tape overflow")
            entries[count] = entry
            count += 1
        }

    /// A member of an object or an array: strings and numbers, most of them, recorded here
    /// rather than through a call of ``record(_:depth:)`` each.
    @inline(__always) mutating func member(_ index: Int, depth: Int) throws(JSONScanner.Failure) -> Int {
        let end: Int
        switch scanner.byte(index) {
        case UInt8(ascii: "\""): end = try scanner.skipString(index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): end = try scanner.skipNumber(index)
        default: return try record(index, depth: depth)
        }
        append(Entry(start: Int32(truncatingIfNeeded: index), end: Int32(truncatingIfNeeded: end), next: Int32(truncatingIfNeeded: count + 1)))
        return end
    }

    /// Records the value at byte `index` (and what is inside it); returns the byte after it.
    mutating func record(_ index: Int, depth: Int) throws(JSONScanner.Failure) -> Int {
        guard depth < JSONScanner.maximumDepth else { throw JSONScanner.Failure(offset: index, problem: "入れ子が深すぎます") }
        let slot = count
        append(Entry(start: Int32(truncatingIfNeeded: index), end: 0, next: 0))
        var end: Int
        switch scanner.byte(index) {
        case UInt8(ascii: "{"):
            var i = scanner.skipSpace(index + 1)
            if scanner.byte(i) == UInt8(ascii: "}") {
                end = i + 1
                break
            }
            while true {
                guard scanner.byte(i) == UInt8(ascii: "\"") else { throw JSONScanner.Failure(offset: i, problem: "キー（文字列）が必要です") }
                let keyEnd = try scanner.skipString(i)
                append(Entry(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: keyEnd), next: Int32(truncatingIfNeeded: count + 1)))
                i = scanner.skipSpace(keyEnd)
                guard scanner.byte(i) == UInt8(ascii: ":") else { throw JSONScanner.Failure(offset: i, problem: "「:」が必要です") }
                i = scanner.skipSpace(try member(scanner.skipSpace(i + 1), depth: depth + 1))
                if scanner.byte(i) == UInt8(ascii: ",") {
                    i = scanner.skipSpace(i + 1)
                } else if scanner.byte(i) == UInt8(ascii: "}") {
                    end = i + 1
                    break
                } else {
                    throw JSONScanner.Failure(offset: i, problem: "「,」か「}」が必要です")
                }
            }
        case UInt8(ascii: "["):
            var i = scanner.skipSpace(index + 1)
            if scanner.byte(i) == UInt8(ascii: "]") {
                end = i + 1
                break
            }
            while true {
                i = scanner.skipSpace(try member(i, depth: depth + 1))
                if scanner.byte(i) == UInt8(ascii: ",") {
                    i = scanner.skipSpace(i + 1)
                } else if scanner.byte(i) == UInt8(ascii: "]") {
                    end = i + 1
                    break
                } else {
                    throw JSONScanner.Failure(offset: i, problem: "「,」か「]」が必要です")
                }
            }
        default:
            end = try scanner.skipValue(index, depth: depth)
        }
        entries[slot].end = Int32(truncatingIfNeeded: end)
        entries[slot].next = Int32(truncatingIfNeeded: count)
        return end
    }
    }

    /// The integer at tape index `index`; nil when it is anything else or malformed.
    @inline(__always) func integer(at index: Int) -> Int? {
        let entry = storage[index]
        switch scanner.byte(Int(entry.start)) {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard case .integer(let value)? = try? scanner.number(Int(entry.start), end: Int(entry.end)) else { return nil }
            return value
        default:
            return nil
        }
    }

    /// The string at tape index `index`; nil when it is anything else or malformed.
    @inline(__always) func string(at index: Int) -> String? {
        let entry = storage[index]
        guard scanner.byte(Int(entry.start)) == UInt8(ascii: "\"") else { return nil }
        return try? scanner.string(Int(entry.start), end: Int(entry.end))
    }

    /// Whether the key entry at `index` is exactly `key` (a key with escapes never matches).
    @inline(__always) func keyEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let entry = storage[index]
        let length = Int(entry.end - entry.start) - 2
        guard key.count == length else { return false }
        guard length > 0 else { return true }
        return memcmp(scanner.bytes.baseAddress! + Int(entry.start) + 1, key.baseAddress!, length) == 0
    }
}
