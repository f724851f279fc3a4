import Foundation
import OrderEngine

/// What a template is rendered against: one order's values under the names ``MailTag/all`` gives,
/// as text already written the way a mail shows them (1,234円, 2026年12月4日).
public enum MailContext {
    public static func values(of order: Order, shop: MailShop) -> [String: Any] {
        let ordered = JapanTime(order.orderedAt)
        let orderer = order.orderer
        let allParcels = order.packages.flatMap { package in order.parcels.filter { $0.basketID == package.basketID } }
        var values: [String: Any] = [
            "orderNumber": order.number.rawValue,
            "orderDatetime": "\(ordered.year)年\(ordered.month)月\(ordered.day)日 \(two(ordered.hour)):\(two(ordered.minute))",
            "ordererName": orderer.fullName, "ordererFamilyName": orderer.familyName, "ordererZipCode": orderer.zipCode,
            "ordererAddress": "\(orderer.prefecture)\(orderer.city)\(orderer.subAddress)", "ordererPhoneNumber": orderer.phoneNumber,
            "goodsPrice": order.goodsPrice.description, "postagePrice": order.fees.shipping.description,
            "deliveryPrice": order.fees.cashOnDelivery.description, "paymentCharge": order.fees.paymentCharge.description,
            "couponAllTotalPrice": Money.groupedYen(order.couponTotal), "usedPoint": Money.groupedYen(order.pointsUsed),
            "totalPrice": order.totalPrice.description, "requestPrice": order.requestPrice.description,
            "settlementMethod": order.payment.methodName,
            "isBankTransfer": order.payment.methodCode == 9, "isCashOnDelivery": order.payment.isCashOnDelivery,
            "isCard": order.payment.methodCode == 1, "isDeferred": order.payment.methodCode == 21,
            "deliveryName": order.delivery?.method ?? "", "deliveryDate": order.delivery?.date.map(japaneseDate) ?? "",
            "shippingTerm": order.delivery?.timeSlotText ?? "",
            "hasDeliveryWish": order.delivery?.date != nil || order.delivery?.timeSlotText != nil,
            "remarks": order.remarks ?? "", "mailPlugSentence": order.mailPlugSentence ?? "",
            "shopName": shop.name, "signature": shop.signature, "bankAccount": shop.bankAccount,
            "packages": order.packages.map { package in
                [
                    "basketId": String(package.basketID), "destinationName": package.destination.fullName,
                    "destinationZipCode": package.destination.zipCode,
                    "destinationAddress": "\(package.destination.prefecture)\(package.destination.city)\(package.destination.subAddress)",
                    "destinationPhoneNumber": package.destination.phoneNumber,
                    "items": package.items.map(item), "parcels": order.parcels.filter { $0.basketID == package.basketID }.map(parcel),
                ] as [String: Any]
            },
            "items": order.packages.flatMap(\.items).map(item),
            "parcels": allParcels.map(parcel),
        ]
        let first = allParcels.first.map(parcel) ?? parcel(nil)
        for tag in MailTag.parcel { values[tag.name] = first[tag.name] }
        return values
    }

    private static func item(_ item: Item) -> [String: Any] {
        [
            "itemName": item.name, "selectedChoice": item.selectedChoice ?? "", "manageNumber": item.manageNumber,
            "units": String(item.units), "price": Money.groupedYen(item.unitPrice), "subtotal": Money.groupedYen(item.lineTotal),
        ]
    }

    private static func parcel(_ parcel: Parcel?) -> [String: Any] {
        let number = parcel?.trackingNumber ?? ""
        let code = parcel?.carrier?.code
        return [
            "carrierName": parcel?.carrier?.name ?? "", "trackingNumber": number,
            "trackingUrl": parcel?.carrier.flatMap { number.isEmpty ? nil : $0.trackingURL(for: number) } ?? "",
            "shipDate": parcel?.shippedOn.map(japaneseDate) ?? "",
            "isYamato": code == "1001" || code == "1030", "isSagawa": code == "1002", "isJapanPost": code == "1003" || code == "1029",
        ]
    }

    static func japaneseDate(_ date: CalendarDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
