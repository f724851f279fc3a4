/// What the search line's 備考: and 商品: read of an order, in memory and as the store keeps it.
extension Order {
    /// Whether the buyer wrote remarks (備考) with anything in them.
    public var hasRemarks: Bool { remarks?.contains { !$0.isWhitespace } ?? false }

    /// Every item's name and 商品管理番号 between tabs (`\tコシヒカリ 5kg\trice-5kg\t`), as the
    /// store keeps it for 商品: and as a rule reads it.
    public var itemText: String {
        let parts = packages.flatMap(\.items).flatMap { [$0.name, $0.manageNumber] }.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : "\t" + parts.joined(separator: "\t") + "\t"
    }
}
