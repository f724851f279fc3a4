/// searchOrder request (§3.1). Only `dateType`, `startDatetime` and `endDatetime` are required.
public struct SearchOrderRequest: Sendable, Hashable, Codable {
    public var orderProgressList: [Int]?
    public var subStatusIdList: [Int]?
    /// 1 注文日, 2 注文確認日, 3 注文確定日, 4 発送日, 5 発送完了報告日, 6 決済確定日.
    public var dateType: Int
    public var startDatetime: RakutenDateTime
    /// No more than 63 days after `startDatetime`.
    public var endDatetime: RakutenDateTime
    public var orderTypeList: [Int]?
    public var settlementMethod: Int?
    public var deliveryName: String?
    public var shippingDateBlankFlag: Int?
    public var shippingNumberBlankFlag: Int?
    public var searchKeywordType: Int?
    public var searchKeyword: String?
    public var mailSendType: Int?
    public var ordererMailAddress: String?
    public var phoneNumberType: Int?
    public var phoneNumber: String?
    public var reserveNumber: String?
    public var purchaseSiteType: Int?
    public var asurakuFlag: Int?
    public var couponUseFlag: Int?
    public var drugFlag: Int?
    public var overseasFlag: Int?
    public var oneDayOperationFlag: Int?
    public var pagination: PaginationRequestModel?

    enum CodingKeys: String, CodingKey {
        case orderProgressList, subStatusIdList, dateType, startDatetime, endDatetime, orderTypeList
        case settlementMethod, deliveryName, shippingDateBlankFlag, shippingNumberBlankFlag, searchKeywordType
        case searchKeyword, mailSendType, ordererMailAddress, phoneNumberType, phoneNumber, reserveNumber
        case purchaseSiteType, asurakuFlag, couponUseFlag, drugFlag, overseasFlag, oneDayOperationFlag
        case pagination = "PaginationRequestModel"
    }

    public init(
        dateType: Int = DateType.orderDate, startDatetime: RakutenDateTime, endDatetime: RakutenDateTime,
        orderProgressList: [Int]? = nil, pagination: PaginationRequestModel? = nil
    ) {
        self.dateType = dateType
        self.startDatetime = startDatetime
        self.endDatetime = endDatetime
        self.orderProgressList = orderProgressList
        self.pagination = pagination
    }

    public enum DateType {
        public static let orderDate = 1
        public static let confirmationDate = 2
    }

    /// The API's limits on one search.
    public static let maximumWindowDays = 63
    public static let maximumLookBackDays = 730
    public static let maximumRecordsPerPage = 1000
    public static let defaultRecordsPerPage = 30
    public static let resultCap = 15_000
}

public struct PaginationRequestModel: Sendable, Hashable, Codable {
    /// ≤ 1000, default 30.
    public var requestRecordsAmount: Int
    public var requestPage: Int
    public var sortModelList: [SortModel]?

    enum CodingKeys: String, CodingKey {
        case requestRecordsAmount, requestPage
        case sortModelList = "SortModelList"
    }

    public init(requestRecordsAmount: Int, requestPage: Int, sortModelList: [SortModel]? = nil) {
        self.requestRecordsAmount = requestRecordsAmount
        self.requestPage = requestPage
        self.sortModelList = sortModelList
    }
}

public struct SortModel: Sendable, Hashable, Codable {
    /// Only 1 (注文日時) exists.
    public var sortColumn: Int
    /// 1 ascending, 2 descending (default).
    public var sortDirection: Int

    public init(sortColumn: Int = 1, sortDirection: Int) {
        self.sortColumn = sortColumn
        self.sortDirection = sortDirection
    }
}

/// searchOrder response (§3.2).
public struct SearchOrderResponse: Sendable, Hashable, Codable {
    public var messages: [MessageModel]
    /// Null on error.
    public var orderNumberList: [String]?
    /// Its three fields are null when nothing matched.
    public var pagination: PaginationResponseModel?

    enum CodingKeys: String, CodingKey {
        case orderNumberList
        case messages = "MessageModelList"
        case pagination = "PaginationResponseModel"
    }

    public init(messages: [MessageModel], orderNumberList: [String]?, pagination: PaginationResponseModel?) {
        self.messages = messages
        self.orderNumberList = orderNumberList
        self.pagination = pagination
    }

    /// Encodes null (not an absent key) for a nil list or pagination, as RMS does.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderNumberList, forKey: .orderNumberList)
        try container.encode(messages, forKey: .messages)
        try container.encode(pagination, forKey: .pagination)
    }
}

public struct PaginationResponseModel: Sendable, Hashable, Codable {
    public var totalRecordsAmount: Int?
    public var totalPages: Int?
    public var requestPage: Int?

    public init(totalRecordsAmount: Int?, totalPages: Int?, requestPage: Int?) {
        self.totalRecordsAmount = totalRecordsAmount
        self.totalPages = totalPages
        self.requestPage = requestPage
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(totalRecordsAmount, forKey: .totalRecordsAmount)
        try container.encode(totalPages, forKey: .totalPages)
        try container.encode(requestPage, forKey: .requestPage)
    }
}
