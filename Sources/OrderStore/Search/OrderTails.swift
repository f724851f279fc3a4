import OrderEngine

/// The digits of an order's number and of its orderer's phone number, reversed, so that a tail
/// typed in the search is a prefix. Each is kept in a column of `orders` and, together, as the
/// order's document in the tails' full-text index; made once for both.
struct OrderTails {
    let orderNumber: String
    let phoneNumber: String

    init(_ order: Order) {
        orderNumber = SearchTerms.reversedDigits(order.number.rawValue)
        phoneNumber = SearchTerms.reversedDigits(order.orderer.phoneNumber)
    }

    /// The order's document in `order_tails`.
    var document: String { orderNumber + " " + phoneNumber }
}
