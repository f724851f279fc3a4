/// getOrder request (§4.1): at most 100 numbers; `version` is required.
public struct GetOrderRequest: Sendable, Hashable, Codable {
    public var orderNumberList: [String]
    public var version: Int

    public init(orderNumberList: [String], version: Int) {
        self.orderNumberList = orderNumberList
        self.version = version
    }

    public static let maximumOrders = 100
    /// The newest version the documentation lists (10, ソーシャルギフト対応).
    public static let newestVersion = 10
}

/// getOrder response (§4.2). Orders are decoded one by one, so that one malformed order
/// is reported by number and key path while the others of the response still arrive.
public struct GetOrderResponse: Sendable {
    public var messages: [MessageModel]
    public var orders: [OrderModel]
    public var failures: [OrderDecodingFailure]
    public var version: Int?
    /// Where each of `orders` lies in the bytes it was read from, when it was read through the
    /// tape (``JSONIndexDecoder``): RMS's exact JSON of an order, without a second scan.
    var orderBytes: [Range<Int>] = []
    /// The same for each of `failures`.
    var failureBytes: [Range<Int>] = []

    public init(messages: [MessageModel], orders: [OrderModel], failures: [OrderDecodingFailure] = [], version: Int?) {
        self.messages = messages
        self.orders = orders
        self.failures = failures
        self.version = version
    }
}

extension GetOrderResponse: Codable {
    enum CodingKeys: String, CodingKey {
        case version
        case messages = "MessageModelList"
        case orders = "OrderModelList"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decode([MessageModel].self, forKey: .messages)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        orders = []
        failures = []
        guard var list = try? container.nestedUnkeyedContainer(forKey: .orders) else { return }
        while !list.isAtEnd {
            let index = list.currentIndex
            do {
                orders.append(try list.decode(OrderModel.self))
            } catch {
                // The element failed; read just its number (if any) to say which order it was.
                let number = (try? list.decode(OrderNumberOnly.self))?.orderNumber
                failures.append(OrderDecodingFailure(index: index, orderNumber: number, error: error))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messages, forKey: .messages)
        try container.encode(orders, forKey: .orders)
        try container.encodeIfPresent(version, forKey: .version)
    }

    private struct OrderNumberOnly: Decodable {
        let orderNumber: String?
    }
}

/// One order of a getOrder response that could not be read.
public struct OrderDecodingFailure: Error, Sendable, CustomStringConvertible {
    public let index: Int
    public let orderNumber: String?
    /// Where in the order the problem is: `PackageModelList[0].SenderModel.prefecture`.
    public let keyPath: String
    public let problem: String
    /// RMS's exact JSON of the order, when the answer was read through the tape: the order is
    /// stored with it (要確認) rather than dropped.
    public internal(set) var rawJSON: [UInt8]?

    init(index: Int, orderNumber: String?, error: any Error) {
        self.index = index
        self.orderNumber = orderNumber
        let (path, problem) = OrderDecodingFailure.explain(error)
        self.keyPath = path
        self.problem = problem
    }

    public var description: String {
        "注文 \(orderNumber ?? "（番号不明, \(index + 1)件目）") の \(keyPath): \(problem)"
    }

    static func explain(_ error: any Error) -> (String, String) {
        guard let error = error as? DecodingError else { return ("?", "\(error)") }
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "必須の項目がありません")
        case .valueNotFound(_, let context):
            return (path(context.codingPath), "null は使えない項目です")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "型が違います（\(type) が必要）")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("?", "\(error)")
        }
    }

    /// `PackageModelList[0].SenderModel.prefecture`, relative to the order.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        // Drop "OrderModelList" and the element index: the path is read within the order.
        for key in keys.drop(while: { $0.stringValue == "OrderModelList" || $0.intValue != nil }) {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "（注文全体）" : text
    }
}
