import Foundation
import OrderEngine

/// Orders built by hand for rule tests: a confirmable Rakuten order unless told otherwise.
public enum OrderFixtures {
    public static let orderer = Contact(
        familyName: "佐藤", firstName: "翔太", familyNameKana: "サトウ", firstNameKana: "ショウタ",
        zipCode: "158-0094", prefecture: "東京都", city: "世田谷区", subAddress: "玉川3-14-5",
        phoneNumber: "090-1234-5678", emailAddress: "x@pc.fw.rakuten.ne.jp")

    public static func order(
        _ serial: Int = 1, origin: OrderOrigin = .rakutenAPI, progress: RMSProgress = .awaitingConfirmation,
        sync: SyncState = .notSent, shipping: Money = .yen(800), bundle: BundleID? = nil, orderer: Contact = orderer
    ) -> Order {
        Order(
            number: OrderNumber("398211-20261122-\(String(format: "%010d", serial))"), origin: origin,
            orderedAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(serial) * 60), rmsProgress: progress,
            localStatus: .newOrder, sync: sync, orderer: orderer,
            packages: [Package(
                basketID: 10_000 + serial, destination: orderer,
                items: [Item(itemDetailID: serial, name: "北海道産 ゆめぴりか 5kg", manageNumber: "yumepirika-5kg",
                             selectedChoice: nil, unitPrice: 3980, units: 1, taxRate: 0.08, includesTax: true)],
                postage: shipping, cashOnDeliveryFee: .zero)],
            payment: Payment(methodCode: 1, methodName: "クレジットカード"),
            fees: Fees(shipping: shipping, cashOnDelivery: .zero, paymentCharge: .zero),
            goodsPrice: .yen(3980), bundleID: bundle)
    }
}

extension OrderFixtures {
    public static let otherPerson = Contact(
        familyName: "林", firstName: "彩", familyNameKana: "ハヤシ", firstNameKana: "アヤ",
        zipCode: "530-0001", prefecture: "大阪府", city: "大阪市北区", subAddress: "梅田1-1-1",
        phoneNumber: "06-1234-5678")

    /// A confirmed Rakuten order, 楽天処理済 at RMS 300.
    public static func confirmed(_ serial: Int, orderer: Contact = orderer) -> Order {
        order(serial, progress: .awaitingShipment, sync: .rakutenDone, orderer: orderer)
    }
}
