import Foundation

/// What of a Rakuten order was changed here and not yet pushed to RMS (入力内容を反映する): the
/// groups to send, each with its own function, RMS's value of each changed detail before the
/// first change (what the push preview shows as before), and the reduction reason RMS needs
/// when an amount went down.
public struct PendingEdit: Sendable, Hashable, Codable {
    /// 楽天減額理由 (RMS's reductionReason), when an amount went down.
    public var reductionReason: Int?
    /// The groups to send.
    public var groups: Set<EditGroup>
    /// RMS's value of each field changed here before the first change, by its key
    /// (``DetailField/key``, or an amount's: ``AmountKey``).
    public var sent: [String: String]
    /// What the push will send, field by field (「お届け日 2026-12-10 → 2026-12-12」), made when
    /// the edit is saved: the preview and the journal say it without the order at hand.
    public var lines: [String]

    public init(reductionReason: Int? = nil, groups: Set<EditGroup> = [.amounts], sent: [String: String] = [:], lines: [String] = []) {
        self.reductionReason = reductionReason
        self.groups = groups
        self.sent = sent
        self.lines = lines
    }

    enum CodingKeys: String, CodingKey { case reductionReason, groups, sent, lines }

    /// An edit saved before details could be edited holds amounts only.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reductionReason = try container.decodeIfPresent(Int.self, forKey: .reductionReason)
        groups = try container.decodeIfPresent(Set<EditGroup>.self, forKey: .groups) ?? [.amounts]
        sent = try container.decodeIfPresent([String: String].self, forKey: .sent) ?? [:]
        lines = try container.decodeIfPresent([String].self, forKey: .lines) ?? []
    }

    /// The groups in their own order: the same edit is always the same text (the journal compares it).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(reductionReason, forKey: .reductionReason)
        try container.encode(groups.sorted(), forKey: .groups)
        try container.encode(sent, forKey: .sent)
        try container.encode(lines, forKey: .lines)
    }

    /// RMS's reduction reasons (reductionReason), as the operator picks them.
    public static let reductionReasons: [(code: Int, label: String)] = [
        (8, "欠品"), (10, "その他(店舗都合)"), (6, "その他(お客様都合)"), (13, "発送遅延"), (15, "返品（破損・品間違い）"),
        (2, "受取後の返品"), (1, "キャンセル"),
    ]

    public static func reasonLabel(_ code: Int) -> String {
        reductionReasons.first { $0.code == code }?.label ?? "理由 \(code)"
    }

    /// How it reads in the detail and the journal: 「RMS未反映」, 「RMS未反映（減額理由 8 欠品）」,
    /// 「RMS未反映（送付先・お届け日時・メモ）」.
    public var summary: String {
        var parts: [String] = []
        if !lines.isEmpty { return "RMS未反映: " + lines.joined(separator: "、") + (reductionReason.map { "（減額理由 \($0) \(Self.reasonLabel($0))）" } ?? "") }
        if groups != [.amounts] { parts.append(groups.sorted().map(\.label).joined(separator: "・")) }
        if let reductionReason { parts.append("減額理由 \(reductionReason) \(Self.reasonLabel(reductionReason))") }
        return parts.isEmpty ? "RMS未反映" : "RMS未反映（\(parts.joined(separator: "、"))）"
    }

    /// What the journal keeps: ``summary`` for an amounts edit (as kept before details could be
    /// edited), the summary and the whole edit as JSON after a tab otherwise. The summary holds no
    /// tab (``lines`` have none) and JSON escapes its own: the last tab is the one.
    public var text: String {
        guard groups != [.amounts] || !sent.isEmpty || !lines.isEmpty else { return summary }
        return summary + "\t" + JSONText.encode(self)
    }

    /// Reads ``text`` back; nil when it is not one (the caller says where it was found).
    public init?(text: String) {
        guard text.hasPrefix("RMS未反映") else { return nil }
        if let tab = text.lastIndex(of: "\t") {
            do {
                self = try JSONDecoder().decode(PendingEdit.self, from: Data(text[text.index(after: tab)...].utf8))
            } catch {
                return nil
            }
            return
        }
        guard let start = text.range(of: "減額理由 ") else {
            self.init()
            return
        }
        guard let code = Int(text[start.upperBound...].prefix { $0.isNumber }) else { return nil }
        self.init(reductionReason: code)
    }

    /// This edit (sent, then not taken) with `newer` (saved while it was out) beside it: every
    /// group of both, RMS's value before from the first change, the newer reduction reason.
    public func merging(_ newer: PendingEdit, on order: Order) -> PendingEdit? {
        var merged = self
        merged.groups.formUnion(newer.groups)
        for (key, pushed) in newer.sent {
            guard let original = sent[key] else {
                merged.sent[key] = pushed
                continue
            }
            // Set back to RMS's value meanwhile: RMS may hold the pushed one, so the value before
            // is the pushed one, and setting it back is sent.
            let now = DetailField(key: key)?.text(in: order)
            merged.sent[key] = now == original ? pushed : original
        }
        merged.reductionReason = newer.reductionReason ?? reductionReason
        return merged.recording(order, order).settled(on: order)
    }

    /// The edit with what is left to send in `groups`: a detail group none of whose fields is
    /// left is none, the fields of the groups dropped are dropped (a key that names no detail is
    /// an amount's), the lines are made again on `order`; nil when nothing is left.
    public func settled(on order: Order) -> PendingEdit? {
        var left = self
        left.groups = groups.filter { group in group == .amounts || sent.keys.contains { DetailField(key: $0)?.group == group } }
        left.sent = sent.filter { key, _ in DetailField(key: key).map { left.groups.contains($0.group) } ?? left.groups.contains(.amounts) }
        if !left.groups.contains(.amounts) { left.reductionReason = nil }
        return left.groups.isEmpty ? nil : left.recording(order, order)
    }

    /// A value as one line of the preview: newlines shown as ⏎, tabs as spaces, a long memo cut with ….
    static func shown(_ value: String) -> String {
        let line = value.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: " ")
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    /// The keys of the amounts an edit changes (注文内容修正), beside the details' own.
    public enum AmountKey {
        public static let postage = "postagePrice"
        public static let cashOnDelivery = "deliveryPrice"
        public static func item(_ id: Int) -> String { "item:\(id)" }

        static func values(of order: Order) -> [String: (label: String, text: String)] {
            var values: [String: (label: String, text: String)] = [
                postage: ("送料", order.fees.shipping.description), cashOnDelivery: ("代引手数料", order.fees.cashOnDelivery.description),
            ]
            for item in order.packages.flatMap(\.items) {
                values[Self.item(item.itemDetailID)] = (item.name, "\(item.units)×\(Money.yen(item.unitPrice))")
            }
            return values
        }
    }

    /// The edit after `before` became `after`: RMS's value of each field changed is kept from the
    /// first change, a field set back to it is no change, and ``lines`` are made again.
    public func recording(_ before: Order, _ after: Order) -> PendingEdit {
        var edit = self
        let amountsBefore = AmountKey.values(of: before)
        let amountsAfter = AmountKey.values(of: after)
        for (key, value) in amountsBefore where amountsAfter[key]?.text != value.text && edit.sent[key] == nil {
            edit.sent[key] = value.text
        }
        // The details, when any changed (a fee written in bulk changes none: nothing to walk).
        let detailsChanged = before.packages != after.packages || before.orderer != after.orderer || before.delivery != after.delivery
            || before.memo != after.memo || before.remarks != after.remarks
        for field in detailsChanged ? DetailField.all(packages: before.packages.count) : [] {
            let was = field.text(in: before)
            if was != field.text(in: after), edit.sent[field.key] == nil { edit.sent[field.key] = was }
        }
        edit.sent = edit.sent.filter { key, value in
            if let field = DetailField(key: key) { return !field.same(field.text(in: after), value) }
            return amountsAfter[key]?.text != value
        }
        edit.lines = edit.sent.keys.sorted().compactMap { key in
            let was = edit.sent[key] ?? ""
            if let field = DetailField(key: key) {
                var rms = after
                field.set(was, in: &rms, subStatusName: nil)
                let wasText = field == .subStatusId ? (was.isEmpty ? "（なし）" : "ID \(was)") : field.displayText(in: rms)
                return "\(field.label) \(Self.shown(wasText)) → \(Self.shown(field.displayText(in: after)))"
            }
            guard let now = amountsAfter[key] else { return nil }
            return "\(Self.shown(now.label)) \(was) → \(now.text)"
        }
        return edit
    }
}
