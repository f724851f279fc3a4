import Foundation
import Mustache
import OrderEngine

/// What a template is rendered against: one order's values under the names ``MailTag/all`` gives,
/// as text written the way a mail shows them (1,234円, 2026年12月4日), each worked out only when a
/// template asks for it. An empty value is no value, so that `{{#remarks}}…{{/remarks}}` shows
/// only when there are remarks.
public struct MailContext: MustacheParent, Sendable {
    public let order: Order
    public let shop: MailShop

    public init(order: Order, shop: MailShop) {
        self.order = order
        self.shop = shop
    }

    /// The order's parcels, basket by basket.
    var parcels: [Parcel] { order.packages.flatMap { package in order.parcels.filter { $0.basketID == package.basketID } } }

    public func child(named name: String) -> Any? {
        let orderer = order.orderer
        switch name {
        case "orderNumber": return order.number.rawValue
        case "orderDatetime":
            let time = JapanTime(order.orderedAt)
            return "\(time.year)年\(time.month)月\(time.day)日 \(Self.two(time.hour)):\(Self.two(time.minute))"
        case "ordererName": return Self.text(orderer.fullName)
        case "ordererFamilyName": return Self.text(orderer.familyName)
        case "ordererZipCode": return Self.text(orderer.zipCode)
        case "ordererAddress": return Self.text("\(orderer.prefecture)\(orderer.city)\(orderer.subAddress)")
        case "ordererPhoneNumber": return Self.text(orderer.phoneNumber)
        case "goodsPrice": return order.goodsPrice.description
        case "postagePrice": return order.fees.shipping.description
        case "deliveryPrice": return order.fees.cashOnDelivery.description
        case "paymentCharge": return order.fees.paymentCharge.description
        case "couponAllTotalPrice": return Money.groupedYen(order.couponTotal)
        case "usedPoint": return Money.groupedYen(order.pointsUsed)
        case "totalPrice": return order.totalPrice.description
        case "requestPrice": return order.requestPrice.description
        case "settlementMethod": return Self.text(order.payment.methodName)
        case "isBankTransfer": return order.payment.methodCode == 9
        case "isCashOnDelivery": return order.payment.isCashOnDelivery
        case "isCard": return order.payment.methodCode == 1
        case "isDeferred": return order.payment.methodCode == 21
        case "deliveryName": return Self.text(order.delivery?.method ?? "")
        case "deliveryDate": return order.delivery?.date.map(Self.japaneseDate)
        case "shippingTerm": return order.delivery?.timeSlotText
        case "hasDeliveryWish": return order.delivery?.date != nil || order.delivery?.timeSlotText != nil
        case "remarks": return Self.text(order.remarks ?? "")
        case "mailPlugSentence": return Self.text(order.mailPlugSentence ?? "")
        case "shopName": return Self.text(shop.name)
        case "signature": return Self.text(shop.signature)
        case "bankAccount": return Self.text(shop.bankAccount)
        case "packages": return order.packages.map { PackageContext(package: $0, parcels: order.parcels.filter { [id = $0.basketID] in $0.basketID == id }) }
        case "items": return order.packages.flatMap(\.items).map(ItemContext.init)
        case "parcels": return parcels.map(ParcelContext.init)
        default:
            // The first parcel's values, under the order's own names.
            guard MailTag.parcel.contains(where: { $0.name == name }) else { return nil }
            return (parcels.first.map(ParcelContext.init) ?? ParcelContext(parcel: nil)).child(named: name)
        }
    }

    /// A basket (送付先), its items and its parcels.
    public struct PackageContext: MustacheParent, Sendable {
        public let package: Package
        public let parcels: [Parcel]

        public init(package: Package, parcels: [Parcel]) {
            self.package = package
            self.parcels = parcels
        }

        public func child(named name: String) -> Any? {
            let destination = package.destination
            switch name {
            case "basketId": return String(package.basketID)
            case "destinationName": return MailContext.text(destination.fullName)
            case "destinationZipCode": return MailContext.text(destination.zipCode)
            case "destinationAddress": return MailContext.text("\(destination.prefecture)\(destination.city)\(destination.subAddress)")
            case "destinationPhoneNumber": return MailContext.text(destination.phoneNumber)
            case "items": return package.items.map(ItemContext.init)
            case "parcels": return parcels.map(ParcelContext.init)
            default: return nil
            }
        }
    }

    /// An item line.
    public struct ItemContext: MustacheParent, Sendable {
        public let item: Item

        public init(item: Item) { self.item = item }

        public func child(named name: String) -> Any? {
            switch name {
            case "itemName": return MailContext.text(item.name)
            case "selectedChoice": return MailContext.text(item.selectedChoice ?? "")
            case "manageNumber": return MailContext.text(item.manageNumber)
            case "units": return String(item.units)
            case "price": return Money.groupedYen(item.unitPrice)
            case "subtotal": return Money.groupedYen(item.lineTotal)
            default: return nil
            }
        }
    }

    /// A parcel: its carrier, number and the carrier's tracking page, its ship date.
    struct ParcelContext: MustacheParent {
        let parcel: Parcel?

        func child(named name: String) -> Any? {
            let code = parcel?.carrier?.code
            switch name {
            case "carrierName": return parcel?.carrier?.name
            case "trackingNumber": return parcel?.trackingNumber.flatMap(MailContext.text)
            case "trackingUrl":
                guard let number = parcel?.trackingNumber, !number.isEmpty else { return nil }
                return parcel?.carrier?.trackingURL(for: number)
            case "shipDate": return parcel?.shippedOn.map(MailContext.japaneseDate)
            case "isYamato": return code == "1001" || code == "1030"
            case "isSagawa": return code == "1002"
            case "isJapanPost": return code == "1003" || code == "1029"
            default: return nil
            }
        }
    }

    /// Empty text is no value: its section does not show.
    public static func text(_ value: String) -> String? { value.isEmpty ? nil : value }

    public static func japaneseDate(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
