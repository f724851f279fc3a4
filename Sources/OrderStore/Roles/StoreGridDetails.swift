/// What the grid and the search line ask of the store beyond a page (``StoreQuerying``): which
/// of the chosen orders a filter shows, 同梱候補 and their partners, リピート, the records behind
/// 連携:, 帳票: and メール:, a bundle's members. Written once over the backend's transactions.
public protocol StoreGridDetails: StoreTransactions {}

extension OrderStore: StoreGridDetails {}
