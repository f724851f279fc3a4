import Foundation

/// Writes JSON with each object's keys in the order its type encodes them — for a synthesized
/// conformance, the order the properties are declared in, which for the API's models is the order
/// of Rakuten's field tables. RMS's own server writes its keys in that fixed order; JSONEncoder
/// keeps keys in a dictionary, so its order changes from one run to the next. The readers of
/// getOrder's orders (`OrderModel+Tape`) read keys in that order and find each where the last
/// one ended.
///
/// For the API's models: strings, numbers, booleans, nested models and lists. As JSONEncoder with
/// `.withoutEscapingSlashes`: a nil optional is left out, a whole double is written without
/// its fraction (`0`, not `0.0`), a double that is not finite cannot be written. Other types go
/// through their own Codable conformance: a `Date` as its number of seconds (JSONEncoder's
/// default too), but a `Data` as an array of its bytes, not in base64.
public struct OrderedJSONEncoder: Sendable {
    /// Keys written as `null` when their value is nil, as RMS writes `"WrappingModel1": null`;
    /// other nil values are left out, as JSONEncoder leaves them.
    public var nullKeys: Set<String>

    public init() {
        nullKeys = []
    }

    public init(nullKeys: Set<String>) {
        self.nullKeys = nullKeys
    }

    public func encode<T: Encodable>(_ value: T) throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        try Self.$nullKeysInEffect.withValue(nullKeys) { try Self.node(for: value, at: []).write(to: &out) }
        return Data(out)
    }

    /// ``nullKeys`` while a value is being encoded (the containers are made deep inside Codable).
    @TaskLocal static var nullKeysInEffect: Set<String> = []

    /// What `value` encodes to; leaves without an encoder of their own.
    static func node<T: Encodable>(for value: T, at codingPath: [any CodingKey]) throws -> Node {
        switch value {
        case let text as String: return .string(text)
        case let number as Int: return .number(String(number))
        case let number as Double: return try .double(number, at: codingPath)
        case let flag as Bool: return .bool(flag)
        default:
            let encoder = NodeEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            // JSONEncoder writes a nested value that encoded nothing as an empty object.
            return encoder.node ?? .object(ObjectNode())
        }
    }
}

extension OrderedJSONEncoder {
    /// A value being built. Objects and arrays are references, so that a container handed out
    /// earlier still writes into its place.
    enum Node {
        case null
        case bool(Bool)
        /// A number's JSON text.
        case number(String)
        case string(String)
        case object(ObjectNode)
        case array(ArrayNode)

        static func double(_ value: Double, at codingPath: [any CodingKey]) throws -> Node {
            guard value.isFinite else {
                throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSONに書けない数値です: \(value)"))
            }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            return .number(text)
        }

        func write(to out: inout [UInt8]) {
            switch self {
            case .null: out.append(contentsOf: "null".utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let text): out.append(contentsOf: text.utf8)
            case .string(let text): Self.write(string: text, to: &out)
            case .object(let object):
                out.append(UInt8(ascii: "{"))
                for (index, member) in object.members.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    Self.write(string: member.key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    member.value.write(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            case .array(let array):
                out.append(UInt8(ascii: "["))
                for (index, element) in array.elements.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    element.write(to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }

        /// Escapes what JSON requires: the quote, the backslash and control characters.
        static func write(string: String, to out: inout [UInt8]) {
            out.append(UInt8(ascii: "\""))
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    final class ObjectNode {
        private(set) var members: [(key: String, value: Node)] = []
        /// Where each key is in `members`: a key written again replaces its value in place.
        private var positions: [String: Int] = [:]

        func set(_ key: String, _ value: Node) {
            if let position = positions[key] {
                members[position].value = value
            } else {
                positions[key] = members.count
                members.append((key, value))
            }
        }

        /// The object already at `key`, or a new one put there (replacing anything else).
        func object(at key: String) -> ObjectNode {
            if let position = positions[key], case .object(let existing) = members[position].value { return existing }
            let object = ObjectNode()
            set(key, .object(object))
            return object
        }

        /// The array already at `key`, or a new one put there (replacing anything else).
        func array(at key: String) -> ArrayNode {
            if let position = positions[key], case .array(let existing) = members[position].value { return existing }
            let array = ArrayNode()
            set(key, .array(array))
            return array
        }
    }

    final class ArrayNode {
        var elements: [Node] = []
    }
}
