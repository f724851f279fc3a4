/// An edit of a Rakuten order (注文内容修正) saved here and not yet pushed to RMS
/// (入力内容を反映する), with the reduction reason RMS needs when an amount went down.
public struct PendingEdit: Sendable, Hashable, Codable {
    /// 楽天減額理由 (RMS's reductionReason), when an amount went down.
    public var reductionReason: Int?

    public init(reductionReason: Int? = nil) {
        self.reductionReason = reductionReason
    }

    /// RMS's reduction reasons (reductionReason), as the operator picks them.
    public static let reductionReasons: [(code: Int, label: String)] = [
        (8, "欠品"), (10, "その他(店舗都合)"), (6, "その他(お客様都合)"), (13, "発送遅延"), (15, "返品（破損・品間違い）"),
        (2, "受取後の返品"), (1, "キャンセル"),
    ]

    public static func reasonLabel(_ code: Int) -> String {
        reductionReasons.first { $0.code == code }?.label ?? "理由 \(code)"
    }

    /// How it reads in the journal and the detail: 「RMS未反映」, 「RMS未反映（減額理由 8 欠品）」.
    public var text: String {
        reductionReason.map { "RMS未反映（減額理由 \($0) \(Self.reasonLabel($0))）" } ?? "RMS未反映"
    }

    /// Reads ``text`` back.
    public init?(text: String) {
        guard text.hasPrefix("RMS未反映") else { return nil }
        guard let start = text.range(of: "減額理由 ") else {
            self.init()
            return
        }
        guard let code = Int(text[start.upperBound...].prefix { $0.isNumber }) else { return nil }
        self.init(reductionReason: code)
    }
}
