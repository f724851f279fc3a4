/// A form over the desk that is typed into (注文内容修正, 受注を登録): the keys both answer alike
/// — a character into a text field (the dialog's n and q too), Esc that asks once before it drops
/// what was typed — go through ``DeskState/typedFormKey(_:_:unsaved:)``.
protocol TypedForm {
    /// Whether a character typed goes into the focused field (not a choice turned by ←→).
    var focusedTakesText: Bool { get }
    mutating func type(_ character: Character) -> Bool
    var hasChanges: Bool { get }
    /// Esc was pressed once with changes: the next one closes the form without saving.
    var discardAsked: Bool { get set }
    var problems: [String] { get set }
    /// The postcode typed into the focused field, once it is seven digits: to look up.
    var postcodeToLookUp: String? { get }
    /// Whether ←→ (and the panel's choice keys) turn the focused field's value.
    var focusedTurns: Bool { get }
    mutating func choose(by delta: Int)
    mutating func move(by delta: Int)
    mutating func moveSection(by delta: Int)
}

extension OrderEditForm: TypedForm {
    var focusedTurns: Bool { focusedIsChoice }
}

/// What a typed form's common keys did.
enum TypedFormKey {
    /// Answered: these are the effects.
    case handled([DeskEffect])
    /// Esc again (or with nothing typed): the form closes without saving.
    case closed
    /// Not one of them: the form's own keys.
    case notHandled
}

extension DeskState {
    /// A character typed into a text field, and Esc: with something typed, the first Esc says
    /// `unsaved` (and the keys that drop or save it) instead of closing.
    func typedFormKey<Form: TypedForm>(_ key: Key, _ form: inout Form, unsaved: String) -> TypedFormKey {
        if case .character(let character) = key, form.focusedTakesText, form.type(character) {
            form.discardAsked = false
            return .handled(form.postcodeToLookUp.map { [.lookUpPostcode($0)] } ?? [])
        }
        // A letter bound to cancel (n, q) is never taken as one here: typed into a field, or nothing.
        if !key.isCharacter, keymap.action(for: key, in: .dialog) == .dialogCancel {
            guard form.hasChanges, !form.discardAsked else { return .closed }
            form.discardAsked = true
            form.problems = ["\(unsaved)。もう一度 \(key.description) で破棄して閉じます（\(FormBox.saveAndCancel(keymap).save) で保存）"]
            return .handled([])
        }
        form.discardAsked = false
        return .notHandled
    }

    /// ←→ on a field that turns, ↑↓ between fields, PageDown/PageUp between sections; false for
    /// any other key (the form's own: Enter, Backspace…).
    func movedOrTurned<Form: TypedForm>(_ key: Key, _ form: inout Form) -> Bool {
        if form.focusedTurns, let action = keymap.action(for: key, in: .panel) {
            switch action {
            case .panelNextChoice, .panelNextInput: form.choose(by: 1)
            case .panelPreviousChoice, .panelPreviousInput: form.choose(by: -1)
            default: break
            }
            return true
        }
        switch keymap.action(for: key, in: .desk) {
        case .cursorDown, .focusNext: form.move(by: 1)
        case .cursorUp, .focusPrevious: form.move(by: -1)
        case .pageDown: form.moveSection(by: 1)
        case .pageUp: form.moveSection(by: -1)
        default: return false
        }
        return true
    }
}
