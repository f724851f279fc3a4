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
        // Every member of the group gets the same id: the first order number of the group.
        let first = ([order] + partners).map(\.number).min()!
        var after = order
        after.bundleID = BundleID("B-\(first.withoutShopID)")
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

    static func sameRecipient(_ a: Order, _ b: Order) -> Bool {
        a.orderer.isSameRecipient(as: b.orderer) && a.packages[0].destination.isSameRecipient(as: b.packages[0].destination)
    }
}

/// 同梱を解除する: undo a bundle. The store widens the selection to every member of the bundles
/// chosen, so that no bundle is left with one order.
public struct UnbundleAction: BulkAction {
    public init() {}

    public var id: ActionID { .unbundle }
    public var decidesOnSelection: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.isBundled else { return .skip(.notBundled) }
        var after = order
        after.bundleID = nil
        return .change(after)
    }
}
