import GRDB

extension StatementArguments {
    /// Arguments from values already converted. GRDB's initialiser for a sequence of one value
    /// type maps through a key path, not specialised across the module boundary: slower than
    /// this closure on the rows of an import.
    init(values: [DatabaseValue]) {
        self.init(values.map { $0 as (any DatabaseValueConvertible)? })
    }
}
