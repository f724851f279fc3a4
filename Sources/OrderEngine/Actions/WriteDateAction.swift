/// 一括入力: write a date field. 追記 fills only empty fields; 上書き replaces (a blank date clears).
public struct WriteDateAction: BulkAction {
    public enum Mode: String, Sendable, CaseIterable {
        /// 追記: only where the field is empty.
        case fillEmpty
        /// 上書き: replace whatever is there.
        case overwrite

        public var label: String { self == .fillEmpty ? "追記" : "上書き" }
    }

    public let field: DateField
    public let date: CalendarDate?
    public let mode: Mode

    /// `text` as operators type it; blank (a space, as GoQ asks) clears the field in 上書き mode.
    public init(_ field: DateField, text: String, mode: Mode) throws(ActionInputError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var date: CalendarDate?
        if !trimmed.isEmpty {
            guard let parsed = CalendarDate(parsing: trimmed) else {
                throw ActionInputError("「\(trimmed)」は日付ではありません（例: 2026-11-22）")
            }
            date = parsed
        }
        try self.init(field, date: date, mode: mode)
    }

    /// `date` nil clears the field, in 上書き mode only.
    public init(_ field: DateField, date: CalendarDate?, mode: Mode) throws(ActionInputError) {
        guard date != nil || mode == .overwrite else { throw ActionInputError("空白を書き込むのは上書きのときだけです") }
        self.field = field
        self.date = date
        self.mode = mode
    }

    public var id: ActionID { .writeDate }
    public var title: String { "\(field.label)に\(date?.description ?? "空白")を書き込む（\(mode.label)）" }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if mode == .fillEmpty, order.dates[field] != nil { return .skip(.dateAlreadyFilled(field)) }
        var after = order
        after.dates[field] = date
        return .change(after)
    }
}
