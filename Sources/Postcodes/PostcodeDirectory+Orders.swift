import OrderEngine

extension PostcodeDirectory {
    /// Each address of `order` (its 送付先, its 注文者) whose postcode Japan Post puts in another
    /// 都道府県・市区町村, said with both: 「送付先: 郵便番号と住所が一致しません（〒… は …、住所は …）」.
    /// A postcode Japan Post does not have is not a mismatch (a business's own, a new one); a
    /// social gift's 入力待ち and a convenience store's address are not the buyer's to check.
    public func addressMismatches(of order: Order) throws(PostcodeError) -> [String] {
        var contacts: [(label: String, contact: Contact)] = []
        for (index, package) in order.packages.enumerated() where package.handling?.awaitingRecipient != true && package.handling?.convenienceStore == nil {
            contacts.append(("送付先\(order.packages.count > 1 ? String(index + 1) : "")", package.destination))
        }
        contacts.append(("注文者", order.orderer))
        var found: [String] = []
        for (label, contact) in contacts {
            guard PostcodePlace.digits(of: contact.zipCode) != nil else { continue }
            let places = try places(of: contact.zipCode)
            if let mismatch = PostcodePlace.mismatch(zip: contact.zipCode, prefecture: contact.prefecture, city: contact.city, places: places) {
                found.append("\(label): \(mismatch)")
            }
        }
        return found
    }
}
