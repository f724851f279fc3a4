import struct Foundation.Date

/// 受注を登録: an order taken by phone, FAX, at the counter or by mail, as typed (a form, a file
/// for `juchu order new`), before it is checked. ``order(settings:today:)`` checks every field
/// at once and makes the order, or names each field that is wrong; nothing of a draft with a
/// problem is stored. The number is the store's to give (``OrderNumber/handEntered(prefix:after:)``).
public struct HandOrderDraft: Sendable, Hashable {
    /// A buyer or a destination: the name with a space between 姓 and 名, as an operator types it.
    public struct Person: Sendable, Hashable {
        public var name = ""
        public var kana = ""
        public var zip = ""
        public var prefecture = ""
        public var city = ""
        public var address = ""
        public var phone = ""
        public var email = ""

        public init() {}
    }

    /// An item line: a product of the shop's list, or typed freely.
    public struct Line: Sendable, Hashable {
        public var manageNumber = ""
        public var name = ""
        /// 項目・選択肢.
        public var choice = ""
        public var price: Int?
        public var units = 1
        /// 8 or 10 (%).
        public var taxRate: Int?
        /// 税込 (the default) or 税別.
        public var taxIncluded = true

        public init() {}
    }

    public var channel = ""
    /// 注文日時 in Japan time: `2026-12-06 10:30`.
    public var orderedAt = ""
    public var paymentMethod = ""
    public var deliveryMethod = ""
    /// お届け日 (`2026-12-12`) and お届け時間帯 (RMS's codes: 0, 1 午前, 2 午後, 1416 …), optional.
    public var deliveryDate = ""
    public var deliveryTime = ""
    public var shippingFee: Int?
    /// 代引手数料: required for 代金引換, 0 otherwise unless given.
    public var codFee: Int?
    /// 決済手数料 and other fees charged to the buyer.
    public var paymentCharge: Int?
    public var buyer = Person()
    /// The destination when it is not the buyer.
    public var destination: Person?
    public var items: [Line] = []
    /// 備考 (the buyer's words) and ひとことメモ (the shop's).
    public var remarks = ""
    public var memo = ""

    public init() {}

    /// What the shop's settings allow: its channels, payment methods and delivery methods
    /// (config.toml's `[orders]` and `[shop] delivery_methods`).
    public struct Settings: Sendable, Hashable {
        public var channels: [String]
        public var paymentMethods: [String]
        public var deliveryMethods: [String]
        /// The status a new order starts at (`[fetch] store_as`).
        public var firstStatus: LocalStatus

        public init(channels: [String], paymentMethods: [String], deliveryMethods: [String], firstStatus: LocalStatus) {
            self.channels = channels
            self.paymentMethods = paymentMethods
            self.deliveryMethods = deliveryMethods
            self.firstStatus = firstStatus
        }

        public static let defaultChannels = OrderOrigin.HandEntryChannel.allCases.map(\.label)
        public static let defaultPaymentMethods = ["代金引換", "銀行振込", "後払い", "現金", "クレジットカード"]
    }

    /// The order this draft makes (numbered `""` until the store gives it one), or every problem
    /// of it, each with its field (`buyer.zip`, `items[2].tax_rate`, as the file spells them).
    /// `now`: the moment it is entered (注文日時 may not be later), Japan's day of it for お届け日.
    public func order(settings: Settings, now: Date) throws(HandOrderProblems) -> Order {
        let today = CalendarDate(japanDayOf: JapanTime(now))
        var problems: [HandOrderProblems.Problem] = []
        func fail(_ field: String, _ problem: String) { problems.append(.init(field: field, problem: problem)) }
        func required(_ field: String, _ text: String) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { fail(field, "入力してください") }
            return trimmed
        }

        let channelLabel = required("channel", channel)
        var origin = OrderOrigin.enteredByHand(.other)
        if !channelLabel.isEmpty {
            if !settings.channels.contains(channelLabel) {
                fail("channel", "「\(channelLabel)」は店舗の受付方法にありません（\(settings.channels.joined(separator: "・"))）")
            } else if let known = OrderOrigin.HandEntryChannel(label: channelLabel) {
                origin = .enteredByHand(known)
            } else {
                fail("channel", "「\(channelLabel)」は使えません（\(Settings.defaultChannels.joined(separator: "・")) のどれか）")
            }
        }
        let orderedDate = Self.japanTime(orderedAt)
        if orderedDate == nil { fail("ordered_at", "「\(orderedAt)」は日時ではありません（2026-12-06 10:30 のように、日本時間で）") }
        if let orderedDate, orderedDate > now.addingTimeInterval(Self.futureAllowance) {
            fail("ordered_at", "\(JapanTime(orderedDate).fullText) はまだ来ていません（今 \(JapanTime(now).fullText)）")
        }

        let buyerContact = contact(buyer, field: "buyer", fail: fail)
        if buyer.phone.trimmingCharacters(in: .whitespaces).isEmpty && buyer.email.trimmingCharacters(in: .whitespaces).isEmpty {
            fail("buyer.phone", "電話番号かメールアドレスのどちらかを入力してください")
        }
        let destinationContact = destination.map { contact($0, field: "destination", fail: fail) } ?? buyerContact
        if destinationContact.phoneNumber.isEmpty, destination != nil || !buyer.email.trimmingCharacters(in: .whitespaces).isEmpty {
            // The carriers' files need the addressee's phone.
            fail(destination == nil ? "buyer.phone" : "destination.phone", "送付先の電話番号を入力してください（送り状に要ります）")
        }

        let payment = required("payment_method", paymentMethod)
        if !payment.isEmpty, !settings.paymentMethods.contains(payment) {
            fail("payment_method", "「\(payment)」は店舗の支払方法にありません（\(settings.paymentMethods.joined(separator: "・"))）")
        }
        let isCashOnDelivery = payment == Self.cashOnDelivery

        func amount(_ field: String, _ value: Int?, default fallback: Int?) -> Money {
            guard let yen = value ?? fallback else {
                fail(field, "入力してください（円）")
                return .unset
            }
            guard Self.amountRange.contains(yen) else {
                fail(field, "\(Self.amountRange.lowerBound)〜\(Money.grouped(Self.amountRange.upperBound))円にしてください（\(yen)）")
                return .unset
            }
            return .yen(yen)
        }
        let fees = Fees(
            shipping: amount("shipping_fee", shippingFee, default: nil),
            cashOnDelivery: amount("cod_fee", codFee, default: isCashOnDelivery ? nil : 0),
            paymentCharge: amount("payment_charge", paymentCharge, default: 0))
        if !isCashOnDelivery, let fee = codFee, fee != 0 {
            fail("cod_fee", "代引手数料は支払方法が\(Self.cashOnDelivery)のときだけです（\(payment)）")
        }

        if items.isEmpty { fail("items", "商品を1行以上入力してください") }
        var lines: [Item] = []
        for (index, line) in items.enumerated() {
            let place = "items[\(index + 1)]"
            let name = required("\(place).name", line.name)
            if name.count > 255 { fail("\(place).name", "255文字以内にしてください（\(name.count)文字）") }
            if let bad = DetailLimits.unsendable(name) { fail("\(place).name", bad) }
            let price = amount("\(place).price", line.price, default: nil).yen ?? 0
            if !OrderEdit.unitsRange.contains(line.units) {
                fail("\(place).units", "\(OrderEdit.unitsRange.lowerBound)〜\(OrderEdit.unitsRange.upperBound)にしてください（\(line.units)）")
            }
            var rate = 0.1
            switch line.taxRate {
            case 10: rate = 0.1
            case 8: rate = 0.08
            case nil: fail("\(place).tax_rate", "税率を入力してください（8 か 10）")
            case let other?: fail("\(place).tax_rate", "税率は 8 か 10 です（\(other)）")
            }
            lines.append(Item(
                itemDetailID: index + 1, name: name, manageNumber: line.manageNumber.trimmingCharacters(in: .whitespaces),
                selectedChoice: line.choice.isEmpty ? nil : line.choice, unitPrice: price,
                units: OrderEdit.unitsRange.contains(line.units) ? line.units : 1, taxRate: rate, includesTax: line.taxIncluded))
        }
        if remarks.count > DetailLimits.remarks { fail("remarks", "\(DetailLimits.remarks)文字以内にしてください（\(remarks.count)文字）") }
        if memo.count > DetailLimits.memo { fail("memo", "\(DetailLimits.memo)文字以内にしてください（\(memo.count)文字）") }

        let package = Package(
            basketID: 1, destination: destinationContact, items: lines, postage: fees.shipping,
            cashOnDeliveryFee: fees.cashOnDelivery)
        var order = Order(
            number: OrderNumber(""), origin: origin, orderedAt: orderedDate ?? now, rmsProgress: .awaitingConfirmation,
            localStatus: settings.firstStatus, sync: .localOnly, orderer: buyerContact, packages: [package],
            payment: Payment(methodCode: Self.methodCode(of: payment), methodName: payment), fees: fees, goodsPrice: .zero,
            remarks: remarks.isEmpty ? nil : remarks, memo: memo.isEmpty ? nil : memo)
        order.goodsPrice = order.goodsPriceFromItems

        // 配送方法, お届け日 and 時間帯 checked as the detail's edit checks them.
        let context = DetailEdit.Context(today: today, deliveryMethods: settings.deliveryMethods)
        func checked(_ field: String, _ text: String, _ detail: DetailField) -> String? {
            switch DetailEdit.check(text, for: detail, in: order, context: context) {
            case .success(let value): return value
            case .failure(let problems):
                fail(field, problems.description)
                return nil
            }
        }
        let method = checked("delivery_method", deliveryMethod, .deliveryName) ?? ""
        let dateText = deliveryDate.trimmingCharacters(in: .whitespaces)
        let wishDate = dateText.isEmpty ? nil : checked("delivery_date", dateText, .deliveryDate).flatMap { CalendarDate(parsing: $0) }
        let timeText = deliveryTime.trimmingCharacters(in: .whitespaces)
        let slot = timeText.isEmpty ? nil : checked("delivery_time", timeText, .shippingTerm).flatMap { Int($0) }
        guard problems.isEmpty else { throw HandOrderProblems(problems) }
        order.packages[0].deliveryName = method
        order.delivery = DeliveryDetails(method: method, date: wishDate, timeSlot: slot)
        return order
    }

    /// 代金引換: the payment whose labels collect the cash (its settlementMethodCode, 2).
    public static let cashOnDelivery = "代金引換"
    /// An amount of a line or a fee, as the fee and item edits take them (``WriteFeeAction/range``).
    static let amountRange = WriteFeeAction.range
    /// A clock a few minutes ahead of the desk's is not a future order.
    static let futureAllowance: Double = 10 * 60

    /// A person's fields checked as the detail's edits check them (``DetailEdit/check(_:part:)``).
    private func contact(_ person: Person, field: String, fail: (String, String) -> Void) -> Contact {
        func checked(_ key: String, _ text: String, _ part: DetailField.ContactPart) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            // An empty postcode or prefecture is missing, not a malformed one.
            if trimmed.isEmpty, part == .zipCode || part == .prefecture {
                fail("\(field).\(key)", "入力してください")
                return text
            }
            switch DetailEdit.check(trimmed, part: part) {
            case .success(let value): return value
            case .failure(let problems):
                fail("\(field).\(key)", problems.description)
                return text
            }
        }
        let (family, first) = Self.split(person.name)
        let (familyKana, firstKana) = Self.split(KanaFolding.folded(person.kana))
        var contact = Contact(
            familyName: checked("name", family, .familyName), firstName: checked("name", first, .firstName),
            familyNameKana: familyKana.isEmpty ? "" : checked("kana", familyKana, .familyNameKana),
            firstNameKana: firstKana.isEmpty ? "" : checked("kana", firstKana, .firstNameKana),
            zipCode: checked("zip", person.zip, .zipCode), prefecture: checked("prefecture", person.prefecture, .prefecture),
            city: checked("city", person.city, .city), subAddress: checked("address", person.address, .subAddress),
            phoneNumber: person.phone.trimmingCharacters(in: .whitespaces).isEmpty ? "" : checked("phone", person.phone, .phoneNumber))
        let email = person.email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty {
            if let problem = EmailAddress.problem(email) { fail("\(field).email", problem) } else { contact.emailAddress = email }
        }
        return contact
    }

    /// 「電話 花子」 → (電話, 花子); a name without a space is all 姓.
    static func split(_ name: String) -> (String, String) {
        let parts = name.replacingOccurrences(of: "　", with: " ").split(separator: " ", maxSplits: 1)
        return (parts.first.map(String.init) ?? "", parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
    }

    /// RMS's settlementMethodCode for the methods the desk treats apart: 代金引換 (its labels
    /// collect the cash), 銀行振込 (its mail gives the account), 後払い; nil for the others.
    static func methodCode(of name: String) -> Int? {
        switch name {
        case cashOnDelivery: 2
        case "銀行振込": 9
        case "後払い": 3
        case "クレジットカード": 1
        default: nil
        }
    }

    /// `2026-12-06 10:30` (or `2026-12-06T10:30`, seconds allowed) in Japan time.
    static func japanTime(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, let day = CalendarDate(parsing: parts[0]) else { return nil }
        let time = parts[1].split(separator: ":")
        guard (2...3).contains(time.count), time.allSatisfy({ $0.count == 2 }),
              let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        let second = time.count == 3 ? Int(time[2]) : 0
        guard let second, (0..<60).contains(second) else { return nil }
        let seconds = day.startInJapan + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: Double(seconds))
    }
}

/// Every field of a hand-entered order that is wrong, with what is wrong.
public struct HandOrderProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        /// As the file spells it: `buyer.zip`, `items[2].tax_rate`.
        public let field: String
        public let problem: String
    }

    public let problems: [Problem]
    public init(_ problems: [Problem]) { self.problems = problems }

    public var description: String { problems.map { "\($0.field): \($0.problem)" }.joined(separator: "\n") }
}
