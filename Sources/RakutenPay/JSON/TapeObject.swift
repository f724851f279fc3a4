/// Reads one JSON object from the tape by key, for the models decoded by hand on the hot path
/// (getOrder's orders). Errors are the DecodingErrors Codable would raise, with the same paths.
struct TapeObject {
    let cursor: ObjectCursor
    var tape: JSONTape { cursor.tape }
    var path: PathLink? { cursor.path }

    init(tape: JSONTape, entry: Int, path: PathLink?) throws {
        guard tape.scanner.byte(Int(tape[entry].start)) == UInt8(ascii: "{") else {
            throw TapeValue(tape: tape, entry: entry, parent: path, name: .none).mismatch([String: Any].self)
        }
        cursor = ObjectCursor(tape: tape, entry: entry, path: path)
    }

    private func entry(_ key: StaticString) -> Int? {
        cursor.find(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }

    func value(_ key: StaticString) throws -> TapeValue {
        guard let entry = entry(key) else {
            let name = "\(key)"
            throw DecodingError.keyNotFound(
                AnyKey(name), .init(codingPath: PathLink.array(path), debugDescription: "キー「\(name)」がありません"))
        }
        return TapeValue(tape: tape, entry: entry, parent: path, name: .key(key))
    }

    /// nil when the key is missing or null.
    func valueIfPresent(_ key: StaticString) -> TapeValue? {
        guard let entry = entry(key), !tape.scanner.isNull(Int(tape[entry].start)) else { return nil }
        return TapeValue(tape: tape, entry: entry, parent: path, name: .key(key))
    }

    // Integers, strings and dates, most of an order, are read straight from the tape: a TapeValue
    // (its path, and the references it holds) is made only to say what is wrong with a value.

    /// `direct` reads the value at the key's tape entry, nil when it cannot; `checked` then reads
    /// it again as a TapeValue, to throw the error Codable would.
    @inline(__always) func read<T>(
        _ key: StaticString, _ direct: (Int) -> T?, checked: (TapeValue) throws -> T
    ) throws -> T {
        if let entry = entry(key), let value = direct(entry) { return value }
        return try checked(value(key))
    }

    /// As ``read(_:_:checked:)``; nil when the key is missing or null.
    @inline(__always) func readIfPresent<T>(
        _ key: StaticString, _ direct: (Int) -> T?, checked: (TapeValue) throws -> T
    ) throws -> T? {
        guard let entry = entry(key) else { return nil }
        if let value = direct(entry) { return value }
        return try valueIfPresent(key).map(checked)
    }

    func int(_ key: StaticString) throws -> Int { try read(key, { tape.integer(at: $0) }, checked: { try $0.int() }) }
    func intIfPresent(_ key: StaticString) throws -> Int? {
        try readIfPresent(key, { tape.integer(at: $0) }, checked: { try $0.int() })
    }
    func double(_ key: StaticString) throws -> Double { try value(key).double() }
    func doubleIfPresent(_ key: StaticString) throws -> Double? { try valueIfPresent(key)?.double() }
    func string(_ key: StaticString) throws -> String { try read(key, { tape.string(at: $0) }, checked: { try $0.string() }) }
    func stringIfPresent(_ key: StaticString) throws -> String? {
        try readIfPresent(key, { tape.string(at: $0) }, checked: { try $0.string() })
    }

    func model<T: TapeDecodable>(_ key: StaticString, as type: T.Type = T.self) throws -> T { try value(key).model(T.self) }
    func modelIfPresent<T: TapeDecodable>(_ key: StaticString, as type: T.Type = T.self) throws -> T? {
        try valueIfPresent(key)?.model(T.self)
    }
    func list<T: TapeDecodable>(_ key: StaticString, of type: T.Type = T.self) throws -> [T] { try value(key).list(T.self) }
    func listIfPresent<T: TapeDecodable>(_ key: StaticString, of type: T.Type = T.self) throws -> [T]? {
        try valueIfPresent(key)?.list(T.self)
    }
}

/// A model read by hand from the tape (the Codable conformance stays the reference: a test checks
/// that both read the same).
protocol TapeDecodable {
    init(tape object: TapeObject) throws
}

/// One value on the tape. Where it is (for errors) is kept as its parent's path and its own name,
/// and joined only when needed: the happy path allocates nothing for paths.
struct TapeValue {
    let tape: JSONTape
    let entry: Int
    let parent: PathLink?
    let name: Name

    enum Name {
        case none
        case key(StaticString)
        case index(Int)
    }

    var path: PathLink? {
        switch name {
        case .none: parent
        case .key(let key): PathLink(parent: parent, name: .key(key))
        case .index(let index): PathLink(parent: parent, name: .index(index))
        }
    }

    private var start: Int { Int(tape[entry].start) }

    /// Where the value's text lies in the document.
    var byteRange: Range<Int> { Int(tape[entry].start)..<Int(tape[entry].end) }

    func mismatch<T>(_ type: T.Type) -> DecodingError {
        let scanner = tape.scanner
        if scanner.isNull(start) {
            return .valueNotFound(type, .init(codingPath: PathLink.array(path), debugDescription: "\(type) が必要ですが null です"))
        }
        return .typeMismatch(type, .init(codingPath: PathLink.array(path), debugDescription: "\(type) が必要ですが\(scanner.kindName(at: start))です"))
    }

    private func corrupted(_ failure: JSONScanner.Failure) -> DecodingError {
        .dataCorrupted(.init(codingPath: PathLink.array(path), debugDescription: failure.description, underlyingError: failure))
    }

    func string() throws -> String {
        guard tape.scanner.byte(start) == UInt8(ascii: "\"") else { throw mismatch(String.self) }
        do { return try tape.scanner.string(start) } catch { throw corrupted(error) }
    }

    private func number<T>(_ type: T.Type) throws -> JSONScanner.Number {
        switch tape.scanner.byte(start) {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            do { return try tape.scanner.number(start).value } catch { throw corrupted(error) }
        default:
            throw mismatch(type)
        }
    }

    func int() throws -> Int {
        switch try number(Int.self) {
        case .integer(let value): return value
        case .double(let value):
            guard let exact = Int(exactly: value) else { throw mismatch(Int.self) }
            return exact
        }
    }

    func double() throws -> Double {
        switch try number(Double.self) {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        }
    }

    func model<T: TapeDecodable>(_ type: T.Type) throws -> T {
        try T(tape: TapeObject(tape: tape, entry: entry, path: path))
    }

    /// A value of a type that only has its Codable conformance (dates, codes).
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: IndexDecoder(tape: tape, entry: entry, path: path))
    }

    func list<T: TapeDecodable>(_ type: T.Type) throws -> [T] {
        guard tape.scanner.byte(start) == UInt8(ascii: "[") else { throw mismatch([T].self) }
        var result: [T] = []
        var position = entry + 1
        let end = Int(tape[entry].next)
        var index = 0
        let listPath = path
        while position < end {
            let element = TapeValue(tape: tape, entry: position, parent: listPath, name: .index(index))
            result.append(try element.model(T.self))
            position = Int(tape[position].next)
            index += 1
        }
        return result
    }

    /// The elements, each as a value of its own.
    func elements() throws -> [TapeValue] {
        guard tape.scanner.byte(start) == UInt8(ascii: "[") else { throw mismatch([Any].self) }
        var result: [TapeValue] = []
        let listPath = path
        var position = entry + 1
        let end = Int(tape[entry].next)
        while position < end {
            result.append(TapeValue(tape: tape, entry: position, parent: listPath, name: .index(result.count)))
            position = Int(tape[position].next)
        }
        return result
    }
}

/// A key named at run time, for errors.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
