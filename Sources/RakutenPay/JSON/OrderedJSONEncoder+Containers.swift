extension OrderedJSONEncoder {
    /// The Encoder a value writes itself into: it ends up holding one node.
    final class NodeEncoder: Encoder {
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var node: Node?

        init(codingPath: [any CodingKey]) {
            self.codingPath = codingPath
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let object: ObjectNode
            if case .object(let existing)? = node {
                object = existing
            } else {
                object = ObjectNode()
                node = .object(object)
            }
            return KeyedEncodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let array: ArrayNode
            if case .array(let existing)? = node {
                array = existing
            } else {
                array = ArrayNode()
                node = .array(array)
            }
            return UnkeyedContainer(array: array, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueContainer(encoder: self)
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: ObjectNode
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }

        /// A nil value is left out, unless its key is one RMS writes as null.
        private mutating func encodeAbsent(forKey key: Key) throws {
            if OrderedJSONEncoder.nullKeysInEffect.contains(key.stringValue) { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeAbsent(forKey: key) }
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            object.set(key.stringValue, try .double(value, at: codingPath + [key]))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            object.set(key.stringValue, try .double(Double(value), at: codingPath + [key]))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, .number(String(value))) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.set(key.stringValue, try OrderedJSONEncoder.node(for: value, at: codingPath + [key]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(KeyedContainer<NestedKey>(object: object.object(at: key.stringValue), codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            UnkeyedContainer(array: object.array(at: key.stringValue), codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        private func superEncoder(named name: String) -> any Encoder {
            let encoder = NodeEncoder(codingPath: codingPath + [AnyKey(name)])
            encoder.node = .object(object.object(at: name))
            return encoder
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let array: ArrayNode
        let codingPath: [any CodingKey]
        var count: Int { array.elements.count }

        private var nextPath: [any CodingKey] { codingPath + [IndexKey(array.elements.count)] }

        mutating func encodeNil() throws { array.elements.append(.null) }
        mutating func encode(_ value: Bool) throws { array.elements.append(.bool(value)) }
        mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
        mutating func encode(_ value: Double) throws { array.elements.append(try .double(value, at: nextPath)) }
        mutating func encode(_ value: Float) throws { array.elements.append(try .double(Double(value), at: nextPath)) }
        mutating func encode(_ value: Int) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { array.elements.append(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { array.elements.append(.number(String(value))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            array.elements.append(try OrderedJSONEncoder.node(for: value, at: nextPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let path = nextPath
            let nested = ObjectNode()
            array.elements.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: path))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let path = nextPath
            let nested = ArrayNode()
            array.elements.append(.array(nested))
            return UnkeyedContainer(array: nested, codingPath: path)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = NodeEncoder(codingPath: nextPath)
            let placeholder = ObjectNode()
            array.elements.append(.object(placeholder))
            encoder.node = .object(placeholder)
            return encoder
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.node = .null }
        mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.node = .string(value) }
        mutating func encode(_ value: Double) throws { encoder.node = try .double(value, at: codingPath) }
        mutating func encode(_ value: Float) throws { encoder.node = try .double(Double(value), at: codingPath) }
        mutating func encode(_ value: Int) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int8) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int16) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int32) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Int64) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt8) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt16) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt32) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: UInt64) throws { encoder.node = .number(String(value)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.node = try OrderedJSONEncoder.node(for: value, at: codingPath)
        }
    }
}
