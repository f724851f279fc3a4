/// What an order becomes when RMS's copy of it is read again (getOrder): its RMS status and
/// confirmation follow RMS; what else RMS changed is compared with the order here — where it
/// differs (差分あり) the difference is kept field by field until the operator accepts it, where
/// nothing differs RMS's copy becomes the one used. The store keeps the JSON each case says.
public enum RMSCopyMerge {
    public enum Outcome: Sendable, Equatable {
        /// The order here could not be read (要確認), or came from RMS's order CSV: RMS's copy whole,
        /// with the shop's own state.
        case healed(Order)
        /// RMS sent what it sent before: its status, confirmation and parcels' ids only.
        case sameCopy(Order)
        /// RMS changed something that differs from the order here: kept beside it (差分あり).
        case differs(Order)
        /// RMS changed what the order here does not differ from: RMS's copy is used from now on;
        /// `packages`: its packages and goods too (no edit waits to be pushed).
        case adopted(Order, packages: Bool)

        public var order: Order {
            switch self {
            case .healed(let order), .sameCopy(let order), .differs(let order), .adopted(let order, _): order
            }
        }
    }

    /// `ours`: the order here; `rms`: RMS's copy as now read; `previous`: RMS's copy as kept here,
    /// nil when RMS sent the same JSON again.
    public static func merge(ours: Order, rms: Order, previous: Order?) -> Outcome {
        // An order taken from RMS's order CSV is filled the same way: RMS's copy holds what the
        // CSV lacks; the parcels typed here stay.
        if ours.readProblem != nil || ours.origin == .csvImport {
            var healed = rms
            healed.flags = ours.flags
            healed.dates = ours.dates
            healed.carrier = ours.carrier
            healed.bundleID = ours.bundleID
            if ours.origin == .csvImport { healed.parcels = ours.parcels.adoptingDetailIDs(from: rms.packages) }
            return .healed(healed)
        }
        var after = ours
        after.rmsProgress = rms.rmsProgress
        // RMS's 発送明細ID of each parcel it now holds.
        after.parcels = ours.parcels.adoptingDetailIDs(from: rms.packages)
        after.confirmedAt = rms.confirmedAt ?? ours.confirmedAt
        if rms.confirmedAt != nil, ours.sync != .localOnly { after.sync = .afterConfirmation(rmsProgress: rms.rmsProgress) }
        guard let previous else { return .sameCopy(after) }
        // What of an unsent edit RMS now holds (a push it took in part) is sent no more.
        after.pendingEdit = ours.pendingEdit?.remaining(ours: ours, rms: rms)
        if let difference = RMSDifference(ours: ours, previous: previous, rms: rms) {
            after.rmsDifference = difference
            // Details the shop has no unsent change of are RMS's, whatever else differs.
            after.adoptDetails(from: rms, keeping: after.pendingEdit?.groups ?? [])
            return .differs(after)
        }
        // Nothing RMS holds differs from the order here (any earlier difference is gone too):
        // RMS's copy, and its totals, are the ones used from now on — but for the details the
        // shop changed and has not yet sent.
        after.rmsDifference = nil
        after.rmsAmounts = rms.rmsAmounts
        let pending = after.pendingEdit?.groups ?? []
        after.adoptDetails(from: rms, keeping: pending)
        guard pending.isDisjoint(with: [.amounts, .sender]) else { return .adopted(after, packages: false) }
        // No edit waits to be pushed: RMS's packages (where they go, how they are handled, the
        // items as pushed) are the order's, not an edit's copy kept from before.
        after.packages = rms.packages
        after.goodsPrice = rms.goodsPrice
        return .adopted(after, packages: true)
    }
}
