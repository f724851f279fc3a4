import Foundation
import OrderEngine

extension Order {
    /// The flag an order RMS sent with a field that cannot be read carries, so that the shop finds
    /// it (チェック:要確認) and handles it in RMS.
    public static let needsCheckFlag = "要確認"

    /// An order RMS sent that the decoder could not read whole (a key missing, a wrong type),
    /// mapped from what can be read of it, so that it still reaches the desk: what it needs to be
    /// found and confirmed (number, status, date, orderer, postage) is read leniently from the
    /// top level; what cannot be read is unset. It carries the problem and 要確認, and actions
    /// that need what it lacks refuse it (``Order/readProblem``).
    public init(unreadable failure: OrderDecodingFailure, rawJSON: [UInt8], localStatus: LocalStatus, fetchedAt: Date) {
        var problem = ReadProblem(keyPath: failure.keyPath, problem: failure.problem)
        var top: [String: Any] = [:]
        do {
            top = try JSONSerialization.jsonObject(with: Data(rawJSON)) as? [String: Any] ?? [:]
        } catch {
            // Kept all the same, with its bytes; the problem says that nothing of it could be read.
            problem.problem += "（JSONとして読めません: \(error)）"
        }
        func int(_ key: String) -> Int? { (top[key] as? NSNumber).flatMap { $0 is Bool ? nil : $0.intValue } }
        func text(_ key: String, in object: [String: Any] = top) -> String? { object[key] as? String }
        func money(_ key: String) -> Money { int(key).map(Money.init(rakuten:)) ?? .unset }
        let orderer = top["OrdererModel"] as? [String: Any] ?? [:]
        let confirmed = text("shopOrderCfmDatetime").flatMap(RakutenDateTime.init(parsing:))?.date
        let progress = RMSProgress(code: int("orderProgress") ?? RMSProgress.awaitingConfirmation.code)
        self.init(
            number: OrderNumber(failure.orderNumber ?? text("orderNumber") ?? "不明-\(failure.index)"),
            origin: .rakutenAPI,
            orderedAt: text("orderDatetime").flatMap(RakutenDateTime.init(parsing:))?.date ?? fetchedAt,
            rmsProgress: progress,
            localStatus: localStatus,
            sync: confirmed != nil ? .afterConfirmation(rmsProgress: progress) : .notSent,
            orderer: Contact(
                familyName: text("familyName", in: orderer) ?? "（読めません）", firstName: text("firstName", in: orderer) ?? "",
                familyNameKana: text("familyNameKana", in: orderer) ?? "", firstNameKana: text("firstNameKana", in: orderer) ?? "",
                zipCode: [text("zipCode1", in: orderer), text("zipCode2", in: orderer)].compactMap { $0 }.joined(separator: "-"),
                prefecture: text("prefecture", in: orderer) ?? "", city: text("city", in: orderer) ?? "",
                subAddress: text("subAddress", in: orderer) ?? "",
                phoneNumber: Contact.phone(text("phoneNumber1", in: orderer), text("phoneNumber2", in: orderer), text("phoneNumber3", in: orderer)),
                emailAddress: text("emailAddress", in: orderer)),
            packages: [],
            payment: Payment(
                methodCode: nil,
                methodName: ((top["SettlementModel"] as? [String: Any]).flatMap { $0["settlementMethod"] as? String }) ?? "（不明）"),
            fees: Fees(shipping: money("postagePrice"), cashOnDelivery: money("deliveryPrice"), paymentCharge: money("paymentCharge")),
            goodsPrice: money("goodsPrice"),
            couponTotal: int("couponAllTotalPrice") ?? 0,
            confirmedAt: confirmed,
            remarks: text("remarks"),
            memo: text("memo"))
        flags = [Self.needsCheckFlag]
        readProblem = problem
    }
}
