import Foundation
import GRDB
import OrderEngine

/// Everything a new order writes, worked out before the write transaction: an import makes these
/// on the thread that decodes the next answers, so that the one writer only binds values.
struct NewOrderValues: Sendable {
    /// The identity and state columns, in the order of ``OrderColumns/identityNames`` then
    /// ``OrderColumns/stateNames``.
    let columns: [DatabaseValue]
    /// RMS's exact JSON; nil for an order without one.
    let rawJSON: [UInt8]?
    /// The names and items for the text search (``OrderSearchIndex/document(for:)``), as UTF-8.
    let searchText: [UInt8]
    /// The reversed digits of the order and phone numbers (``OrderTails/document``), as UTF-8.
    let tails: [UInt8]
    /// The order as a document, for one without RMS's JSON or whose JSON cannot be read whole.
    let document: Result<[UInt8]?, any Error>

    init(order: Order, rawJSON: [UInt8]?) {
        let columns = OrderColumns(order: order)
        let tails = OrderTails(order)
        self.columns = columns.identity(tails: tails) + columns.state
        self.rawJSON = rawJSON
        searchText = OrderSearchIndex.document(for: order)
        self.tails = Array(tails.document.utf8)
        document = Result { rawJSON != nil && order.readProblem == nil ? nil : Array(try OrderDocument.encode(order)) }
    }

    /// What `order_content` keeps of the order: an order with RMS's JSON is read from it (no
    /// document); RMS's JSON that cannot be read whole keeps what could be read beside RMS's
    /// bytes; an order without RMS's JSON keeps its whole content. Encoded with the rest, on the
    /// thread that made these values, not by the writer.
    func content() throws -> (document: [UInt8]?, rawJSON: [UInt8]?) {
        (try document.get(), rawJSON)
    }

    /// The journal's line for an order's arrival: its status from nothing.
    static func arrival(of order: Order) -> FieldChange {
        FieldChange(field: .localStatus, before: .text(nil), after: .text(order.localStatus.id))
    }
}
