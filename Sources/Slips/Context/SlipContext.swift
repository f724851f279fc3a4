import CustomerMail
import Mustache
import OrderEngine

/// What a slip template is rendered against: the batch at the top, each document below it, each
/// document answering every mail tag through ``MailContext`` and its own on top.
struct SlipContext: MustacheParent {
    let batch: SlipBatch

    func child(named name: String) -> Any? {
        let shop = batch.shop
        switch name {
        case "documentTitle": return batch.kind.label
        case "printDate": return MailContext.japaneseDate(batch.printedOn)
        case "shopName": return MailContext.text(shop.name)
        case "shopZipCode": return MailContext.text(shop.zipCode)
        case "shopAddress": return MailContext.text(shop.address)
        case "shopPhone": return MailContext.text(shop.phone)
        case "registrationNumber": return shop.registrationNumber?.rawValue
        case "isRegistered": return shop.registrationNumber != nil
        case "orderCount": return String(batch.picking?.orderCount ?? Set(batch.documents.map(\.order.number)).count)
        case "totalUnits": return batch.picking.map { String($0.totalUnits) }
        case "isTotalled": return batch.picking != nil
        case "documents": return batch.documents.map { DocumentContext(document: $0, batch: batch) }
        case "pickLines": return batch.picking?.lines.map(PickLineContext.init)
        default: return nil
        }
    }

    struct DocumentContext: MustacheParent {
        let document: SlipDocument
        let batch: SlipBatch
        /// Whether amounts are printed, when the page above decides (a bundle's order).
        var pricesShown: Bool?

        func child(named name: String) -> Any? {
            let order = document.order
            let mail = MailContext(order: order, shop: MailShop(name: batch.shop.name))
            let showsPrices = pricesShown ?? (!(order.delivery?.isGift ?? false) || batch.kind == .receipt)
            switch name {
            case "items":
                if batch.kind == .picking {
                    return PickingList.lines(of: document.orders, shelves: batch.shelves, sort: batch.pickingSort).map(PickLineContext.init)
                }
                let items = document.package?.items ?? order.packages.flatMap(\.items)
                return items.map { ItemContext(item: $0, shelf: batch.shelves[$0.manageNumber], showsPrices: showsPrices) }
            case "basketId": return document.package.map { String($0.basketID) }
            case "destinationName", "destinationZipCode", "destinationAddress", "destinationPhoneNumber":
                guard let package = document.package ?? order.packages.first else { return nil }
                return MailContext.PackageContext(package: package, parcels: []).child(named: name)
            case "basketPosition":
                guard let package = document.package, order.packages.count > 1,
                      let index = order.packages.firstIndex(where: { $0.basketID == package.basketID }) else { return nil }
                return "\(index + 1)/\(order.packages.count)"
            case "isMultiBasket": return order.packages.count > 1 && !document.isBundle
            case "basketGoodsPrice", "basketPostagePrice", "basketSubtotal":
                // This destination's own: its items as printed, its postage.
                guard showsPrices, let package = document.package, let postage = package.postage.yen else { return nil }
                let goods = package.items.reduce(0) { $0 + $1.lineTotal }
                return Money.groupedYen(name == "basketGoodsPrice" ? goods : name == "basketPostagePrice" ? postage : goods + postage)
            case "isBundle": return document.isBundle
            case "bundleCount": return document.isBundle ? String(document.bundle.count) : nil
            case "bundleNumbers": return document.isBundle ? document.orders.map(\.number.rawValue).joined(separator: "・") : nil
            case "bundleOrders":
                return document.isBundle ? document.bundle.map { BundleOrderContext(order: $0.order, taxes: $0.taxes, batch: batch, showsPrices: showsPrices) } : nil
            case "bundleRequestPrice":
                guard document.isBundle, showsPrices else { return nil }
                return Money.sum(document.orders.map(\.requestPrice)).yen.map(Money.groupedYen)
            case "bundleCollectPrice":
                // Said only when it is not the whole: a card-paid member is paid already.
                guard document.isBundle, showsPrices, document.orders.contains(where: { !$0.payment.isCashOnDelivery }),
                      let collected = CashOnDelivery.collected(from: document.orders) else { return nil }
                return Money.groupedYen(collected)
            case "noshi":
                // A bundle's every member; else the basket's own, or the order's.
                let noshi = document.isBundle ? document.orders.flatMap { $0.packages.compactMap(\.handling?.noshi) }
                    : document.package.map { [$0.handling?.noshi].compactMap { $0 } } ?? order.packages.compactMap(\.handling?.noshi)
                return MailContext.text(Array(Set(noshi)).sorted().joined(separator: "、"))
            case "packingNotes": return MailContext.text(document.orders.map(\.packingNotes).filter { !$0.isEmpty }.joined(separator: "・"))
            case "isGift": return order.delivery?.isGift ?? false
            case "showsPrices": return showsPrices
            case "taxLines": return showsPrices ? document.taxes?.lines.map(TaxLineContext.init) : nil
            case "hasReducedRate":
                // Said on a gift's 納品書 too: its ※ marks stay on the items.
                return document.orders.flatMap { $0.packages.flatMap(\.items) }.contains { TaxBreakdown.Line.isReduced($0.taxRate) }
            case "taxTotal": return showsPrices ? document.taxes.map { Money.groupedYen($0.total) } : nil
            case "isReissue": return document.isReissue
            case "copy": return String(document.copy)
            case "issueDate": return MailContext.japaneseDate(issueDate(of: order))
            case "addressee": return MailContext.text(document.addressee)
            case "purpose": return MailContext.text(document.purpose)
            case "receiptAmount": return order.requestPrice.yen.map(Money.groupedYen)
            case "receiptNumber": return "\(order.number.rawValue)-\(document.copy)"
            case "memo": return MailContext.text(order.memo ?? "")
            case "localStatus": return order.localStatus.name
            case "rmsStatus": return order.rmsProgress.label
            case "marks": return MailContext.text(order.handlingMarks.joined(separator: "・"))
            case "flags": return MailContext.text(order.flags.sorted().joined(separator: "・"))
            case "wrappings": return MailContext.text(document.orders.flatMap { $0.rmsAmounts?.wrappings ?? [] }.map(\.label).joined(separator: "、"))
            case "shopName": return MailContext.text(batch.shop.name)
            case "couponAllTotalPrice" where order.couponTotal == 0, "usedPoint" where order.pointsUsed == 0: return nil
            // Amounts only where prices are printed: a gift's 納品書 shows none.
            case "goodsPrice", "postagePrice", "deliveryPrice", "paymentCharge", "couponAllTotalPrice", "usedPoint", "totalPrice", "requestPrice":
                return showsPrices ? mail.child(named: name) : nil
            default: return mail.child(named: name)
            }
        }

        /// 出荷日 as a 納品書 dates itself: the first parcel's ship date, the 出荷日 or 出荷予定日 the
        /// shop wrote, or the day it is printed.
        func issueDate(of order: Order) -> CalendarDate {
            if batch.kind == .deliveryNote {
                if let shipped = order.parcels.compactMap(\.shippedOn).min() { return shipped }
                if let date = order.dates[.shipmentDate] ?? order.dates[.plannedShipmentDate] { return date }
            }
            return batch.printedOn
        }
    }

    /// One order of a bundle's 納品書: every tag of a document answered for this order alone (its
    /// number, items, totals, tax lines, のし: each order is its own invoice), no value where it has
    /// none — never the lead order's, which Mustache would find above it. The shop's names and the
    /// bundle's own are the document's.
    struct BundleOrderContext: MustacheParent {
        let order: Order
        let taxes: TaxBreakdown?
        let batch: SlipBatch
        let showsPrices: Bool

        func child(named name: String) -> Any? {
            if SlipTag.bundleLevel.contains(name) || SlipTag.batchLevel.contains(name) || name == "showsPrices" { return nil }
            let own = DocumentContext(document: SlipDocument(order: order, package: order.packages.first, taxes: taxes), batch: batch,
                                      pricesShown: showsPrices)
            return own.child(named: name) ?? SlipNoValue()
        }
    }

    /// No value, which ends the search: a variable prints nothing and a section stays closed (a
    /// nil would let Mustache take the name's value from the context above).
    struct SlipNoValue: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    struct ItemContext: MustacheParent {
        let item: Item
        let shelf: String?
        let showsPrices: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "reducedMark": return TaxBreakdown.Line.isReduced(item.taxRate) ? "※" : nil
            case "taxRate": return "\(Int((item.taxRate * 100).rounded()))%"
            case "shelf": return shelf.flatMap(MailContext.text)
            case "price", "subtotal": return showsPrices ? MailContext.ItemContext(item: item).child(named: name) : nil
            default: return MailContext.ItemContext(item: item).child(named: name)
            }
        }
    }

    struct TaxLineContext: MustacheParent {
        let line: TaxBreakdown.Line

        func child(named name: String) -> Any? {
            switch name {
            case "rate": return line.rateText
            case "amount": return Money.groupedYen(line.amount)
            case "tax": return Money.groupedYen(line.tax)
            case "reducedMark": return line.isReduced ? "※" : nil
            case "isReduced": return line.isReduced
            default: return nil
            }
        }
    }

    struct PickLineContext: MustacheParent {
        let line: PickingList.Line

        func child(named name: String) -> Any? {
            switch name {
            case "shelf": return line.shelf.flatMap(MailContext.text)
            case "manageNumber": return MailContext.text(line.manageNumber)
            case "itemName": return MailContext.text(line.name)
            case "selectedChoice": return line.choice
            case "units": return String(line.units)
            case "orderCount": return String(line.orders.count)
            default: return nil
            }
        }
    }
}
