import Foundation

/// The coders every request and response goes through. Date fields have their own types
/// (RakutenDateTime, RakutenDate), so no date strategy is needed.
enum JSONCoding {
    static var decoder: JSONIndexDecoder { JSONIndexDecoder() }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}
