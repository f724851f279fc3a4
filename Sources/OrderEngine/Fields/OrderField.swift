import struct Foundation.Date

/// A field of an order that actions change and the journal records, by name.
public enum OrderField: String, Sendable, Hashable, Codable, CaseIterable {
    case localStatus
    case sync
    case rmsProgress
    case shippingFee
    case cashOnDeliveryFee
    case paymentCharge
    case bundle
    case confirmedAt
    case carrier
    case flags
    case paymentDate
    case plannedShipmentDate
    case shipmentDate
    case deliveryDate
    /// Units and unit price of each item (注文内容修正).
    case items
    case pendingEdit
    /// The parcels of each basket: carrier, tracking number, ship date, whether RMS holds them.
    case parcels
    /// Where each package goes (送付先) and its 置き配, changed here (RMS's updateOrderSender).
    case destinations
    /// 注文者, changed here (updateOrderOrderer).
    case orderer
    /// 配送方法 (updateOrderDelivery).
    case deliveryMethod
    /// お届け日指定 as RMS holds it (updateOrderMemo's deliveryDate), not the shop's own お届け日.
    case requestedDeliveryDate
    /// お届け時間帯 (shippingTerm).
    case timeSlot
    /// ひとことメモ.
    case memo
    /// 備考.
    case remarks
    /// ギフト配送希望.
    case gift
    /// サブステータス (id and name).
    case subStatus

    /// Fields whose change stays on this machine until pushed: the journal can put them back.
    public var isLocal: Bool {
        switch self {
        case .sync, .rmsProgress, .confirmedAt: false
        default: true
        }
    }

    /// Fields of the order's content (its addresses, its delivery, its memo), not of its state
    /// columns: the order must be read whole to set them back.
    public var isContent: Bool {
        switch self {
        case .destinations, .orderer, .deliveryMethod, .requestedDeliveryDate, .timeSlot, .memo, .remarks, .gift, .subStatus: true
        default: false
        }
    }

    /// Fields held in the order's delivery details.
    public var isDeliveryDetail: Bool {
        [.deliveryMethod, .requestedDeliveryDate, .timeSlot, .gift, .subStatus].contains(self)
    }

    /// Fields labels, slips and mails are made from: where it goes, when, how, and what it costs.
    public var isOnDocuments: Bool {
        switch self {
        case .destinations, .orderer, .deliveryMethod, .requestedDeliveryDate, .timeSlot, .gift: true
        default: changesTotal
        }
    }

    /// Fields a push sends to RMS (入力内容を反映する): once pushed, RMS's, not taken back here.
    public var isPushed: Bool { changesTotal || isContent || self == .pendingEdit }

    /// Fields that make up the order's total with its content (goods, coupons): changing one
    /// changes the total, so the content must be read to write it back.
    public var changesTotal: Bool {
        switch self {
        case .shippingFee, .cashOnDeliveryFee, .paymentCharge, .items: true
        default: false
        }
    }

    /// How a value of this field reads on screen: a carrier by its name (ヤマト運輸), not its
    /// code (1001), which is what the journal keeps.
    public func displayText(of value: FieldValue) -> String {
        if self == .carrier, case .text(let code?) = value { return Carrier(code: code).name }
        if self == .localStatus, case .text(let id?) = value { return LocalStatus(id: id).name }
        if self == .pendingEdit, case .text(let text?) = value { return PendingEdit(text: text)?.summary ?? text }
        if self == .destinations, case .text(let text?) = value, let places = DestinationsText.destinations(text) {
            return places.map(\.summary).joined(separator: "／")
        }
        if self == .orderer, case .text(let text?) = value, let contact = DestinationsText.contact(text) { return contact.summary }
        if self == .timeSlot, case .text(let code?) = value { return Int(code).flatMap(DeliveryDetails.text(ofTimeSlot:)) ?? "（指定なし）" }
        return value.displayText
    }

    /// The operator's name for the field.
    public var label: String {
        switch self {
        case .localStatus: "受注ステータス"
        case .sync: "連携状態"
        case .rmsProgress: "RMSステータス"
        case .shippingFee: "送料"
        case .cashOnDeliveryFee: "代引手数料"
        case .paymentCharge: "決済手数料"
        case .bundle: "同梱"
        case .confirmedAt: "注文確認日時"
        case .carrier: "配送業者"
        case .flags: "チェック項目"
        case .paymentDate: "入金日"
        case .plannedShipmentDate: "出荷予定日"
        case .shipmentDate: "出荷日"
        case .deliveryDate: "お届け日"
        case .items: "数量×単価"
        case .pendingEdit: "注文内容修正"
        case .parcels: "荷物番号"
        case .destinations: "送付先"
        case .orderer: "注文者"
        case .deliveryMethod: "配送方法"
        case .requestedDeliveryDate: "お届け日指定"
        case .timeSlot: "お届け時間帯"
        case .memo: "ひとことメモ"
        case .remarks: "備考"
        case .gift: "ギフト配送希望"
        case .subStatus: "サブステータス"
        }
    }

    var dateField: DateField? {
        switch self {
        case .paymentDate: .paymentDate
        case .plannedShipmentDate: .plannedShipmentDate
        case .shipmentDate: .shipmentDate
        case .deliveryDate: .deliveryDate
        default: nil
        }
    }

    public func value(in order: Order) -> FieldValue {
        switch self {
        case .localStatus: .text(order.localStatus.id)
        case .sync: .sync(order.sync)
        case .rmsProgress: .progress(order.rmsProgress)
        case .shippingFee: .money(order.fees.shipping)
        case .cashOnDeliveryFee: .money(order.fees.cashOnDelivery)
        case .paymentCharge: .money(order.fees.paymentCharge)
        case .bundle: .text(order.bundleID?.rawValue)
        case .confirmedAt: .instant(order.confirmedAt.map { $0.timeIntervalSince1970 })
        case .carrier: .text(order.carrier?.code)
        case .flags: .flags(order.flags.sorted())
        case .paymentDate, .plannedShipmentDate, .shipmentDate, .deliveryDate: .date(order.dates[dateField!])
        case .items: .text(ItemLines.text(of: order))
        case .pendingEdit: .text(order.pendingEdit?.text)
        case .parcels: .parcels(order.parcels)
        case .destinations: .text(DestinationsText.text(of: order.packages))
        case .orderer: .text(DestinationsText.text(of: order.orderer))
        case .deliveryMethod: .text(order.delivery?.method)
        case .requestedDeliveryDate: .date(order.delivery?.date)
        case .timeSlot: .text(order.delivery?.timeSlot.map(String.init))
        case .memo: .text(order.memo)
        case .remarks: .text(order.remarks)
        case .gift: .text(order.delivery.map { $0.isGift ? "あり" : "なし" })
        case .subStatus: .text(order.delivery?.subStatusID.map { "\($0) \(order.delivery?.subStatus ?? "")" })
        }
    }

    /// Writes `value` into `order`; fails when the value is not of this field's kind.
    public func set(_ value: FieldValue, in order: inout Order) throws(FieldValueMismatch) {
        switch (self, value) {
        case (.localStatus, .text(let id?)): order.localStatus = LocalStatus(id: id)
        case (.sync, .sync(let state)): order.sync = state
        case (.rmsProgress, .progress(let progress)): order.rmsProgress = progress
        case (.shippingFee, .money(let money)): order.fees.shipping = money
        case (.cashOnDeliveryFee, .money(let money)): order.fees.cashOnDelivery = money
        case (.paymentCharge, .money(let money)): order.fees.paymentCharge = money
        case (.bundle, .text(let id)): order.bundleID = id.map(BundleID.init)
        case (.confirmedAt, .instant(let seconds)): order.confirmedAt = seconds.map { Date(timeIntervalSince1970: $0) }
        case (.carrier, .text(let code)): order.carrier = code.map(Carrier.init(code:))
        case (.flags, .flags(let flags)): order.flags = Set(flags)
        case (.paymentDate, .date(let date)), (.plannedShipmentDate, .date(let date)), (.shipmentDate, .date(let date)),
            (.deliveryDate, .date(let date)):
            order.dates[dateField!] = date
        case (.items, .text(let text?)):
            guard let lines = ItemLines(text: text), lines.fit(order) else { throw FieldValueMismatch(field: self, value: value) }
            lines.apply(to: &order)
        case (.pendingEdit, .text(nil)): order.pendingEdit = nil
        case (.pendingEdit, .text(let text?)):
            guard let edit = PendingEdit(text: text) else { throw FieldValueMismatch(field: self, value: value) }
            order.pendingEdit = edit
        case (.parcels, .parcels(let parcels)): order.parcels = parcels
        case (.destinations, .text(let text?)):
            guard let places = DestinationsText.destinations(text), places.count == order.packages.count else {
                throw FieldValueMismatch(field: self, value: value)
            }
            for (p, place) in places.enumerated() {
                order.packages[p].destination = place.contact
                var handling = order.packages[p].handling ?? PackageHandling()
                handling.dropOffLocation = place.dropOffLocation
                order.packages[p].handling = handling.isEmpty ? nil : handling
            }
        case (.orderer, .text(let text?)):
            guard let contact = DestinationsText.contact(text) else { throw FieldValueMismatch(field: self, value: value) }
            order.orderer = contact
        // The delivery's fields: nil where the order had no delivery details (one entered here).
        case (.deliveryMethod, .text(let method)): order.setDelivery { $0.method = method ?? "" }
        case (.requestedDeliveryDate, .date(let date)): order.setDelivery { $0.date = date }
        case (.timeSlot, .text(let code)):
            guard code == nil || Int(code!) != nil else { throw FieldValueMismatch(field: self, value: value) }
            order.setDelivery { $0.timeSlot = code.flatMap { Int($0) } }
        case (.memo, .text(let text)): order.memo = text
        case (.remarks, .text(let text)): order.remarks = text
        case (.gift, .text(let text)): order.setDelivery { $0.isGift = text == "あり" }
        case (.subStatus, .text(nil)):
            order.setDelivery {
                $0.subStatusID = nil
                $0.subStatus = nil
            }
        case (.subStatus, .text(let text?)):
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let id = parts.first.flatMap({ Int($0) }) else { throw FieldValueMismatch(field: self, value: value) }
            order.setDelivery {
                $0.subStatusID = id
                $0.subStatus = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            }
        default: throw FieldValueMismatch(field: self, value: value)
        }
    }
}

public struct FieldValueMismatch: Error, Sendable, CustomStringConvertible {
    public let field: OrderField
    public let value: FieldValue
    public var description: String { "\(field.label)に\(value.displayText)は設定できません" }
}
