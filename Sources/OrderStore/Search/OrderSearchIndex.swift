import OrderEngine

/// What of an order goes into the names' full-text index: who ordered, who receives, what was
/// bought. (Its numbers go into the tails' index: ``OrderTails``.)
enum OrderSearchIndex {
    /// The order's document in `order_search`, as UTF-8.
    static func document(for order: Order) -> [UInt8] {
        var writer = IndexTextWriter()
        func name(_ family: String, _ first: String) {
            writer.append(family)
            writer.append(first)
            writer.endText()
        }
        let orderer = order.orderer
        name(orderer.familyName, orderer.firstName)
        name(orderer.familyNameKana, orderer.firstNameKana)
        for package in order.packages {
            let destination = package.destination
            // A package sent to the orderer adds nothing.
            guard destination.familyName != orderer.familyName || destination.firstName != orderer.firstName else { continue }
            name(destination.familyName, destination.firstName)
            name(destination.familyNameKana, destination.firstNameKana)
        }
        for package in order.packages {
            for item in package.items {
                writer.append(item.name)
                writer.endText()
            }
        }
        return writer.bytes
    }

    static func text(for order: Order) -> String {
        String(decoding: document(for: order), as: UTF8.self)
    }
}
