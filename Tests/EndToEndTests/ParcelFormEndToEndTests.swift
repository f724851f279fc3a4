import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// 荷物番号の入力 at the desk, in a real terminal, on the SQLite file the desk works on.
@Suite("End to end: tracking numbers typed at the desk", .serialized)
struct ParcelFormEndToEndTests {
    @Test("t opens the cursor order's baskets; two numbers typed (C-n for the second) are saved to the file and shown in the detail; Delete takes one back; nothing reaches RMS")
    func typedNumbers() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0)
        let db = juchu.home + "/parcels.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0\n")
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 40)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") } },
                                  "the desk did not fetch:\n\(session.capture())")
        let number = try #require(DemoConfirmEndToEndTests.orderNumber(in: DemoConfirmEndToEndTests.gridLines(opened)[0]))
        let store = try OrderStore(path: db)
        let order = try #require(try store.order(OrderNumber(number)))
        try #require(order.packages.count == 1, "the first order has one basket")

        session.send("t")
        let form = try await offPool { session.waitFor(10) { $0.contains("荷物番号の入力 \(number)") && $0.contains("（追加する荷物番号）") } }
        #expect(form != nil, "the form did not open:\n\(session.capture())")
        let (first, second) = (ShippingNumbers.valid(31), ShippingNumbers.valid(32))
        session.send(literal: first)
        session.send("C-n")
        session.send(literal: second)
        session.send("Enter")
        let saved = try await offPool { session.waitFor(10) { $0.contains("荷物番号を保存しました") } }
        #expect(saved != nil, "not saved:\n\(session.capture())")
        #expect(try store.order(OrderNumber(number))?.parcels.map(\.trackingNumber) == [first, second])
        let shown = try await offPool { session.waitFor(10) { $0.contains("ヤマト運輸 \(first)") && $0.contains("ヤマト運輸 \(second)") } }
        #expect(shown != nil, "the detail does not list the parcels:\n\(session.capture())")

        // Again: the second parcel taken back (Up from the blank row, Delete, Enter).
        session.send("t")
        _ = try await offPool { session.waitFor(10) { $0.contains("荷物番号の入力 \(number)") } }
        session.send("Up", "DC", "Enter")
        let removed = try await offPool { session.waitFor(10) { $0.contains("荷物番号を保存しました") && !$0.contains("ヤマト運輸 \(second)") } }
        #expect(removed != nil, "not taken back:\n\(session.capture())")
        #expect(try store.order(OrderNumber(number))?.parcels.map(\.trackingNumber) == [first])
        #expect(await sandbox.server.order(number)?.packageModelList.allSatisfy { ($0.shippingModelList ?? []).isEmpty } == true,
                "typing a number sends nothing to RMS")
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }
}
