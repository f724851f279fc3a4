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
    func dateTime(_ key: StaticString) throws -> RakutenDateTime {
        try read(key, { tape.string(at: $0).flatMap(RakutenDateTime.init(parsing:)) }, checked: { try $0.dateTime() })
    }

    func dateTimeIfPresent(_ key: StaticString) throws -> RakutenDateTime? {
        try readIfPresent(key, { tape.string(at: $0).flatMap(RakutenDateTime.init(parsing:)) }, checked: { try $0.dateTime() })
    }

    func date(_ key: StaticString) throws -> RakutenDate {
        try read(key, { tape.string(at: $0).flatMap(RakutenDate.init(parsing:)) }, checked: { try $0.date() })
    }

    func dateIfPresent(_ key: StaticString) throws -> RakutenDate? {
        try readIfPresent(key, { tape.string(at: $0).flatMap(RakutenDate.init(parsing:)) }, checked: { try $0.date() })
    }
}
