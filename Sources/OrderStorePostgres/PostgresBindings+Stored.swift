import NIOCore
import OrderStore
import PostgresNIO

extension PostgresQuery {
    /// `sql` (numbered placeholders) with `values` bound, each as its kind.
    init(sql: String, stored values: [StoredValue]) {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(stored: value) }
        self.init(unsafeSQL: sql, binds: bindings)
    }
}

extension PostgresBindings {
    /// A value of a ``StoredTable`` column, bound as its kind.
    mutating func append(stored value: StoredValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer)
        case .text(let text): append(text)
        case .blob(let data): append(ByteBuffer(bytes: data))
        }
    }

    /// An order's `search_document` and, as one text with a space between each term, its
    /// `search_terms` (``SearchTerms/indexedTermsText(_:)``; the statement makes the array with
    /// ``PostgresStore/searchTermsSQL(_:)``): binding the array itself, some seventy texts an
    /// order, cost more than storing the rows.
    mutating func append(searchOf document: String) {
        append(document)
        append(SearchTerms.indexedTermsText(document))
    }
}
