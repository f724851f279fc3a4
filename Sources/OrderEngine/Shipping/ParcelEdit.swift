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

extension [ParcelEdit] {
    /// The same edits for another member of a bundle (同梱), which ships as one parcel: a parcel
    /// added goes to the member's only basket too (unless it has that number already); a parcel
    /// changed or taken back is changed or taken back where the member has the same number
    /// (nothing where it has not).
    public func forBundleMember(_ member: Order) throws(ActionInputError) -> [ParcelEdit] {
        var edits: [ParcelEdit] = []
        for edit in self {
            switch edit {
            case .add(var parcel):
                parcel.basketID = try member.onlyBasket()
                if member.parcels.contains(where: { $0.basketID == parcel.basketID && $0.trackingNumber == parcel.trackingNumber }) { continue }
                edits.append(.add(parcel))
            case .amend(let number, _, _, _), .delete(let number):
                if member.parcels.contains(where: { $0.trackingNumber == number }) { edits.append(edit) }
            }
        }
        return edits
    }
}
