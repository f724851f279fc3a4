/// 送り状データを書き出す: the chosen orders' baskets into a carrier's label file. Changes nothing
/// of the order; the orders the label rules keep out are skipped with the reason in the preview,
/// and the format's own checks (characters, lengths) come with the result.
public struct WriteLabelsAction: BulkAction {
    public let format: LabelFormatChoice

    public init(_ format: LabelFormatChoice) {
        self.format = format
    }

    public var takesConvenienceStores: Bool { format.takesConvenienceStores }

    public var id: ActionID { .writeLabels }
    public var title: String { "送り状データを書き出す（\(format.name)）" }

    public var takesWholeBundles: Bool { true }
    public var decidesOnSelection: Bool { true }

    /// The rules every carrier's file shares (``LabelParcel/make(_:takesConvenienceStores:)``): the
    /// order alone, or its bundle with the members chosen with it. The carrier's own (its layout,
    /// its encoding) are the file writer's, which the desk's preview runs.
    public func decide(_ order: Order, in selection: Selection) -> Decision {
        let group = order.bundleID.map { bundle in selection.orders.filter { $0.bundleID == bundle } } ?? [order]
        if let refusal = LabelParcel.make(group, takesConvenienceStores: takesConvenienceStores).refusals.first(where: { $0.order == order.number }) {
            return .skip(.labelRefused(refusal.reason))
        }
        return .include
    }
}

/// A carrier's label format as an action names it: its stable id (ShippingFiles' `LabelFormat`
/// raw value, what `juchu labels --carrier` takes and the files are named by), the name the desk
/// shows, and whether it takes コンビニ受取 parcels. A display name may change; the id does not.
public struct LabelFormatChoice: Sendable, Hashable {
    public let id: String
    public let name: String
    public let takesConvenienceStores: Bool

    public init(id: String, name: String, takesConvenienceStores: Bool) {
        self.id = id
        self.name = name
        self.takesConvenienceStores = takesConvenienceStores
    }
}
