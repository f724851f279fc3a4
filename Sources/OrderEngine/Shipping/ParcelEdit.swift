/// One change an operator makes to an order's parcels by hand: a parcel added to a basket, a
/// parcel's values changed, a parcel taken back. Several are saved together, in their order.
public enum ParcelEdit: Sendable, Equatable {
    case add(Parcel)
    /// The parcel now numbered `trackingNumber` gets the non-nil values.
    case amend(trackingNumber: String, carrier: Carrier?, newNumber: String?, shippedOn: CalendarDate?)
    case delete(trackingNumber: String)
}

extension Order {
    /// The order with `edits` made, each as its own rule says (``addingParcel(_:)``,
    /// ``amendingParcel(_:carrier:trackingNumber:shippedOn:)``, ``deletingParcel(_:)``); the first
    /// refused refuses them all, with its reason.
    public func applyingParcelEdits(_ edits: [ParcelEdit]) throws(ActionInputError) -> Order {
        var order = self
        for edit in edits {
            switch edit {
            case .add(let parcel):
                order = try order.addingParcel(parcel)
            case .amend(let number, let carrier, let newNumber, let shippedOn):
                order = try order.amendingParcel(number, carrier: carrier, trackingNumber: newNumber, shippedOn: shippedOn)
            case .delete(let number):
                order = try order.deletingParcel(number)
            }
        }
        return order
    }
}
