extension EditGroup {
    /// Whether `a` and `b` hold the same values of the group: what RMS holds once a push of it
    /// is applied, and what tells a group still to send from one RMS already has.
    public func holdsSame(_ a: Order, _ b: Order) -> Bool {
        switch self {
        case .amounts:
            let lines = { (order: Order) in order.packages.flatMap(\.items).map { [$0.itemDetailID, $0.units, $0.unitPrice] } }
            return a.fees.shipping == b.fees.shipping && a.fees.cashOnDelivery == b.fees.cashOnDelivery && lines(a) == lines(b)
        case .sender:
            let destinations = { (order: Order) in order.packages.map { $0.destination.sendable + [$0.handling?.dropOffLocation ?? ""] } }
            return destinations(a) == destinations(b)
        case .orderer:
            return a.orderer.sendable == b.orderer.sendable
        case .delivery:
            return a.delivery?.method == b.delivery?.method
        case .memo:
            return a.delivery?.date == b.delivery?.date && (a.delivery?.timeSlot ?? 0) == (b.delivery?.timeSlot ?? 0) && (a.memo ?? "") == (b.memo ?? "")
        case .remarks:
            return (a.remarks ?? "") == (b.remarks ?? "") && (a.delivery?.isGift ?? false) == (b.delivery?.isGift ?? false)
        case .subStatus:
            return a.delivery?.subStatusID == b.delivery?.subStatusID
        }
    }
}

extension Contact {
    /// The parts RMS keeps of a name and address (not the masked e-mail address), compared as RMS
    /// gives them back: a phone number without its hyphens.
    var sendable: [String] {
        [familyName, firstName, familyNameKana, firstNameKana, zipCode, prefecture, city, subAddress, phoneNumber.filter(\.isNumber)]
    }
}

extension PendingEdit {
    /// The edit without the groups RMS now holds (`rms`, its copy as read): what is left to send
    /// after a push RMS took in part. Nil when nothing is left.
    public func remaining(ours: Order, rms: Order) -> PendingEdit? {
        var left = self
        left.groups = groups.filter { !$0.holdsSame(ours, rms) }
        return left.groups == groups ? self : left.settled(on: ours)
    }
}

extension EditGroup {
    /// The fields RMS sends with the group, for an order of `packages` packages (none for amounts).
    public func fields(packages: Int) -> [DetailField] {
        DetailField.all(packages: packages).filter { $0.group == self }
    }
}

extension Order {
    /// The group's values, by field key (with the sub-status's name beside its id).
    public func detailValues(of group: EditGroup) -> [String: String] {
        var values: [String: String] = [:]
        for field in group.fields(packages: packages.count) { values[field.key] = field.text(in: self) }
        if group == .subStatus, let name = delivery?.subStatus { values[Self.subStatusNameKey] = name }
        return values
    }

    /// Sets values by field key (``detailValues(of:)``); a key that names no field is left out.
    public mutating func setDetailValues(_ values: [String: String]) {
        for (key, text) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = DetailField(key: key) else { continue }
            field.set(text, in: &self, subStatusName: values[Self.subStatusNameKey])
        }
    }

    static let subStatusNameKey = "subStatusName"

    /// RMS's details (`rms`, its copy as read) taken into the order — the orderer, the delivery,
    /// the memo, the remarks and where each package goes — but for the groups the shop changed
    /// and has not yet sent (`keeping`): those stay the shop's.
    public mutating func adoptDetails(from rms: Order, keeping pending: Set<EditGroup>) {
        let ours = self
        delivery = rms.delivery
        orderer = rms.orderer
        memo = rms.memo
        remarks = rms.remarks
        for group in pending where group != .amounts && group != .sender {
            setDetailValues(ours.detailValues(of: group))
        }
        // Where each package goes, by basket, unless the shop changed it and has not sent it.
        guard !pending.contains(.sender) else { return }
        for (p, package) in packages.enumerated() {
            guard let theirs = rms.packages.first(where: { $0.basketID == package.basketID }) else { continue }
            packages[p].destination = theirs.destination
            var handling = packages[p].handling ?? PackageHandling()
            handling.dropOffLocation = theirs.handling?.dropOffLocation
            packages[p].handling = handling.isEmpty ? nil : handling
        }
    }
}
