import OrderEngine
import RakutenPay

/// What the sandbox's RMS holds: the shop's orders and how they move on by themselves.
actor SandboxState {
    private(set) var orders: [String: OrderModel] = [:]
    /// Order numbers sorted by orderDatetime, oldest first: the search index.
    private var byDate: [String] = []
    private var transitions: [Transition] = []
    /// How many confirmations RMS accepted per order: must never exceed one.
    private(set) var acceptedConfirmations: [String: Int] = [:]
    /// How many writes of each function RMS carried out per order: the tests' oracle that a
    /// write recorded once in the outbox reached RMS once.
    private(set) var acceptedWrites: [APIFunction: [String: Int]] = [:]
    var nextChangeID = 90_000_000
    /// 発送明細ID: 12 digits, as RMS gives them.
    var nextShippingDetailID = 100_000_000_000
    /// Orders at 300 whose every basket has complete shipping rows, with their latest ship date:
    /// RMS moves them to 500 on the day after it.
    var shippedOn: [String: RakutenDate] = [:]
    /// updateOrderShippingAsync jobs by requestId: their results and when RMS shows them.
    var shippingJobs: [String: ShippingJob] = [:]
    /// Orders change by themselves as in life: new ones arrive, customers cancel. Seeded.
    var life: SandboxLife
    let configuration: SandboxConfiguration

    struct ShippingJob {
        let readyAt: Int64
        let results: [GetResultUpdateOrderShippingAsyncResponse.Result]
    }

    func schedule(_ number: String, to progress: Int, at time: Int64) {
        transitions.append(Transition(orderNumber: number, at: time, progress: progress))
    }

    func replace(_ order: OrderModel) {
        orders[order.orderNumber] = order
    }

    func nextChange() -> Int {
        nextChangeID += 1
        return nextChangeID
    }

    struct Transition {
        let orderNumber: String
        let at: Int64
        let progress: Int
    }

    init(configuration: SandboxConfiguration, orders initial: [OrderModel], startedAt: RakutenDateTime) {
        self.configuration = configuration
        life = SandboxLife(configuration: configuration, startedAt: startedAt)
        for order in initial { orders[order.orderNumber] = order }
        byDate = initial.sorted { $0.orderDatetime < $1.orderDatetime }.map(\.orderNumber)
    }

    func add(_ order: OrderModel) {
        orders[order.orderNumber] = order
        let index = byDate.firstIndex { orders[$0]!.orderDatetime > order.orderDatetime } ?? byDate.endIndex
        byDate.insert(order.orderNumber, at: index)
    }

    /// Applies every scheduled move that is due at `now`, and what happened by itself meanwhile.
    func advance(to now: RakutenDateTime) {
        liveUntil(now)
        shipReported(by: now)
        guard !transitions.isEmpty else { return }
        var remaining: [Transition] = []
        for transition in transitions {
            guard transition.at <= now.epochSeconds else {
                remaining.append(transition)
                continue
            }
            // A cancellation in the meantime stops the order's progress; a cancellation itself goes on to 900.
            guard var order = orders[transition.orderNumber], order.orderProgress < transition.progress,
                order.orderProgress < 800 || transition.progress == 900
            else { continue }
            order.orderProgress = transition.progress
            if transition.progress == 300 { order.orderFixDatetime = RakutenDateTime(epochSeconds: transition.at) }
            orders[transition.orderNumber] = order
        }
        transitions = remaining
    }

    // MARK: searchOrder

    struct SearchHit {
        let total: Int
        let numbers: [String]
    }

    /// The numbers matching, sorted as asked, within the 15,000 cap, for one page.
    func search(
        progress: Set<Int>?, dateType: Int, from start: RakutenDateTime, to end: RakutenDateTime,
        ascending: Bool, perPage: Int, page: Int
    ) -> SearchHit {
        let matching = byDate.filter { number in
            let order = orders[number]!
            if let progress, !progress.contains(order.orderProgress) { return false }
            let date: RakutenDateTime? =
                switch dateType {
                case 1: order.orderDatetime
                case 2: order.shopOrderCfmDatetime
                case 3: order.orderFixDatetime
                case 5: order.shippingCmplRptDatetime
                default: order.orderDatetime
                }
            guard let date else { return false }
            return date >= start && date <= end
        }
        let sorted = ascending ? matching : matching.reversed()
        let reachable = sorted.prefix(SearchOrderRequest.resultCap)
        let from = (page - 1) * perPage
        guard from < reachable.count else { return SearchHit(total: matching.count, numbers: []) }
        let to = min(reachable.count, from + perPage)
        return SearchHit(total: matching.count, numbers: Array(reachable[reachable.startIndex + from ..< reachable.startIndex + to]))
    }

    // MARK: confirmOrder

    /// Confirms one order as RMS would; the message says what happened to it.
    func confirm(_ number: String, now: RakutenDateTime) -> MessageModel {
        guard var order = orders[number] else {
            return .error("ORDER_EXT_API_CONFIRM_ORDER_ERROR_101", "指定された注文番号は存在しませんでした。", orderNumber: number)
        }
        if order.orderProgress == 800 || order.orderProgress == 900 {
            return .error(ConfirmOrderCode.cancelled, "該当の注文はキャンセルされているため注文確認ができませんでした。", orderNumber: number)
        }
        if order.orderProgress != 100 || order.shopOrderCfmDatetime != nil {
            return .error(ConfirmOrderCode.notAwaiting, "該当の注文は注文確認ができる状態ではありませんでした。", orderNumber: number)
        }
        if order.postagePrice == Money.rakutenUnsetSentinel {
            return .error(ConfirmOrderCode.postageUnset, "送料が未設定のため注文確認ができませんでした。", orderNumber: number)
        }
        order.shopOrderCfmDatetime = now
        order.changeReasonModelList = (order.changeReasonModelList ?? []) + [ChangeReasonModel(
            changeId: nextChange(), changeType: ChangeReasonModel.orderConfirmationType,
            changeApplyDatetime: now, changeFixDatetime: now, changeCmplDatetime: now)]
        orders[number] = order
        acceptedConfirmations[number, default: 0] += 1
        noteAccepted(.confirmOrder, number)
        let processing = now.epochSeconds + Int64(configuration.secondsUntilProcessing.rounded())
        let done = processing + Int64(configuration.secondsUntilDone.rounded())
        schedule(number, to: 200, at: processing)
        schedule(number, to: 300, at: done)
        return .info(ConfirmOrderCode.success, "注文確認に成功しました。", orderNumber: number)
    }

    func noteAccepted(_ function: APIFunction, _ number: String) {
        acceptedWrites[function, default: [:]][number, default: 0] += 1
    }

    /// For tests and the admin endpoint: set an order's progress as if RMS or the customer had moved it.
    func modify(_ number: String, _ change: (inout OrderModel) -> Void) -> Bool {
        guard var order = orders[number] else { return false }
        change(&order)
        orders[number] = order
        return true
    }

    func setProgress(_ number: String, to progress: Int) -> Bool {
        guard var order = orders[number] else { return false }
        order.orderProgress = progress
        orders[number] = order
        return true
    }

    /// A ソーシャルギフト's recipient enters where it goes: RMS's placeholders give way to the
    /// address, and inputFlag says so. False when the order is not one waiting for it.
    func enterGiftRecipient(_ number: String, now: RakutenDateTime) -> Bool {
        guard var order = orders[number], let index = order.packageModelList.firstIndex(where: { $0.socialGiftModel?.inputFlag == 0 }) else {
            return false
        }
        var package = order.packageModelList[index]
        package.socialGiftModel?.inputFlag = 1
        package.socialGiftModel?.inputCompDatetime = now
        var sender = package.senderModel
        sender.zipCode1 = "060"
        sender.zipCode2 = "0005"
        sender.prefecture = "北海道"
        sender.city = "札幌市中央区"
        sender.subAddress = "北五条西2-1-1"
        sender.familyName = "北川"
        sender.firstName = "結衣"
        sender.familyNameKana = "キタガワ"
        sender.firstNameKana = "ユイ"
        sender.phoneNumber1 = "011"
        sender.phoneNumber2 = "222"
        sender.phoneNumber3 = "3333"
        package.senderModel = sender
        order.packageModelList[index] = package
        orders[number] = order
        return true
    }
}
