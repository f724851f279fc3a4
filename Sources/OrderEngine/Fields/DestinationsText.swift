import Foundation

/// How the journal keeps a name and address (the orderer, each package's 送付先 and 置き配): JSON
/// with sorted keys, so that the same contact is the same text and the journal can put it back.
enum DestinationsText {
    struct Place: Codable, Equatable {
        var contact: Contact
        var dropOffLocation: String?

        /// 「山田 太郎 〒100-0001 東京都千代田区千代田1-1（置き配: 玄関前）」
        var summary: String {
            contact.summary + (dropOffLocation.map { "（置き配: \($0)）" } ?? "")
        }
    }

    static func text(of packages: [Package]) -> String? {
        guard !packages.isEmpty else { return nil }
        return encode(packages.map { Place(contact: $0.destination, dropOffLocation: $0.handling?.dropOffLocation) })
    }

    static func text(of contact: Contact) -> String? { encode(contact) }

    static func destinations(_ text: String) -> [Place]? { decode([Place].self, text) }
    static func contact(_ text: String) -> Contact? { decode(Contact.self, text) }

    private static func encode(_ value: some Encodable) -> String? { JSONText.encode(value) }

    /// Nil for a text that is not ours: the caller reports it (FieldValueMismatch, with the text).
    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            return nil
        }
    }
}

extension Contact {
    /// 「山田 太郎 〒100-0001 東京都千代田区千代田1-1 03-1234-5678」
    public var summary: String {
        "\(fullName) \(postalAddress)" + (phoneNumber.isEmpty ? "" : " \(phoneNumber)")
    }
}
