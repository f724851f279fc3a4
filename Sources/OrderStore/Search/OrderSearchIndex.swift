import OrderEngine

/// What of an order goes into the names' full-text index: who ordered, who receives, what was
/// bought. (Its numbers go into the tails' index: ``OrderTails``.)
enum OrderSearchIndex {
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
