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
    // As integers and strings: read straight from the tape, with a TapeValue only for an error.
    func dateTime(_ key: StaticString) throws -> RakutenDateTime {
        if let text = try? string(key), let value = RakutenDateTime(parsing: text) { return value }
        return try value(key).dateTime()
    }

    func dateTimeIfPresent(_ key: StaticString) throws -> RakutenDateTime? {
        if let text = try? stringIfPresent(key), let value = RakutenDateTime(parsing: text) { return value }
        return try valueIfPresent(key)?.dateTime()
    }

    func dateIfPresent(_ key: StaticString) throws -> RakutenDate? {
        if let text = try? stringIfPresent(key), let value = RakutenDate(parsing: text) { return value }
        return try valueIfPresent(key)?.date()
    }

    func date(_ key: StaticString) throws -> RakutenDate {
        if let text = try? string(key), let value = RakutenDate(parsing: text) { return value }
        return try value(key).date()
    }
}
