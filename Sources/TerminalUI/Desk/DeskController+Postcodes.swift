import OrderEngine
import Postcodes

extension DeskController {
    /// Japan Post's places for a postcode typed into the form, or why they cannot be read.
    func lookUp(_ zip: String) -> DeskEvent {
        guard let directory = settings.postcodes else {
            return .postcodeFound(zip, places: [], problem: "郵便番号から住所を入れられません: \(settings.postcodeProblem ?? "郵便番号データがありません")")
        }
        do {
            return .postcodeFound(zip, places: try directory.places(of: zip))
        } catch {
            return .postcodeFound(zip, places: [], problem: "郵便番号データを読めません: \(error)")
        }
    }
}

extension DeskController {
    /// What the detail must say beyond the order: an address its postcode does not belong to; what
    /// was made before a change (再発行が必要).
    func cautions(_ order: Order) throws -> [String] {
        var cautions = addressCautions(order)
        if order.flags.contains(OrderFlag.reissue) {
            let made = try store.documentsMade(of: order.number)
            cautions.append("\(OrderFlag.reissue): 変更の前に作ったもの — \(made.isEmpty ? "（記録なし）" : made.joined(separator: "、"))。作り直したらチェックを外してください")
        }
        return cautions
    }

    /// Each address of `order` its postcode does not belong to, with both said; a 住所要確認 mark
    /// without the data to say why says that instead.
    func addressCautions(_ order: Order) -> [String] {
        guard let directory = settings.postcodes else {
            return order.flags.contains(OrderFlag.addressCheck) ? ["郵便番号データがないため確かめられません: \(settings.postcodeProblem ?? "")"] : []
        }
        do {
            return try directory.addressMismatches(of: order)
        } catch {
            return ["郵便番号データを読めません: \(error)"]
        }
    }
}
