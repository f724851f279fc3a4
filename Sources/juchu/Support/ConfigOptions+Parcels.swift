import OrderEngine
import OrderStore

extension ConfigOptions {
    /// Runs a change of one order's parcels (`juchu tracking set`, `correct`, `delete`) on the
    /// settings' database and prints them, or the reason it was refused (exit 1).
    func changeParcels(_ change: (any ShopStore) throws -> Order) throws {
        try reportingErrors {
            let (settings, file) = try load()
            try require(OperatorTask.enterTracking, settings, file: file)
            let store = try openStore(settings, existing: true)
            do {
                let order = try change(store)
                for parcel in order.parcels { print("\(order.number)\t\(parcel.basketID)\t\(parcel.summary)") }
            } catch let error as ActionInputError {
                throw UserFacingError(error.description)
            } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
        }
    }
}
