import Foundation

/// A field of an order, other than its amounts, that the shop may change and send to RMS with
/// RMS's update functions (rpay-api.md §9): where each package goes, the orderer, the delivery
/// method, date and time, the memo, the remarks and the sub-status. Named by its RMS key
/// (`sender.zipCode`, `deliveryDate`), which is what `juchu edit --set` takes.
public enum DetailField: Sendable, Hashable {
    /// A part of where package `package` (0-based) goes (SenderModel).
    case sender(package: Int, ContactPart)
    /// 置き配 of package `package`: where the parcel may be left (PackageModel.dropOffLocation, v9+).
    case dropOffLocation(package: Int)
    /// A part of the orderer (OrdererModel).
    case orderer(ContactPart)
    /// 配送方法 (DeliveryModel.deliveryName).
    case deliveryName
    /// お届け日指定 (deliveryDate).
    case deliveryDate
    /// お届け時間帯 (shippingTerm).
    case shippingTerm
    /// ひとことメモ (memo).
    case memo
    /// 備考 (remarks).
    case remarks
    /// ギフト配送希望 (giftCheck).
    case giftCheck
    /// サブステータス (subStatusId).
    case subStatusId

    /// A part of a name and address, as RMS's SenderModel and OrdererModel split them.
    public enum ContactPart: String, Sendable, Hashable, CaseIterable {
        case familyName, firstName, familyNameKana, firstNameKana, zipCode, prefecture, city, subAddress, phoneNumber

        public var label: String {
            switch self {
            case .familyName: "姓"
            case .firstName: "名"
            case .familyNameKana: "姓（フリガナ）"
            case .firstNameKana: "名（フリガナ）"
            case .zipCode: "郵便番号"
            case .prefecture: "都道府県"
            case .city: "市区町村"
            case .subAddress: "番地・建物"
            case .phoneNumber: "電話番号"
            }
        }

        /// Other names a script may use: the CSV's 住所1–3 and RMS's split phone.
        static let aliases: [String: ContactPart] = [
            "address1": .prefecture, "address2": .city, "address3": .subAddress, "zip": .zipCode, "phone": .phoneNumber,
        ]

        func value(in contact: Contact) -> String {
            switch self {
            case .familyName: contact.familyName
            case .firstName: contact.firstName
            case .familyNameKana: contact.familyNameKana
            case .firstNameKana: contact.firstNameKana
            case .zipCode: contact.zipCode
            case .prefecture: contact.prefecture
            case .city: contact.city
            case .subAddress: contact.subAddress
            case .phoneNumber: contact.phoneNumber
            }
        }

        func set(_ value: String, in contact: inout Contact) {
            switch self {
            case .familyName: contact.familyName = value
            case .firstName: contact.firstName = value
            case .familyNameKana: contact.familyNameKana = value
            case .firstNameKana: contact.firstNameKana = value
            case .zipCode: contact.zipCode = value
            case .prefecture: contact.prefecture = value
            case .city: contact.city = value
            case .subAddress: contact.subAddress = value
            case .phoneNumber: contact.phoneNumber = value
            }
        }
    }

    /// The group RMS sends it with.
    public var group: EditGroup {
        switch self {
        case .sender, .dropOffLocation: .sender
        case .orderer: .orderer
        case .deliveryName: .delivery
        case .deliveryDate, .shippingTerm, .memo: .memo
        case .remarks, .giftCheck: .remarks
        case .subStatusId: .subStatus
        }
    }

    /// Its key: RMS's name (`deliveryDate`), a package's after its number when there are several
    /// (`sender.zipCode`, `sender2.zipCode`).
    public var key: String {
        switch self {
        case .sender(let p, let part): "sender\(p == 0 ? "" : String(p + 1)).\(part.rawValue)"
        case .dropOffLocation(let p): p == 0 ? "dropOffLocation" : "dropOffLocation\(p + 1)"
        case .orderer(let part): "orderer.\(part.rawValue)"
        case .deliveryName: "deliveryName"
        case .deliveryDate: "deliveryDate"
        case .shippingTerm: "shippingTerm"
        case .memo: "memo"
        case .remarks: "remarks"
        case .giftCheck: "giftCheck"
        case .subStatusId: "subStatusId"
        }
    }

    /// Reads a key (``key``, or an alias: `sender.address3`, `orderer.zip`); nil when unknown.
    public init?(key: String) {
        let plain = key.trimmingCharacters(in: .whitespaces)
        func package(_ text: Substring, prefix: String) -> Int? {
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count)
            if rest.isEmpty { return 0 }
            guard let n = Int(rest), n >= 1, n <= 99 else { return nil }
            return n - 1
        }
        if let dot = plain.firstIndex(of: ".") {
            let head = plain[..<dot]
            let tail = String(plain[plain.index(after: dot)...])
            guard let part = ContactPart(rawValue: tail) ?? ContactPart.aliases[tail] else { return nil }
            if head == "orderer" {
                self = .orderer(part)
            } else if let p = package(head, prefix: "sender") {
                self = .sender(package: p, part)
            } else {
                return nil
            }
            return
        }
        if let p = package(Substring(plain), prefix: "dropOffLocation") {
            self = .dropOffLocation(package: p)
            return
        }
        switch plain {
        case "deliveryName": self = .deliveryName
        case "deliveryDate": self = .deliveryDate
        case "shippingTerm": self = .shippingTerm
        case "memo": self = .memo
        case "remarks": self = .remarks
        case "giftCheck": self = .giftCheck
        case "subStatusId": self = .subStatusId
        default: return nil
        }
    }

    /// The fields of an order of `packages` packages, in the form's order.
    public static func all(packages: Int) -> [DetailField] {
        var fields: [DetailField] = []
        for p in 0..<max(1, packages) {
            fields += ContactPart.allCases.map { .sender(package: p, $0) }
            fields.append(.dropOffLocation(package: p))
        }
        fields += ContactPart.allCases.map { .orderer($0) }
        fields += [.deliveryName, .deliveryDate, .shippingTerm, .memo, .remarks, .giftCheck, .subStatusId]
        return fields
    }

    /// The operator's name for it: 「送付先2 郵便番号」, 「お届け日」.
    public var label: String {
        switch self {
        case .sender(let p, let part): "送付先\(p == 0 ? "" : String(p + 1)) \(part.label)"
        case .dropOffLocation(let p): "置き配\(p == 0 ? "" : String(p + 1))"
        case .orderer(let part): "注文者 \(part.label)"
        case .deliveryName: "配送方法"
        case .deliveryDate: "お届け日"
        case .shippingTerm: "お届け時間帯"
        case .memo: "ひとことメモ"
        case .remarks: "備考"
        case .giftCheck: "ギフト配送希望"
        case .subStatusId: "サブステータス"
        }
    }

    /// What a script sets it to, as `juchu edit --keys` explains.
    public var valueHint: String {
        switch self {
        case .sender(_, let part), .orderer(let part):
            switch part {
            case .zipCode: "7桁（1000001 / 100-0001）"
            case .prefecture: "都道府県名（東京都）"
            case .familyNameKana, .firstNameKana: "全角カタカナ"
            case .phoneNumber: "数字とハイフン（03-1234-5678）"
            default: "文字"
            }
        case .dropOffLocation: "置き場所（空で指定なし）"
        case .deliveryName: "店舗に設定した配送方法の名前"
        case .deliveryDate: "YYYY-MM-DD（今日以降）"
        case .shippingTerm: "0 なし / 1 午前 / 2 午後 / 9 その他 / 1416（14〜16時）"
        case .memo: "1000文字以内"
        case .remarks: "4000文字以内"
        case .giftCheck: "1 あり / 0 なし"
        case .subStatusId: "RMSのサブステータスID（空で解除）"
        }
    }

    /// The field's value in `order`, as the form and `--set` write it.
    public func text(in order: Order) -> String {
        switch self {
        case .sender(let p, let part):
            return p < order.packages.count ? part.value(in: order.packages[p].destination) : ""
        case .dropOffLocation(let p):
            return p < order.packages.count ? order.packages[p].handling?.dropOffLocation ?? "" : ""
        case .orderer(let part): return part.value(in: order.orderer)
        case .deliveryName: return order.delivery?.method ?? ""
        case .deliveryDate: return order.delivery?.date?.description ?? ""
        case .shippingTerm: return order.delivery?.timeSlot.map(String.init) ?? ""
        case .memo: return order.memo ?? ""
        case .remarks: return order.remarks ?? ""
        case .giftCheck: return order.delivery?.isGift == true ? "1" : "0"
        case .subStatusId: return order.delivery?.subStatusID.map(String.init) ?? ""
        }
    }

    /// Whether two values of the field are the same to RMS: no お届け時間帯 is 0 as well as nothing.
    func same(_ a: String, _ b: String) -> Bool {
        a == b || (self == .shippingTerm && ["", "0"].contains(a) && ["", "0"].contains(b))
    }

    /// The value as the operator reads it: 「14〜16時」, 「あり」, 「（なし）」.
    public func displayText(in order: Order) -> String {
        let text = text(in: order)
        switch self {
        case .shippingTerm:
            return Int(text).flatMap(DeliveryDetails.text(ofTimeSlot:)) ?? "（指定なし）"
        case .giftCheck:
            return text == "1" ? "あり" : "なし"
        case .subStatusId:
            return order.delivery?.subStatus ?? (text.isEmpty ? "（なし）" : "ID \(text)")
        default:
            return text.isEmpty ? "（なし）" : text
        }
    }

    /// Writes an already checked value (``DetailEdit/problems``) into `order`.
    func set(_ text: String, in order: inout Order, subStatusName: String?) {
        switch self {
        case .sender(let p, let part):
            guard p < order.packages.count else { return }
            part.set(text, in: &order.packages[p].destination)
        case .dropOffLocation(let p):
            guard p < order.packages.count else { return }
            var handling = order.packages[p].handling ?? PackageHandling()
            handling.dropOffLocation = text.isEmpty ? nil : text
            order.packages[p].handling = handling.isEmpty ? nil : handling
        case .orderer(let part): part.set(text, in: &order.orderer)
        case .deliveryName: order.setDelivery { $0.method = text }
        case .deliveryDate: order.setDelivery { $0.date = CalendarDate(parsing: text) }
        case .shippingTerm: order.setDelivery { $0.timeSlot = Int(text) }
        case .memo: order.memo = text.isEmpty ? nil : text
        case .remarks: order.remarks = text.isEmpty ? nil : text
        case .giftCheck: order.setDelivery { $0.isGift = text == "1" }
        case .subStatusId:
            order.setDelivery {
                $0.subStatusID = Int(text)
                $0.subStatus = text.isEmpty ? nil : subStatusName
            }
        }
    }
}

extension Order {
    /// The delivery details to change: an order entered here may have none yet.
    var deliveryDetails: DeliveryDetails {
        get { delivery ?? DeliveryDetails(method: "") }
        set { delivery = newValue }
    }

    /// Changes the delivery details; details left with nothing in them are none again (an order
    /// entered here, its change taken back).
    mutating func setDelivery(_ change: (inout DeliveryDetails) -> Void) {
        var details = deliveryDetails
        change(&details)
        delivery = details == DeliveryDetails(method: "") ? nil : details
    }
}
