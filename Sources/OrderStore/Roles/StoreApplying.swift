/// The store's role of changing orders: an action applied (planned inside the writing
/// transaction, each write to RMS claimed in the outbox before anything is sent), a change
/// journalled field by field, a batch taken back; an edit of amounts and details, parcels and
/// shipment keys, slips printed, RMS's copies taken in, the rules' acts — and what was already made
/// from an order. Written once over the backend's transactions.
public protocol StoreApplying: StoreTransactions {}

extension OrderStore: StoreApplying {}
