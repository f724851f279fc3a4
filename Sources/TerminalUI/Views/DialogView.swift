import OrderEngine

/// The preview of a bulk action over the desk: how many will change and how, how many are skipped
/// and why (each order with its reason, scrollable), and Cancel (the default) or proceed.
struct DialogView {
    let dialog: ActionDialog
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let plan = dialog.plan
        var body: [StyledLine] = []
        body.append(StyledLine("対象: \(dialog.scope)"))
        if dialog.hiddenByFilter > 0 {
            body.append(StyledLine("（うち \(dialog.hiddenByFilter)件は現在のステータス表示に含まれていません）", theme.color(.yellow, bold: true)))
        }
        body.append(StyledLine("\(plan.title): \(plan.changes.count)件", CellStyle(bold: true)))
        body.append(StyledLine("スキップ: \(plan.skips.count)件", plan.skips.isEmpty ? .plain : theme.color(.yellow, bold: true)))
        for summary in plan.skipSummary {
            body.append(StyledLine("  \(summary.reason.text)（\(summary.count)件）", theme.color(.yellow)))
        }
        if plan.leavesMachine, dialog.canProceed {
            body.append(StyledLine("この操作はRMSに送信され、取り消せません。", theme.error))
        }
        var list: [StyledLine] = []
        for change in plan.changes {
            let fields = change.fields.map { "\($0.field.label) \($0.before.displayText)→\($0.after.displayText)" }
            list.append(StyledLine("○ \(change.number)  \(change.before.orderer.fullName)  \(fields.joined(separator: ", "))"))
        }
        for skip in plan.skips {
            list.append(StyledLine("× \(skip.number)  \(skip.reason.text)", theme.color(.yellow)))
        }

        let width = min(screenRect.width - 4, 96)
        let listRows = min(list.count, max(3, screenRect.height - body.count - 9))
        let height = body.count + listRows + 6
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - height) / 2), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: plan.title, theme: theme, focused: true)
        let inner = rect.inner
        var y = inner.y
        for line in body {
            line.draw(x: inner.x + 1, y: y, limit: inner.maxX - 1, into: &screen)
            y += 1
        }
        y += 1
        let scroll = min(dialog.scroll, max(0, list.count - listRows))
        for line in list.dropFirst(scroll).prefix(listRows) {
            line.draw(x: inner.x + 1, y: y, limit: inner.maxX - 1, into: &screen)
            y += 1
        }
        if list.count > listRows {
            screen.put("（\(scroll + 1)-\(scroll + listRows)/\(list.count)件 j/kでスクロール）",
                       x: inner.x + 1, y: y, style: theme.muted, limit: inner.maxX)
        }
        drawButtons(y: inner.maxY - 1, inner: inner, into: &screen)
    }

    private func drawButtons(y: Int, inner: Rect, into screen: inout ScreenBuffer) {
        let accept = keymap.keys(for: .dialogAccept).first.map { "(\($0))" } ?? ""
        let cancel = keymap.keys(for: .dialogCancel).first.map { "(\($0))" } ?? ""
        let cancelText = dialog.canProceed ? "[ キャンセル\(cancel) ]" : "[ 閉じる\(cancel) ]"
        let proceedText = "[ 送信する\(accept) ]"
        let total = cancelText.displayWidth + (dialog.canProceed ? proceedText.displayWidth + 4 : 0)
        var x = inner.x + max(1, (inner.width - total) / 2)
        let focusedStyle = CellStyle(bold: true, reverse: true)
        x = screen.put(cancelText, x: x, y: y, style: dialog.focused == .cancel ? focusedStyle : .plain, limit: inner.maxX)
        if dialog.canProceed {
            screen.put(proceedText, x: x + 4, y: y, style: dialog.focused == .proceed ? focusedStyle : .plain, limit: inner.maxX)
        }
    }
}

/// The bindings actually in effect, from keymap.toml.
struct HelpView {
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let actions = DeskAction.allCases
        let width = min(screenRect.width - 4, 72)
        let height = min(screenRect.height - 2, actions.count + 4)
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - height) / 2), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: "キー一覧（keymap.toml）", theme: theme, focused: true)
        let inner = rect.inner
        var y = inner.y
        for action in actions where y < inner.maxY - 1 {
            let keys = keymap.keys(for: action).map(\.description).joined(separator: " ")
            let context = action.context == .dialog ? "（確認画面）" : ""
            screen.put((keys.isEmpty ? "（なし）" : keys).fitted(to: 18), x: inner.x + 1, y: y, style: CellStyle(bold: true), limit: inner.maxX)
            screen.put("\(action.label)\(context)", x: inner.x + 20, y: y, limit: inner.maxX - 1)
            y += 1
        }
        screen.put("何かキーを押すと閉じます", x: inner.x + 1, y: inner.maxY - 1, style: theme.muted, limit: inner.maxX)
    }
}
