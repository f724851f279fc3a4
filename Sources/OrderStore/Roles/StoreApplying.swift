/// The store's role of changing orders: an action applied (planned inside the writing
/// transaction, each write to RMS claimed in the outbox before anything is sent), a change
/// journalled field by field, a batch taken back (``apply(_:to:batchID:claimedBy:previewed:)``,
/// ``mutate(_:action:undoable:_:)``, ``undo(batch:)``…), written once over the backend's
/// transactions.
public protocol StoreApplying: StoreTransactions {}

extension OrderStore: StoreApplying {}
