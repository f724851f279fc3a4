import OrderEngine

/// What of an order goes into the full-text indexes: who ordered, who receives, what was bought;
/// and, apart, the digits of its number and phone number reversed.
enum OrderSearchIndex {
    static func tails(for order: Order) -> String {
        SearchTerms.reversedDigits(order.number.rawValue) + " " + SearchTerms.reversedDigits(order.orderer.phoneNumber)
    }

    static func text(for order: Order) -> String {
        var names = [order.orderer.familyName + order.orderer.firstName, order.orderer.familyNameKana + order.orderer.firstNameKana]
        for package in order.packages {
            let name = package.destination.familyName + package.destination.firstName
            guard name != names[0] else { continue }
            names.append(name)
            names.append(package.destination.familyNameKana + package.destination.firstNameKana)
        }
        return SearchTerms.indexText(names: names, items: order.packages.flatMap { $0.items.map(\.name) })
    }
}
