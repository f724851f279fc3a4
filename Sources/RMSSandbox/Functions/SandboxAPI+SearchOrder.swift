import Hummingbird
import RakutenPay

extension SandboxAPI {
    /// searchOrder: the checks of §3 (required fields, 63-day window, 730-day look-back, ≤1000 per
    /// page), then one page of numbers with RMS's pagination (null fields on zero hits).
    func searchOrder(_ body: JSONValue) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "SEARCH_ORDER", body: body)
        let dateType = check.requiredInt("dateType", allowed: 1...6)
        let start = check.requiredDateTime("startDatetime")
        let end = check.requiredDateTime("endDatetime")
        var progress: Set<Int>?
        if let list = body["orderProgressList"], list != .null {
            let codes = list.arrayValue?.compactMap(\.intValue) ?? []
            if codes.count != list.arrayValue?.count || codes.contains(where: { !RMSProgressCodes.all.contains($0) }) {
                check.badFormat("orderProgressList")
            } else {
                progress = Set(codes)
            }
        }
        var perPage = SearchOrderRequest.defaultRecordsPerPage
        var page = 1
        var ascending = false
        if let pagination = body["PaginationRequestModel"], pagination != .null {
            if let amount = pagination["requestRecordsAmount"] {
                if let value = amount.intValue, (1...SearchOrderRequest.maximumRecordsPerPage).contains(value) {
                    perPage = value
                } else {
                    check.badFormat("requestRecordsAmount")
                }
            }
            if let requested = pagination["requestPage"] {
                if let value = requested.intValue, value >= 1 { page = value } else { check.badFormat("requestPage") }
            }
            if let sort = pagination["SortModelList"]?.arrayValue?.first {
                ascending = sort["sortDirection"]?.intValue == 1
            }
        }
        if let start, let end {
            let now = now()
            if end < start {
                check.fail("012", "endDatetimeはstartDatetime以降を指定して下さい。")
            } else if end.epochSeconds - start.epochSeconds > Int64(SearchOrderRequest.maximumWindowDays) * 86_400 {
                check.fail("013", "検索期間は\(SearchOrderRequest.maximumWindowDays)日以内で指定して下さい。")
            }
            if start.epochSeconds < now.epochSeconds - Int64(SearchOrderRequest.maximumLookBackDays) * 86_400 {
                check.fail("014", "startDatetimeは過去\(SearchOrderRequest.maximumLookBackDays)日以内を指定して下さい。")
            }
        }
        guard check.isValid, let dateType, let start, let end else {
            return SandboxAnswer.json(.badRequest, SearchOrderResponse(messages: check.messages, orderNumberList: nil, pagination: nil))
        }
        let hit = await state.search(
            progress: progress, dateType: dateType, from: start, to: end, ascending: ascending, perPage: perPage, page: page)
        guard hit.total > 0 else {
            return SandboxAnswer.json(.ok, SearchOrderResponse(
                messages: [.info("ORDER_EXT_API_SEARCH_ORDER_INFO_102", "注文検索に成功しました。(検索結果０件)")],
                orderNumberList: [],
                pagination: PaginationResponseModel(totalRecordsAmount: nil, totalPages: nil, requestPage: nil)))
        }
        return SandboxAnswer.json(.ok, SearchOrderResponse(
            messages: [.info("ORDER_EXT_API_SEARCH_ORDER_INFO_101", "注文検索に成功しました。")],
            orderNumberList: hit.numbers,
            pagination: PaginationResponseModel(
                totalRecordsAmount: hit.total, totalPages: (hit.total + perPage - 1) / perPage, requestPage: page)))
    }
}

enum RMSProgressCodes {
    static let all: Set<Int> = [100, 200, 300, 400, 500, 600, 700, 800, 900]
}
