import OrderEngine

extension UpdateOrderSenderRequest {
    /// The request that pushes `order`'s edited fees, quantities and unit prices (注文内容修正) to
    /// RMS, built on what RMS sent (`model`): everything else goes back as RMS has it. The order's
    /// shipping and COD fees are totals; a second package keeps its own, the first takes the rest.
    /// Refused when a fee would go to RMS unset: RMS's -9999 is never sent (an unset fee is set
    /// first, in 注文内容修正 or 手数料を書き込む).
    public init(pushing order: Order, onto model: OrderModel, groups: Set<EditGroup> = [.amounts]) throws(UnsetFeeError) {
        self.init(unchanged: model)
        if groups.contains(.sender) {
            // Only the packages (and of them, the address or the 置き配) the shop changed: what it
            // did not goes back as RMS holds it. By basket: RMS's copy has deleted packages the order does not.
            let changed = Set((order.pendingEdit?.sent ?? [:]).keys.compactMap(DetailField.init(key:)))
            for (index, package) in order.packages.enumerated() {
                guard let p = packageModelList.firstIndex(where: { $0.basketId == package.basketID }) else { continue }
                if changed.contains(where: { if case .sender(index, _) = $0 { true } else { false } }) {
                    packageModelList[p].senderModel = SenderModel(package.destination, over: packageModelList[p].senderModel)
                }
                if changed.contains(.dropOffLocation(package: index)) {
                    packageModelList[p].dropOffLocation = package.handling?.dropOffLocation ?? ""
                }
            }
        }
        guard groups.contains(.amounts) else { return }
        reductionReason = order.pendingEdit?.reductionReason
        guard !packageModelList.isEmpty else { return }
        let rest = packageModelList.dropFirst()
        func firstShare(_ total: Money, _ label: String, _ others: [Int]) throws(UnsetFeeError) -> Int {
            guard let total = total.yen, !others.contains(Money.rakutenUnsetSentinel) else { throw UnsetFeeError(label: label) }
            return total - others.reduce(0, +)
        }
        packageModelList[0].postagePrice = try firstShare(order.fees.shipping, "送料", rest.map(\.postagePrice))
        packageModelList[0].deliveryPrice = try firstShare(order.fees.cashOnDelivery, "代引手数料", rest.map(\.deliveryPrice))
        for (p, package) in order.packages.enumerated() where p < packageModelList.count {
            for (i, item) in package.items.enumerated() where i < packageModelList[p].itemModelList.count {
                packageModelList[p].itemModelList[i].units = item.units
                packageModelList[p].itemModelList[i].price = item.unitPrice
            }
        }
    }
}

extension SenderModel {
    /// `contact` as RMS takes it, over what RMS holds (`rms`: its 離島 flag is RMS's to say).
    public init(_ contact: Contact, over rms: SenderModel) {
        let zip = RMSContactParts(contact)
        self.init(
            zipCode1: zip.zip1, zipCode2: zip.zip2, prefecture: contact.prefecture, city: contact.city, subAddress: contact.subAddress,
            familyName: contact.familyName, firstName: contact.firstName, familyNameKana: contact.familyNameKana,
            firstNameKana: contact.firstNameKana, phoneNumber1: zip.phone1, phoneNumber2: zip.phone2, phoneNumber3: zip.phone3,
            isolatedIslandFlag: rms.isolatedIslandFlag)
    }
}

extension OrdererModel {
    /// `contact` as RMS takes it, over what RMS holds: the e-mail address (masked), sex and
    /// birthday are RMS's and go back as they are.
    public init(_ contact: Contact, over rms: OrdererModel) {
        let zip = RMSContactParts(contact)
        self.init(
            zipCode1: zip.zip1, zipCode2: zip.zip2, prefecture: contact.prefecture, city: contact.city, subAddress: contact.subAddress,
            familyName: contact.familyName, firstName: contact.firstName, familyNameKana: contact.familyNameKana,
            firstNameKana: contact.firstNameKana, phoneNumber1: zip.phone1, phoneNumber2: zip.phone2, phoneNumber3: zip.phone3,
            emailAddress: rms.emailAddress, sex: rms.sex, birthYear: rms.birthYear, birthMonth: rms.birthMonth, birthDay: rms.birthDay)
    }
}

/// A contact's postcode and phone in RMS's parts: zipCode1 (3 digits) and zipCode2 (4), and up to
/// three phone parts split at the hyphens (a number typed without any goes whole in the first).
struct RMSContactParts {
    let zip1: String, zip2: String
    let phone1: String?, phone2: String?, phone3: String?

    init(_ contact: Contact) {
        let digits = contact.zipCode.filter(\.isNumber)
        zip1 = String(digits.prefix(3))
        zip2 = String(digits.dropFirst(3))
        let parts = contact.phoneNumber.split(separator: "-").map(String.init)
        phone1 = parts.first
        phone2 = parts.count > 1 ? parts[1] : nil
        phone3 = parts.count > 2 ? parts[2...].joined() : nil
    }
}

/// A fee that would go to RMS unset.
public struct UnsetFeeError: Error, Sendable, CustomStringConvertible {
    public let label: String
    public var description: String { "\(label)が未設定です。設定してから反映してください（未設定の金額はRMSに送信しません）" }
}
