import RakutenPay

/// What happens to a shop's orders without anyone calling the API: new orders arrive and
/// customers cancel. Each interval since the start draws from its own seeded sequence, so the
/// same seed gives the same life whenever it is looked at.
struct SandboxLife: Sendable {
    let interval: Int64
    let startedAt: Int64
    let seed: UInt64
    let newOrderChance: Double
    let cancelChance: Double
    var generator: OrderGenerator
    var ticksDone: Int64 = 0

    init(configuration: SandboxConfiguration, startedAt: RakutenDateTime) {
        interval = Int64(configuration.lifeIntervalSeconds.rounded())
        self.startedAt = startedAt.epochSeconds
        seed = configuration.seed
        newOrderChance = configuration.newOrderChance
        cancelChance = configuration.customerCancelChance
        generator = OrderGenerator(seed: configuration.seed ^ 0x11FE, settings: .init(shopID: configuration.shopID))
    }

    /// The events of every interval that has passed by `now` and not been played yet.
    mutating func events(until now: RakutenDateTime) -> [Event] {
        guard interval > 0 else { return [] }
        var events: [Event] = []
        while startedAt + (ticksDone + 1) * interval <= now.epochSeconds {
            ticksDone += 1
            let at = RakutenDateTime(epochSeconds: startedAt + ticksDone * interval)
            var random = SeededRandom(seed: seed &+ UInt64(ticksDone) &* 0x9E37_79B9)
            if random.chance(newOrderChance) { events.append(.newOrder(generator.newOrder(placedAt: at))) }
            if random.chance(cancelChance) { events.append(.customerCancels(pick: random.next(), at: at)) }
        }
        return events
    }

    /// Passes over the intervals up to `now` without playing them (the clock was moved forward).
    mutating func skip(to now: RakutenDateTime) {
        guard interval > 0 else { return }
        ticksDone = max(ticksDone, (now.epochSeconds - startedAt) / interval)
    }

    enum Event: Sendable {
        case newOrder(OrderModel)
        /// A customer cancels an order still awaiting confirmation; `pick` chooses which.
        case customerCancels(pick: UInt64, at: RakutenDateTime)
    }
}

extension SandboxState {
    func liveUntil(_ now: RakutenDateTime) {
        for event in life.events(until: now) {
            switch event {
            case .newOrder(let order):
                add(order)
            case .customerCancels(let pick, let at):
                let awaiting = orders.values.filter { $0.orderProgress == 100 }.map(\.orderNumber).sorted()
                guard !awaiting.isEmpty else { continue }
                cancel(awaiting[Int(pick % UInt64(awaiting.count))], reason: 1, byCustomer: true, at: at)
            }
        }
    }

    func skipLife(to now: RakutenDateTime) {
        life.skip(to: now)
    }

    func addNewOrders(_ count: Int, at now: RakutenDateTime) {
        for offset in 0..<count { add(life.generator.newOrder(placedAt: now.adding(seconds: -Int64(offset)))) }
    }

    /// Moves an order to 800 キャンセル確定待ち, and to 900 later, recording who asked.
    func cancel(_ number: String, reason: Int, byCustomer: Bool, at now: RakutenDateTime) {
        guard var order = orders[number] else { return }
        order.orderProgress = 800
        order.changeReasonModelList = (order.changeReasonModelList ?? []) + [ChangeReasonModel(
            changeId: nextChange(), changeType: 0, changeTypeDetail: 2, changeReason: byCustomer ? 1 : 0,
            changeReasonDetail: reason, changeApplyDatetime: now)]
        replace(order)
        schedule(number, to: 900, at: now.epochSeconds + Int64(configuration.secondsUntilCancelled.rounded()))
    }
}
