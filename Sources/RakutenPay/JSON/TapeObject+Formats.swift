extension TapeValue {
    func dateTime() throws -> RakutenDateTime {
        let text = try string()
        guard let value = RakutenDateTime(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: PathLink.array(path), debugDescription: "「\(text)」は yyyy-MM-ddTHH:mm:ss+0900 の形式ではありません"))
        }
        return value
    }

    func date() throws -> RakutenDate {
        let text = try string()
        guard let value = RakutenDate(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: PathLink.array(path), debugDescription: "「\(text)」は yyyy-MM-dd の形式ではありません"))
        }
        return value
    }
}

extension TapeObject {
    func dateTime(_ key: StaticString) throws -> RakutenDateTime { try value(key).dateTime() }
    func dateTimeIfPresent(_ key: StaticString) throws -> RakutenDateTime? { try valueIfPresent(key)?.dateTime() }
    func dateIfPresent(_ key: StaticString) throws -> RakutenDate? { try valueIfPresent(key)?.date() }
    func date(_ key: StaticString) throws -> RakutenDate { try value(key).date() }
}
