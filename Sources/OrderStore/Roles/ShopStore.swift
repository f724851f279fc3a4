/// Every role of the store the sync worker, the desk and the commands use: the one type they are
/// written against, whichever backend holds the shop's data.
public typealias ShopStore = StoreChanges & StoreCoordination & StoreQuerying & StoreImporting & StoreReading
    & StoreApplying & StoreOutbox & StoreSyncRecords & StoreGridDetails & StoreBackups
