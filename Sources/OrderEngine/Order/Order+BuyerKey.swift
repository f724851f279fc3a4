/// リピート: a buyer's earlier orders here. The buyer is the orderer (注文者) as RMS gives them —
/// name and phone number, spaces and hyphens aside — matched exactly after that normalising, as
/// peers match their repeat and blacklist lists (orders-rules-scale.md §3.2, buyer history): a
/// buyer who moved is the same buyer; two people of one name are two unless they share a phone.
extension Order {
    /// The orderer as buyer history compares them; nil when RMS gives no name or no phone number.
    public var buyerKey: String? {
        let name = String((orderer.familyName + orderer.firstName).filter { !$0.isWhitespace })
        let phone = String(orderer.phoneNumber.compactMap { $0.wholeNumberValue.map { Character(String($0)) } })
        guard !name.isEmpty, !phone.isEmpty else { return nil }
        return name + "\t" + phone
    }
}
