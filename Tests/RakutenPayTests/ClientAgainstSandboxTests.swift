import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("The client against the sandbox over loopback")
struct ClientAgainstSandboxTests {
    let now = RakutenDateTime(Date())

    @Test("searchOrder then getOrder returns every order awaiting confirmation")
    func searchAndGet() async throws {
        let sandbox = try await SandboxHarness.start(orders: 120)
        let numbers = try await sandbox.client.searchOrderNumbers(
            orderProgress: [100], from: now.adding(seconds: -7 * 86_400), to: now)
        #expect(numbers.count > 80)
        let fetched = try await sandbox.client.getOrders(numbers)
        #expect(fetched.orders.count == numbers.count)
        #expect(fetched.failures.isEmpty)
        #expect(fetched.orders.allSatisfy { $0.model.orderProgress == 100 })
        await sandbox.stop()
    }

    @Test("confirmOrder moves an order 100 → 200 → 300 and a second confirm is refused")
    func confirmLifecycle() async throws {
        let sandbox = try await SandboxHarness.start(orders: 30) {
            $0.secondsUntilProcessing = 1
            $0.secondsUntilDone = 1
        }
        let numbers = try await sandbox.client.searchOrderNumbers(
            orderProgress: [100], from: now.adding(seconds: -7 * 86_400), to: now)
        let orders = try await sandbox.client.getOrders(numbers).orders.map(\.model)
        let target = try #require(orders.first { $0.postagePrice != -9999 })

        let first = await sandbox.client.confirmOrder([target.orderNumber])
        #expect(first.map(\.outcome) == [.accepted(rmsProgress: nil)])
        let second = await sandbox.client.confirmOrder([target.orderNumber])
        guard case .refused(let errorClass, _) = second.first?.outcome else {
            Issue.record("a second confirm must be refused, got \(second)")
            return
        }
        #expect(errorClass == .notConfirmable)

        try await Task.sleep(for: .milliseconds(2300))
        let after = try #require(try await sandbox.client.getOrder([target.orderNumber]).orders.first)
        #expect(after.orderProgress == 300)
        #expect(after.shopOrderCfmDatetime != nil)
        #expect(after.changeReasonModelList?.contains { $0.changeType == 8 } == true)
        #expect(await sandbox.server.acceptedConfirmations()[target.orderNumber] == 1)
        await sandbox.stop()
    }

    @Test("an order whose postage is unset is refused with ERROR_105, shown as 送料が未設定の注文です")
    func unsetPostageRefused() async throws {
        let sandbox = try await SandboxHarness.start(orders: 200)
        let numbers = try await sandbox.client.searchOrderNumbers(
            orderProgress: [100], from: now.adding(seconds: -7 * 86_400), to: now)
        let orders = try await sandbox.client.getOrders(numbers).orders.map(\.model)
        let unset = try #require(orders.first { $0.postagePrice == -9999 })
        let result = await sandbox.client.confirmOrder([unset.orderNumber])
        guard case .refused(let errorClass, let message) = result.first?.outcome else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(errorClass == .shippingFeeUnset)
        #expect(errorClass.message == "送料が未設定の注文です")
        #expect(message.contains("ERROR_105"))
        await sandbox.stop()
    }

    @Test("a wrong licence key is an authentication error and is not retried")
    func wrongKey() async throws {
        let sandbox = try await SandboxHarness.start(orders: 5)
        var configuration = sandbox.client.configuration
        configuration.credentials.licenseKey = "wrong"
        let client = RakutenPayClient(configuration: configuration)
        await #expect {
            _ = try await client.searchOrder(SearchOrderRequest(startDatetime: now.adding(seconds: -3600), endDatetime: now))
        } throws: { error in
            (error as? RakutenPayError)?.errorClass == .authentication
                && (error as? RakutenPayError)?.httpStatus == 401
        }
        await sandbox.stop()
    }
}
