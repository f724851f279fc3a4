/// searchOrder: one page, or every order number of a period.
extension RakutenPayClient {
    /// One page exactly as asked.
    public func searchOrder(_ request: SearchOrderRequest) async throws -> SearchOrderResponse {
        try await call(.searchOrder, request, as: SearchOrderResponse.self)
    }

    /// Every order number matching `progress` ordered between `start` and `end`.
    ///
    /// Walks every page (1,000 per page). A period longer than the API's 63-day window is split
    /// into windows; a window that reaches the 15,000-result cap is split again, so nothing is cut off.
    /// `progress` nil: every status. `onPage` is told of each page asked (what the search cost).
    public func searchOrderNumbers(
        orderProgress progress: [Int]?, dateType: Int = SearchOrderRequest.DateType.orderDate,
        from start: RakutenDateTime, to end: RakutenDateTime, onPage: @Sendable () -> Void = {}
    ) async throws -> [String] {
        var numbers: [String] = []
        var seen: Set<String> = []
        for window in Self.windows(from: start, to: end) {
            for number in try await searchWindow(progress: progress, dateType: dateType, window: window, onPage: onPage)
            where seen.insert(number).inserted {
                numbers.append(number)
            }
        }
        return numbers
    }

    static let windowSeconds = Int64(SearchOrderRequest.maximumWindowDays) * 86_400

    /// `start...end` cut into consecutive windows of at most 63 days.
    static func windows(from start: RakutenDateTime, to end: RakutenDateTime) -> [(RakutenDateTime, RakutenDateTime)] {
        var windows: [(RakutenDateTime, RakutenDateTime)] = []
        var from = start
        while from < end {
            let to = min(end, from.adding(seconds: windowSeconds))
            windows.append((from, to))
            from = to.adding(seconds: 1)
        }
        if windows.isEmpty { windows.append((start, end)) }
        return windows
    }

    private func searchWindow(
        progress: [Int]?, dateType: Int, window: (RakutenDateTime, RakutenDateTime), onPage: @Sendable () -> Void
    ) async throws -> [String] {
        let perPage = SearchOrderRequest.maximumRecordsPerPage
        var request = SearchOrderRequest(
            dateType: dateType, startDatetime: window.0, endDatetime: window.1, orderProgressList: progress,
            pagination: PaginationRequestModel(
                requestRecordsAmount: perPage, requestPage: 1, sortModelList: [SortModel(sortDirection: 1)]))
        let first = try await searchOrder(request)
        onPage()
        let total = first.pagination?.totalRecordsAmount ?? 0
        if total >= SearchOrderRequest.resultCap, window.1.epochSeconds - window.0.epochSeconds > 1 {
            // Past the cap RMS returns nothing more: halve the window until each half fits.
            let middle = RakutenDateTime(
                epochSeconds: window.0.epochSeconds + (window.1.epochSeconds - window.0.epochSeconds) / 2)
            let left = try await searchWindow(progress: progress, dateType: dateType, window: (window.0, middle), onPage: onPage)
            let right = try await searchWindow(
                progress: progress, dateType: dateType, window: (middle.adding(seconds: 1), window.1), onPage: onPage)
            return left + right
        }
        var numbers = first.orderNumberList ?? []
        let pages = first.pagination?.totalPages ?? 0
        var page = 2
        while page <= pages {
            request.pagination?.requestPage = page
            numbers += try await searchOrder(request).orderNumberList ?? []
            onPage()
            page += 1
        }
        return numbers
    }
}
