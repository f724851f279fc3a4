import RakutenPay

/// Collects the validation errors of one request the way RMS words them:
/// `_ERROR_009` missing, `_ERROR_010` empty, `_ERROR_011` bad format — one message per problem.
struct RequestChecker {
    /// The function's part of the message code: SEARCH_ORDER, GET_ORDER...
    let functionCode: String
    let body: JSONValue
    private(set) var messages: [MessageModel] = []

    init(functionCode: String, body: JSONValue) {
        self.functionCode = functionCode
        self.body = body
    }

    var isValid: Bool { messages.isEmpty }

    mutating func add(_ message: MessageModel) {
        messages.append(message)
    }

    mutating func fail(_ number: String, _ text: String) {
        messages.append(.error("ORDER_EXT_API_\(functionCode)_ERROR_\(number)", text))
    }

    /// The field's value, or nil after recording it missing (009) or empty (010).
    mutating func required(_ field: String) -> JSONValue? {
        guard let value = body[field], value != .null else {
            fail("009", "\(field)の項目を指定して下さい。")
            return nil
        }
        if value == .string("") || value == .array([]) {
            fail("010", "\(field)の値を指定して下さい。")
            return nil
        }
        return value
    }

    mutating func badFormat(_ field: String) {
        fail("011", "\(field)の書式が不正です。")
    }

    mutating func requiredInt(_ field: String, allowed: ClosedRange<Int>? = nil) -> Int? {
        guard let value = required(field) else { return nil }
        guard let number = value.intValue, allowed.map({ $0.contains(number) }) ?? true else {
            badFormat(field)
            return nil
        }
        return number
    }

    mutating func requiredDateTime(_ field: String) -> RakutenDateTime? {
        guard let value = required(field) else { return nil }
        guard let text = value.stringValue, let dateTime = RakutenDateTime(parsing: text) else {
            badFormat(field)
            return nil
        }
        return dateTime
    }

    /// A list of order numbers, at most `limit`.
    mutating func orderNumberList(limit: Int) -> [String]? {
        guard let value = required("orderNumberList") else { return nil }
        guard let values = value.arrayValue, values.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
            badFormat("orderNumberList")
            return nil
        }
        guard values.count <= limit else {
            fail("011", "orderNumberListは\(limit)件以内で指定して下さい。")
            return nil
        }
        return values.compactMap(\.stringValue)
    }
}
