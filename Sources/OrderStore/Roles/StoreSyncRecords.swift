/// What the sync worker records for every desk of the shop: the activities that failed and have
/// not succeeded since, the licenceKey's expiry as RMS gave it, RMS's list of sub-statuses.
/// Written once over the backend's transactions.
public protocol StoreSyncRecords: StoreTransactions {}

extension OrderStore: StoreSyncRecords {}
