import Foundation
import OrderEngine

/// What a new order writes, for a backend other than this file's SQLite: the same columns, the
/// same content, the same search document and the same journal line of its arrival, worked out
/// once (``NewOrderValues``), so that both backends store an order alike.
extension OrderStore.Incoming {
    /// The `orders` columns ``columnValues`` fills, in its order.
    public static let columnNames: [String] = OrderColumns.identityNames + OrderColumns.stateNames

    /// The identity and state columns, in the order of ``columnNames``.
    public var columnValues: [StoredValue] {
        zip(values.columns, Self.columnNames).map { StoredValue(made: $0, column: $1) }
    }

    /// The names and items of the text search, one space between each token (``OrderSearchIndex``).
    public var searchDocument: String { String(decoding: values.searchText, as: UTF8.self) }

    /// What `order_content` keeps: the order as a document and RMS's JSON (either may be nil).
    public func content() throws -> (document: [UInt8]?, rawJSON: [UInt8]?) { try values.content() }

    /// The journal's line for its arrival.
    public var arrival: FieldChange { NewOrderValues.arrival(of: order) }
}
