import OrderEngine
import Postcodes

extension DeskController {
    /// Japan Post's postcodes, or why the desk has none.
    private var postcodeDirectory: Result<PostcodeDirectory, PostcodeError> {
        settings.postcodes ?? .failure(PostcodeError("郵便番号データがありません"))
    }

    /// Japan Post's places for a postcode typed into the form, or why they cannot be read.
    func lookUp(_ zip: String) -> DeskEvent {
        do {
            return .postcodeFound(zip, places: try postcodeDirectory.get().places(of: zip))
        } catch {
            return .postcodeFound(zip, places: [], problem: "郵便番号から住所を入れられません: \(error)")
        }
    }

    /// What the detail must say beyond the order: for an order marked 住所要確認 on import, each
    /// address its postcode does not belong to (asked of the data only then, not on every
    /// detail); for one marked 再発行が必要, what was made before the change.
    func cautions(_ order: Order) throws -> [String] {
        var cautions: [String] = []
        if order.flags.contains(OrderFlag.addressCheck) {
            do {
                cautions += try postcodeDirectory.get().addressMismatches(of: order)
            } catch {
                cautions.append("郵便番号と住所を確かめられません: \(error)")
            }
        }
        if order.flags.contains(OrderFlag.reissue) {
            let made = try store.documentsMade(of: order.number)
            cautions.append("\(OrderFlag.reissue): 変更の前に作ったもの — \(made.isEmpty ? "（記録なし）" : made.joined(separator: "、"))。作り直したらチェックを外してください")
        }
        return cautions
    }
}
