/// The store's outbox role: every write that leaves the machine (RMS's confirmations, cancellations,
/// reports, pushed amounts; the buyers' mails) as recorded before it is sent — marked sending,
/// its answer recorded on the row and on its order, its fate settled when the sender is gone —
/// and the mails kept as they were handed to the relay. Written once over the backend's
/// transactions; the claim itself is made by ``StoreApplying``'s apply.
public protocol StoreOutbox: StoreTransactions {}

extension OrderStore: StoreOutbox {}
