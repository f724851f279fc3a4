/// 同梱: ship orders of the same orderer to the same destination together. Rakuten Pay has no
/// bundling, so each Rakuten order must be confirmed and 楽天処理済, with its fees fixed, before it
/// is bundled; orders that find no partner in the selection are left alone.
public struct BundleAction: BulkAction {
    public init() {}

    public var id: ActionID { .bundle }
    public var decidesOnSelection: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if let reason = Self.obstacle(order) { return .skip(reason) }
        let partners = selection.orders.filter {
            $0.number != order.number && Self.obstacle($0) == nil && Self.sameRecipient($0, order)
        }
        guard !partners.isEmpty else { return .skip(.bundleNoPartner) }
        var after = order
        after.bundleID = BundleID(group: [order.number] + partners.map(\.number))
        return .change(after)
    }

    /// Why an order cannot be bundled at all, if it cannot.
    static func obstacle(_ order: Order) -> SkipReason? {
        if order.isBundled { return .alreadyBundled }
        if let problem = order.readProblem { return .unreadable(problem) }
        if order.packages.count != 1 { return .bundleMultipleDestinations }
        if order.localStatus == .shipped || order.rmsProgress >= .shipped { return .bundleAlreadyShipped }
        if order.origin.isRakutenAPI, order.sync != .rakutenDone { return .bundleNeedsConfirmedOrder(order.sync) }
        if order.fees.isAnyUnset { return .bundleNeedsFixedFees }
        return nil
    }

    /// Whether the order waits for RMS before it may be bundled: RMS has not yet taken it
    /// (楽天処理済), so it may yet be refused or cancelled. A rule's 同梱 waits for every order of
    /// the destination.
    public static func awaitsRMS(_ order: Order) -> Bool {
        if case .bundleNeedsConfirmedOrder = obstacle(order) { return true }
        return false
    }

    /// The pairs of `orders` that one buyer sent to one recipient and that could be bundled were
    /// RMS done with them (one destination each, fees set, not bundled yet), the lowest numbers
    /// first: what the demo shows bundled, as an operator would have left it.
    public static func pairsOfOneBuyer(_ orders: [Order]) -> [[Order]] {
        let open = orders.filter { !$0.isBundled && !$0.fees.isAnyUnset && $0.packages.count == 1 && $0.readProblem == nil }
        let groups = Dictionary(grouping: open) { "\($0.orderer.fullName)|\($0.orderer.postalAddress)" }
        return groups.values.filter { $0.count >= 2 }.map { Array($0.sorted { $0.number < $1.number }.prefix(2)) }
            .filter { sameRecipient($0[0], $0[1]) }
            .sorted { $0[0].number < $1[0].number }
    }

    /// Whether two orders go from one buyer to one recipient: what may share a parcel.
    public static func sameRecipient(_ a: Order, _ b: Order) -> Bool {
        a.orderer.isSameRecipient(as: b.orderer) && a.packages[0].destination.isSameRecipient(as: b.packages[0].destination)
    }
}

/// 同梱を解除する: undo a bundle. The store widens the selection to every member of the bundles
/// chosen, so that no bundle is left with one order.
public struct UnbundleAction: BulkAction {
    /// The keys of labels written for a bundle's parcel, by member (the store's shipment keys).
    public let labelKeys: [OrderNumber: [String]]

    public init(labelKeys: [OrderNumber: [String]] = [:]) {
        self.labelKeys = labelKeys
    }

    public var id: ActionID { .unbundle }
    public var decidesOnSelection: Bool { true }
    public var takesWholeBundles: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.isBundled else { return .skip(.notBundled) }
        var after = order
        after.bundleID = nil
        return .change(after)
    }

    /// A bundle whose parcel is already out — its label written, its number entered or reported —
    /// is one parcel at the carrier's: unbundled here, it is not undone there.
    public func caution(_ order: Order) -> String? {
        var said: [String] = []
        if let keys = labelKeys[order.number], !keys.isEmpty {
            said.append("同梱の送り状データを書き出し済みです（出荷キー \(keys.joined(separator: "・"))）")
        }
        let numbers = order.parcels.compactMap(\.trackingNumber)
        if order.parcels.contains(where: { $0.report != .unreported }) {
            said.append("同梱の発送完了報告をRMSに送っています（荷物番号 \(numbers.joined(separator: "・"))）")
        } else if !numbers.isEmpty {
            said.append("同梱の荷物番号が入っています（\(numbers.joined(separator: "・"))）")
        }
        guard !said.isEmpty else { return nil }
        return said.joined(separator: "。") + "。解除しても配送会社の送り状・RMSへの報告はそのままです"
    }
}
