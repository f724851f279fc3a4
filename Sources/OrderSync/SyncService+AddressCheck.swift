import Foundation
import OrderEngine
import OrderStore
import Postcodes

extension SyncService {
    /// Marks 住所要確認 on an order coming in whose postcode Japan Post puts in another
    /// 都道府県・市区町村 (the detail says both). Without the data nothing is marked; data that
    /// cannot be read stops the checks of the fetch (`problem` keeps why), and the orders come in
    /// all the same.
    func markAddress(_ order: inout Order, problem: inout PostcodeError?) {
        guard let postcodes, problem == nil, order.readProblem == nil else { return }
        do {
            if try !postcodes.addressMismatches(of: order).isEmpty { order.flags.insert(OrderFlag.addressCheck) }
        } catch {
            problem = error
        }
    }

    /// Says, records and logs that a fetch's addresses were not checked.
    func reportAddressCheckFailure(_ problem: PostcodeError) {
        logger.error("郵便番号と住所の確認ができません: \(problem)")
        events(.failed(activity: "郵便番号と住所の確認", errorClass: nil, detail: "\(problem)（この取得の注文の住所は確かめていません）"))
    }
}
