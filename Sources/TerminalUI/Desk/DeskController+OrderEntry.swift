import Foundation
import OrderEngine
import OrderStore

/// 受注を登録 at the desk: the form opened with the shop's products (from the newest orders'
/// items), and the order it makes checked again against the clock and stored with a number of its
/// own, as `juchu order new` stores it.
extension DeskController {
    /// How many of the newest orders the product list is read from: enough for a shop's range,
    /// quick to read when the form opens.
    static let productSourceOrders = 400

    func openOrderEntry() {
        do {
            let numbers = try store.page(GridFilter(), after: nil, limit: Self.productSourceOrders).map(\.number)
            let products = HandOrderProduct.list(from: try store.orders(numbers, content: true))
            perform(state.apply(.orderEntryOpened(HandOrderForm(settings: settings.handOrders, products: products, now: now()))))
        } catch {
            // The form is the operator's to fill in even without the list: said, and opened empty.
            perform(state.apply(.orderEntryOpened(HandOrderForm(settings: settings.handOrders, products: [], now: now()))))
            state.message = DeskMessage("商品の一覧を読めません（商品は入力してください）: \(error)", isError: true)
        }
    }

    func enterOrder(_ draft: HandOrderDraft) {
        let order: Order
        do throws(HandOrderProblems) {
            order = try draft.order(settings: settings.handOrders, now: now())
        } catch {
            return perform(state.apply(.orderEntered(.failure(.fields(error)))))
        }
        do {
            perform(state.apply(.orderEntered(.success(try store.enter(order, shopID: state.shopID)))))
        } catch {
            perform(state.apply(.orderEntered(.failure(.notStored("\(error)")))))
        }
    }
}
