import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// RMS's -9999 ("not fixed yet") is never sent: in updateOrderSender it would unset a fee RMS
/// holds, and RMS's totals with it.
@Suite("An unset amount never leaves the machine")
struct UnsetAmountGuardTests {
    @Test("a write holding -9999 anywhere is refused by the client itself, before it is sent, with the key path")
    func clientRefusesUnset() async throws {
        let sandbox = try await SandboxHarness.start(orders: 20)
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 })
        for place in ["postage", "cod", "price"] {
            var request = UpdateOrderSenderRequest(unchanged: order)
            switch place {
            case "postage": request.packageModelList[0].postagePrice = Money.rakutenUnsetSentinel
            case "cod": request.packageModelList[0].deliveryPrice = Money.rakutenUnsetSentinel
            default: request.packageModelList[0].itemModelList[0].price = Money.rakutenUnsetSentinel
            }
            await #expect {
                _ = try await sandbox.client.updateOrderSender(request)
            } throws: { error in
                guard let error = error as? RakutenPayError else { return false }
                return error.errorClass == .rejected && error.httpStatus == nil && !error.mayHaveBeenApplied
                    && error.detail.contains("-9999") && error.detail.contains("PackageModelList[0].")
            }
        }
        let (_, body) = try await sandbox.admin("stats", method: "GET")
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let requests = stats["requests"] as? [String: Int] ?? [:]
        #expect(requests["updateOrderSender"] == nil, "nothing reached RMS: \(requests)")
        // The same request with the amounts RMS holds goes through.
        let accepted = try await sandbox.client.updateOrderSender(UpdateOrderSenderRequest(unchanged: order))
        #expect(accepted.errors.isEmpty)
        await sandbox.stop()
    }

    @Test("an edit with an unset fee is not made into a request at all")
    func editWithUnsetFee() throws {
        var generator = OrderGenerator(seed: 4, settings: .init(shopID: "398211"))
        let model = try #require(generator.orders(count: 40, now: RakutenDateTime(epochSeconds: 1_795_000_000)).first { $0.postagePrice != -9999 })
        var order = Order(rakuten: model, localStatus: .newOrder)
        order.fees.shipping = .unset
        #expect(throws: UnsetFeeError.self) { try UpdateOrderSenderRequest(pushing: order, onto: model) }
        order.fees.shipping = .yen(700)
        let request = try UpdateOrderSenderRequest(pushing: order, onto: model)
        #expect(request.packageModelList.map(\.postagePrice).reduce(0, +) == 700)
    }
}
