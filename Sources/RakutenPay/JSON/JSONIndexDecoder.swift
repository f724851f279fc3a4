/// Decodes Codable models straight from bytes: each object is indexed once (where each key and
/// value starts) and values are read in place when asked for. Same results and the same
/// DecodingErrors (with coding paths) as Foundation's JSONDecoder, several times faster — what
/// lets the desk import getOrder answers at tens of thousands of orders a second.
public struct JSONIndexDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from data: some Collection<UInt8>) throws -> T {
        // Arrays and Data are read where they are; other collections are copied once.
        if let decoded = try data.withContiguousStorageIfAvailable({ try decode(type, from: $0) }) { return decoded }
        return try ContiguousArray(data).withUnsafeBufferPointer { try decode(type, from: $0) }
    }

    private func decode<T: Decodable>(_ type: T.Type, from buffer: UnsafeBufferPointer<UInt8>) throws -> T {
        let tape: JSONTape
        do {
            tape = try JSONTape(scanner: JSONScanner(bytes: buffer))
        } catch {
            // The tape throws only JSONScanner.Failure (typed throws).
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
        // Models with a hand-written reader take the fast path; the rest go through Codable.
        if let fast = T.self as? any TapeDecodable.Type {
            return try fast.init(tape: TapeObject(tape: tape, entry: 0, path: nil)) as! T
        }
        return try T(from: IndexDecoder(tape: tape, entry: 0, path: nil))
    }
}

/// Reading one value: its tape entry and where its text starts.
private struct Leaf {
    let tape: JSONTape
    let entry: Int
    var scanner: JSONScanner { tape.scanner }
    var index: Int { Int(tape[entry].start) }

    func mismatch<T>(_ type: T.Type, _ path: @autoclosure () -> [any CodingKey]) -> DecodingError {
        if scanner.isNull(index) {
            return .valueNotFound(type, .init(codingPath: path(), debugDescription: "\(type) が必要ですが null です"))
        }
        return .typeMismatch(type, .init(codingPath: path(), debugDescription: "\(type) が必要ですが\(scanner.kindName(at: index))です"))
    }

    func corrupted(_ failure: JSONScanner.Failure, _ path: @autoclosure () -> [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path(), debugDescription: failure.description, underlyingError: failure))
    }

    func string(_ path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard scanner.byte(index) == UInt8(ascii: "\"") else { throw mismatch(String.self, path()) }
        do { return try scanner.string(index) } catch { throw corrupted(error, path()) }
    }

    func bool(_ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch scanner.byte(index) {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw mismatch(Bool.self, path())
        }
    }

    func number<T>(_ type: T.Type, _ path: @autoclosure () -> [any CodingKey]) throws -> JSONScanner.Number {
        switch scanner.byte(index) {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            do { return try scanner.number(index).value } catch { throw corrupted(error, path()) }
        default:
            throw mismatch(type, path())
        }
    }

    func double(_ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch try number(Double.self, path()) {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, _ path: @autoclosure () -> [any CodingKey]) throws -> T {
        let exact: T? =
            switch try number(type, path()) {
            case .integer(let value): T(exactly: value)
            case .double(let value): T(exactly: value)
            }
        guard let exact else {
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "\(T.self) に収まりません"))
        }
        return exact
    }

    func decode<T: Decodable>(_ type: T.Type, _ link: @autoclosure () -> PathLink?) throws -> T {
        // The common leaves without building a decoder.
        if T.self == String.self { return try string(PathLink.array(link())) as! T }
        if T.self == Int.self { return try integer(Int.self, PathLink.array(link())) as! T }
        if T.self == Double.self { return try double(PathLink.array(link())) as! T }
        if T.self == Bool.self { return try bool(PathLink.array(link())) as! T }
        return try T(from: IndexDecoder(tape: tape, entry: entry, path: link()))
    }
}

final class IndexDecoder: Decoder {
    let tape: JSONTape
    let entry: Int
    let path: PathLink?
    var codingPath: [any CodingKey] { PathLink.array(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(tape: JSONTape, entry: Int, path: PathLink?) {
        self.tape = tape
        self.entry = entry
        self.path = path
    }

    private var leaf: Leaf { Leaf(tape: tape, entry: entry) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape.scanner.byte(leaf.index) == UInt8(ascii: "{") else { throw leaf.mismatch([String: Any].self, codingPath) }
        return KeyedDecodingContainer(KeyedIndexContainer<Key>(ObjectCursor(tape: tape, entry: entry, path: path)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tape.scanner.byte(leaf.index) == UInt8(ascii: "[") else { throw leaf.mismatch([Any].self, codingPath) }
        return UnkeyedIndexContainer(tape: tape, entry: entry, parent: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleIndexContainer(leaf: leaf, path: path)
    }
}

private struct KeyedIndexContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: ObjectCursor

    init(_ object: ObjectCursor) { self.object = object }

    var codingPath: [any CodingKey] { PathLink.array(object.path) }
    var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }

    private func link(_ key: Key) -> PathLink { PathLink(parent: object.path, key: key) }

    private func leaf(_ key: Key) throws -> Leaf {
        guard let entry = object.find(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "キー「\(key.stringValue)」がありません"))
        }
        return Leaf(tape: object.tape, entry: entry)
    }

    /// nil for a missing key or null.
    private func presentLeaf(_ key: Key) -> Leaf? {
        guard let entry = object.find(key.stringValue) else { return nil }
        let leaf = Leaf(tape: object.tape, entry: entry)
        return leaf.scanner.isNull(leaf.index) ? nil : leaf
    }

    func contains(_ key: Key) -> Bool { object.find(key.stringValue) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try leaf(key).scanner.isNull(leaf(key).index) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try leaf(key).bool(PathLink.array(link(key))) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try leaf(key).string(PathLink.array(link(key))) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try leaf(key).double(PathLink.array(link(key))) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try leaf(key).double(PathLink.array(link(key)))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try leaf(key).integer(Int.self, PathLink.array(link(key))) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try leaf(key).integer(Int8.self, PathLink.array(link(key))) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try leaf(key).integer(Int16.self, PathLink.array(link(key))) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try leaf(key).integer(Int32.self, PathLink.array(link(key))) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try leaf(key).integer(Int64.self, PathLink.array(link(key))) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try leaf(key).integer(UInt.self, PathLink.array(link(key))) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try leaf(key).integer(UInt8.self, PathLink.array(link(key))) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try leaf(key).integer(UInt16.self, PathLink.array(link(key))) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try leaf(key).integer(UInt32.self, PathLink.array(link(key))) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try leaf(key).integer(UInt64.self, PathLink.array(link(key))) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try leaf(key).decode(type, link(key)) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try presentLeaf(key)?.decode(type, link(key))
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentLeaf(key)?.string(PathLink.array(link(key)))
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentLeaf(key)?.integer(Int.self, PathLink.array(link(key)))
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try presentLeaf(key)?.double(PathLink.array(link(key)))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentLeaf(key)?.bool(PathLink.array(link(key)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try IndexDecoder(tape: object.tape, entry: leaf(key).entry, path: link(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try IndexDecoder(tape: object.tape, entry: leaf(key).entry, path: link(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        IndexDecoder(tape: object.tape, entry: object.entry, path: object.path)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        IndexDecoder(tape: object.tape, entry: try leaf(key).entry, path: link(key))
    }
}

private struct UnkeyedIndexContainer: UnkeyedDecodingContainer {
    let tape: JSONTape
    let parent: PathLink?
    let count: Int?
    private(set) var currentIndex = 0
    /// Tape index of the current element.
    private var position: Int
    private let end: Int

    init(tape: JSONTape, entry: Int, parent: PathLink?) {
        self.tape = tape
        self.parent = parent
        position = entry + 1
        end = Int(tape[entry].next)
        var count = 0
        var cursor = position
        while cursor < end {
            count += 1
            cursor = Int(tape[cursor].next)
        }
        self.count = count
    }

    var codingPath: [any CodingKey] { PathLink.array(parent) }
    var isAtEnd: Bool { position >= end }

    private var link: PathLink { PathLink(parent: parent, name: .index(currentIndex)) }

    private func current<T>(_ type: T.Type) throws -> Leaf {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: PathLink.array(link), debugDescription: "配列の終わりです"))
        }
        return Leaf(tape: tape, entry: position)
    }

    private mutating func advance() {
        position = Int(tape[position].next)
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool {
        let leaf = try current(Never.self)
        guard leaf.scanner.isNull(leaf.index) else { return false }
        advance()
        return true
    }

    /// The position moves on only when the element decoded, as with Foundation's decoder.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try current(type).decode(type, link)
        advance()
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try IndexDecoder(tape: tape, entry: current([String: Any].self).entry, path: link).container(keyedBy: type)
        advance()
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try IndexDecoder(tape: tape, entry: current([Any].self).entry, path: link).unkeyedContainer()
        advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = IndexDecoder(tape: tape, entry: try current(Any.self).entry, path: link)
        advance()
        return decoder
    }
}

private struct SingleIndexContainer: SingleValueDecodingContainer {
    let leaf: Leaf
    let path: PathLink?
    var codingPath: [any CodingKey] { PathLink.array(path) }

    func decodeNil() -> Bool { leaf.scanner.isNull(leaf.index) }
    func decode(_ type: Bool.Type) throws -> Bool { try leaf.bool(codingPath) }
    func decode(_ type: String.Type) throws -> String { try leaf.string(codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try leaf.double(codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try leaf.double(codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try leaf.integer(Int.self, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try leaf.integer(Int8.self, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try leaf.integer(Int16.self, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try leaf.integer(Int32.self, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try leaf.integer(Int64.self, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try leaf.integer(UInt.self, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try leaf.integer(UInt8.self, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try leaf.integer(UInt16.self, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try leaf.integer(UInt32.self, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try leaf.integer(UInt64.self, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try leaf.decode(type, path) }
}
