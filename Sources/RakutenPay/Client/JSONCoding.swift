import Foundation

/// The coders every request and response goes through. Date fields have their own types
/// (RakutenDateTime, RakutenDate), so no date strategy is needed.
enum JSONCoding {
    static var decoder: JSONDecoder { JSONDecoder() }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: Data(bytes))
    }
}
