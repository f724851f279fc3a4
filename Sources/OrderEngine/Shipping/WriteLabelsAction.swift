/// 送り状データを書き出す: the chosen orders' baskets into a carrier's label file. Changes nothing
/// of the order; the orders the label rules keep out are skipped with the reason in the preview,
/// and the format's own checks (characters, lengths) come with the result.
public struct WriteLabelsAction: BulkAction {
    /// The format's name for the preview (ヤマト運輸 B2クラウド).
    public let formatName: String
    public let takesConvenienceStores: Bool

    public init(formatName: String, takesConvenienceStores: Bool) {
        self.formatName = formatName
        self.takesConvenienceStores = takesConvenienceStores
    }

    public var id: ActionID { .writeLabels }
    public var title: String { "送り状データを書き出す（\(formatName)）" }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if let refusal = LabelEligibility.refusal(of: order, takesConvenienceStores: takesConvenienceStores) {
            return .skip(.labelRefused(refusal))
        }
        return .include
    }
}
