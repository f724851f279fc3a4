import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Postcodes
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Sync: an order whose postcode is not its address's is marked 住所要確認 on import")
struct AddressCheckTests {
    @Test("a 送付先 whose 〒 Japan Post puts in another 市区町村 is marked, with both said; a matching one and an unknown code are not")
    func mismatchMarked() async throws {
        var numbers: [String] = []
        let directory = try PostcodeDirectory.installed()
        let fetched = try await FetchedSandbox.start(orders: 20, postcodes: directory, beforeFetch: { sandbox in
            let waiting = try await sandbox.orders(inProgress: 100).filter { $0.packageModelList.count == 1 && $0.socialGiftFlag == 0 }
            #expect(waiting.count >= 3)
            let places: [((String, String), String, String)] = [(("100", "0001"), "大阪府", "大阪市北区"), (("100", "0001"), "東京都", "千代田区"), (("999", "9998"), "東京都", "千代田区")]
            for (order, (zip, prefecture, city)) in zip(waiting, places) {
                numbers.append(order.orderNumber)
                _ = await sandbox.server.modifyOrder(order.orderNumber) { order in
                    order.ordererModel.zipCode1 = zip.0
                    order.ordererModel.zipCode2 = zip.1
                    order.ordererModel.prefecture = prefecture
                    order.ordererModel.city = city
                    order.packageModelList[0].senderModel.zipCode1 = zip.0
                    order.packageModelList[0].senderModel.zipCode2 = zip.1
                    order.packageModelList[0].senderModel.prefecture = prefecture
                    order.packageModelList[0].senderModel.city = city
                    order.packageModelList[0].deliveryCvsModel = nil
                }
            }
        })
        let store = fetched.store
        let (wrong, right, unknown) = (numbers[0], numbers[1], numbers[2])
        let marked = try #require(try store.order(OrderNumber(wrong)))
        #expect(marked.flags.contains(OrderFlag.addressCheck))
        let said = try directory.addressMismatches(of: marked)
        #expect(said == [
            "送付先: 郵便番号と住所が一致しません（〒100-0001 は 東京都千代田区、住所は 大阪府大阪市北区）",
            "注文者: 郵便番号と住所が一致しません（〒100-0001 は 東京都千代田区、住所は 大阪府大阪市北区）",
        ], "\(said)")
        #expect(try store.order(OrderNumber(right))?.flags.contains(OrderFlag.addressCheck) == false)
        #expect(try store.order(OrderNumber(unknown))?.flags.contains(OrderFlag.addressCheck) == false, "a code Japan Post does not have is not a mismatch")
        // The search line finds them by the mark.
        let found = try store.page(GridFilter(localStatus: .newOrder, search: "チェック:\(OrderFlag.addressCheck)"), limit: 100).map(\.number.rawValue)
        #expect(found.contains(wrong) && !found.contains(right))
        await fetched.stop()
    }
}
