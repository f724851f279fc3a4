import OrderEngine

/// A bulk action over the desk. Preview: how many will change and how, how many are skipped and
/// why (each order with its reason, scrollable), and Cancel (the default) or proceed. Then its
/// progress (Esc stops it), then each order's outcome with retry for the failed ones.
struct DialogView {
    let dialog: ActionDialog
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let width = min(screenRect.width - 4, 100)
        let (body, list) = content(textWidth: width - 4)
        // Each order's line wrapped whole (a long reason, a tracking number are read, not cut), made
        // once for the orders from the scroll position that the screen has room for.
        let room = max(3, screenRect.height - body.count - 9)
        let scroll = min(dialog.scroll, max(0, list.count - 1))
        var wrapped: [[StyledLine]] = []
        var needed = 0
        while scroll + wrapped.count < list.count, needed < room {
            wrapped.append(list.line(scroll + wrapped.count).wrapped(to: width - 4, indent: 4))
            needed += wrapped[wrapped.count - 1].count
        }
        let listRows = min(needed, room)
        let height = body.count + listRows + 6
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - height) / 2), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: dialog.plan.title, theme: theme, focused: true)
        let inner = rect.inner
        var y = inner.y
        for line in body {
            line.draw(x: inner.x + 1, y: y, limit: inner.maxX - 1, into: &screen)
            y += 1
        }
        y += 1
        // As many whole orders as fit, the first one at least.
        let bottom = y + listRows
        var index = scroll
        for lines in wrapped {
            guard y + lines.count <= bottom || index == scroll else { break }
            for line in lines.prefix(bottom - y) {
                line.draw(x: inner.x + 1, y: y, limit: inner.maxX - 1, into: &screen)
                y += 1
            }
            index += 1
        }
        y = bottom
        if list.count > index - scroll {
            screen.put("（\(scroll + 1)-\(index)/\(list.count)件 j/kでスクロール）",
                       x: inner.x + 1, y: y, style: theme.muted, limit: inner.maxX)
        }
        drawButtons(y: inner.maxY - 1, inner: inner, into: &screen)
    }

    /// The scrolling list of a dialog: its lines are made only for the rows on screen (a preview
    /// may hold 100,000 orders).
    private struct LazyList {
        var count = 0
        var line: (Int) -> StyledLine = { _ in StyledLine("") }
    }

    private func content(textWidth: Int) -> (body: [StyledLine], list: LazyList) {
        let plan = dialog.plan
        var body: [StyledLine] = [StyledLine("対象: \(dialog.scope)")]
        var list = LazyList()
        switch dialog.stage {
        case .preview:
            if !dialog.hidden.numbers.isEmpty {
                // Checks the view hides are left out unless the operator includes them here, by name.
                let key = keymap.keys(for: .dialogIncludeHidden).first.map(\.description) ?? "dialog-include-hidden"
                let count = dialog.hidden.numbers.count
                let text = dialog.hidden.included
                    ? "表示外のチェック \(count)件も含めています（\(key): 含めない）"
                    : "表示外のチェック \(count)件は含めません（\(key): 含める）"
                body += StyledLine(text, theme.color(.yellow, bold: true)).wrapped(to: textWidth, indent: 2)
                let names = dialog.hidden.numbers.prefix(3).map(\.withoutShopID).joined(separator: "、") + (count > 3 ? " ほか" : "")
                body += StyledLine("  表示外: \(names)", theme.muted).wrapped(to: textWidth, indent: 4)
            }
            // A file import counts its lines or orders per file instead (below).
            let importsFiles = dialog.tracking != nil || dialog.rmsCSV != nil
            body.append(StyledLine(plan.title + (dialog.rmsCSV != nil ? "" : ": \(plan.changes.count)件")
                + (plan.creationCount == 0 ? "" : "（新しい注文 \(plan.creationCount)件）"), CellStyle(bold: true)))
            if !importsFiles {
                body.append(StyledLine("スキップ: \(plan.skips.count)件", plan.skips.isEmpty ? .plain : theme.color(.yellow, bold: true)))
            }
            // Why, read whole: a reason says what to change (wrapped, not cut at the dialog's edge).
            for summary in plan.skipSummary {
                body += StyledLine("  \(summary.reason.text)（\(summary.count)件）", theme.color(.yellow)).wrapped(to: textWidth, indent: 4)
            }
            for caution in plan.cautions.prefix(5) {
                body += StyledLine("注意 \(caution.number.withoutShopID): \(caution.text)", theme.color(.yellow, bold: true)).wrapped(to: textWidth, indent: 2)
            }
            if plan.cautions.count > 5 { body.append(StyledLine("注意 ほか \(plan.cautions.count - 5)件", theme.color(.yellow, bold: true))) }
            if dialog.item.kind == .confirm, !plan.withUnsentEdits.isEmpty, let key = keymap.keys(for: .pushEdit).first {
                body += StyledLine("\(key.description) で先に変更を反映します（入力内容を反映する（RMS）: \(plan.withUnsentEdits.count)件）", theme.color(.yellow, bold: true))
                    .wrapped(to: textWidth, indent: 2)
            }
            if plan.leavesMachine, dialog.canProceed {
                body.append(StyledLine(dialog.mail == nil ? "この操作はRMSに送信され、取り消せません。" : "メールを送信します。送ったメールは取り消せません。", theme.error))
            }
            for line in dialog.slips?.summary ?? [] { body.append(StyledLine(line)) }
            for line in dialog.rules?.summary ?? [] { body += StyledLine(line, theme.color(.yellow, bold: true)).wrapped(to: textWidth, indent: 2) }
            if let tracking = dialog.tracking {
                for file in tracking.imported.files {
                    body += StyledLine("\(file.name): \(file.summary)", file.refusedCount > 0 ? theme.color(.yellow, bold: true) : .plain)
                        .wrapped(to: textWidth, indent: 2)
                }
                if tracking.imported.hasRefused {
                    body += StyledLine(tracking.takingValidLines
                        ? "拒否した行のあるファイルも、正しい行を取り込んで取込済へ移します。"
                        : "拒否した行のあるファイルは取り込まず、受取フォルダに残します（直して置き直すか、入力「拒否行」を「有効行を取込」に）。",
                        theme.color(.yellow, bold: true)).wrapped(to: textWidth, indent: 0)
                }
            }
            if let orders = dialog.rmsCSV {
                for file in orders.report.files {
                    let name = file.name
                    let text: String
                    if case .failure(let error) = file.read { text = "\(name): 読めません: \(error.description)" } else { text = "\(name): \(file.summary)" }
                    body += StyledLine(text, file.refusesSomething ? theme.color(.yellow, bold: true) : .plain).wrapped(to: textWidth, indent: 2)
                }
                if orders.report.refusesSomething {
                    body += StyledLine(orders.takingValidOrders
                        ? "拒否した注文のあるファイルも、正しい注文を取り込んで取込済へ移します。"
                        : "拒否した注文のあるファイルは取り込まず、受取フォルダに残します（直して置き直すか、入力「拒否した注文」を「正しい注文を取込」に）。",
                        theme.color(.yellow, bold: true)).wrapped(to: textWidth, indent: 0)
                }
                body += StyledLine("ここにある注文は上書きしません。違いは「差分あり」に残ります（RMSの変更を受け入れるで取り込めます）。", theme.muted)
                    .wrapped(to: textWidth, indent: 0)
            }
            for line in dialog.slips?.warnings ?? [] { body.append(StyledLine(line, theme.color(.yellow, bold: true))) }
            let skipStyle = theme.color(.yellow)
            // メール送信: the cursor order's mail whole first, then each order's recipient and subject.
            // The mail's lines wrapped to the dialog, as the buyer's reader would show them.
            let muted = theme.muted
            let whole: [StyledLine] = dialog.mail.map { mail in
                mail.whole.isEmpty ? [] : [StyledLine("── メール（\(mail.whole.count)行）──", muted)]
                    + mail.whole.flatMap { StyledLine($0).wrapped(to: textWidth, indent: 0) } + [StyledLine("──", muted)]
            } ?? []
            let mailLines = dialog.mail?.lines ?? dialog.slips?.lines ?? dialog.rules?.lines ?? [:]
            if let orders = dialog.rmsCSV {
                // Every order of every file, as the file gives it: what the operator checks the file by.
                let lines = orders.lines
                let errorStyle = theme.error
                let changeStyle = theme.color(.yellow)
                list = LazyList(count: lines.count) { index in
                    let line = lines[index]
                    switch line.outcome {
                    case .new?: return StyledLine("＋ \(line.text)")
                    case .differs?: return StyledLine("△ \(line.text)", changeStyle)
                    case .refused?, nil: return StyledLine("× \(line.text)", errorStyle)
                    case .same?, .repeated?: return StyledLine("＝ \(line.text)", muted)
                    }
                }
                return (body, list)
            }
            if let tracking = dialog.tracking {
                // Every line of every file, as it was taken: what the operator checks the file by.
                let lines = tracking.lines
                let errorStyle = theme.error
                list = LazyList(count: lines.count) { index in
                    let line = lines[index]
                    switch line.outcome {
                    case .matched: return StyledLine("○ \(line.text)")
                    case .unchanged: return StyledLine("＝ \(line.text)", muted)
                    case .refused: return StyledLine("× \(line.text)", errorStyle)
                    case .ignored: return StyledLine("－ \(line.text)", muted)
                    }
                }
                return (body, list)
            }
            list = LazyList(count: whole.count + plan.changes.count + plan.skips.count) { index in
                if index < whole.count { return whole[index] }
                let index = index - whole.count
                guard index >= plan.changes.count else {
                    let change = plan.changes[index]
                    if let mail = mailLines[change.number] { return StyledLine("○ \(change.number)  \(change.ordererName) 様 \(mail)") }
                    let fields = change.fields.map(\.displayText)
                    return StyledLine("○ \(change.number)  \(change.ordererName)  \(fields.joined(separator: ", "))")
                }
                let skip = plan.skips[index - plan.changes.count]
                return StyledLine("× \(skip.number)  \(skip.reason.text)", skipStyle)
            }
        case .running(let done, let total):
            // Every part sent: what remains is RMS's answer read back, said so rather than a bar that stands still.
            body.append(StyledLine(done == total && total > 0 ? "送信済み: \(done)/\(total)件（結果を確認しています）" : "実行中: \(done)/\(total)件", CellStyle(bold: true)))
            body.append(progressBar(done: done, total: total))
            let stop = keymap.keys(for: .dialogCancel).first.map { "\($0)" } ?? "Esc"
            body.append(StyledLine("\(stop) で中止（処理中の分が終わると止まります）", theme.muted))
        case .result(let result):
            var counts = StyledLine("成功: \(result.succeeded)件", CellStyle(bold: true))
            counts.add("  失敗: \(result.failed.count)件", result.failed.isEmpty ? .plain : theme.error)
            counts.add("  スキップ: \(result.skipped)件", result.skipped == 0 ? .plain : theme.color(.yellow, bold: true))
            counts.add("（対象 \(result.lines.count)件）", theme.muted)
            body.append(counts)
            // What the action made or found besides each order (the files moved, RMS's count).
            if let note = result.note, !note.isEmpty { body.append(StyledLine(note)) }
            if result.stopped { body.append(StyledLine("途中で中止しました。残りの注文は変更していません。", theme.color(.yellow, bold: true))) }
            if result.batchID != nil, result.succeeded > 0, !plan.leavesMachine {
                body.append(StyledLine("処理パネルの「直前の一括処理を取り消す」で元に戻せます。", theme.muted))
            }
            let errorStyle = theme.error
            let skipStyle = theme.color(.yellow)
            list = LazyList(count: result.lines.count) { index in
                let line = result.lines[index]
                switch line.outcome {
                case .succeeded: return StyledLine("○ \(line.number)  \(line.text)")
                case .failed: return StyledLine("× \(line.number)  \(line.text)", errorStyle)
                case .skipped: return StyledLine("－ \(line.number)  スキップ: \(line.text)", skipStyle)
                }
            }
        }
        return (body, list)
    }

    private func progressBar(done: Int, total: Int) -> StyledLine {
        let width = 40
        let filled = total == 0 ? width : min(width, done * width / total)
        return StyledLine([("[" + String(repeating: "#", count: filled), CellStyle(bold: true)),
                           (String(repeating: ".", count: width - filled) + "]", theme.muted)])
    }

    private func drawButtons(y: Int, inner: Rect, into screen: inout ScreenBuffer) {
        let accept = keymap.keys(for: .dialogAccept).first.map { "(\($0))" } ?? ""
        let cancel = keymap.keys(for: .dialogCancel).first.map { "(\($0))" } ?? ""
        let retry = keymap.keys(for: .dialogRetry).first.map { "(\($0))" } ?? ""
        var buttons: [(text: String, focused: Bool)]
        switch dialog.stage {
        case .preview:
            let verb = dialog.plan.leavesMachine ? "送信する" : "実行する"
            // The safe button is not called キャンセル: next to キャンセルする it would read as the action.
            buttons = [(dialog.canProceed ? "[ やめる\(cancel) ]" : "[ 閉じる\(cancel) ]", dialog.focused == .cancel)]
            if dialog.canProceed { buttons.append(("[ \(verb)\(accept) ]", dialog.focused == .proceed)) }
        case .running:
            buttons = [("[ 中止\(cancel) ]", false)]
        case .result(let result):
            buttons = [("[ 閉じる(Enter) ]", true)]
            if !result.failed.isEmpty { buttons.append(("[ 失敗分を再実行\(retry) ]", false)) }
        }
        let total = buttons.map { $0.text.displayWidth }.reduce(0, +) + 4 * (buttons.count - 1)
        var x = inner.x + max(1, (inner.width - total) / 2)
        for button in buttons {
            x = screen.put(button.text, x: x, y: y, style: button.focused ? CellStyle(bold: true, reverse: true) : .plain, limit: inner.maxX) + 4
        }
    }
}

/// The bindings actually in effect, from keymap.toml, by where they work (一覧, 処理パネル, 確認画面):
/// in two columns when one does not fit, with the short labels when the long ones do not.
struct HelpView {
    let keymap: Keymap
    let theme: Theme
    /// Which page, when the bindings take more than one screen (at 80×24 they take two).
    var page = 0

    static let sections: [(title: String, context: KeyContext)] = [("一覧・全体", .desk), ("処理パネル", .panel), ("確認画面", .dialog)]

    /// Section titles and actions, one line each.
    static var entries: [(title: String?, action: DeskAction?)] {
        sections.flatMap { section in
            [(section.title, nil)] + DeskAction.allCases.filter { $0.context == section.context }.map { (nil, $0) }
        }
    }

    /// Lines one page holds in two columns on a screen of `height`.
    static func perPage(height: Int) -> Int { 2 * max(1, height - 3) }

    static func pageCount(height: Int) -> Int { max(1, (entries.count + perPage(height: height) - 1) / perPage(height: height)) }

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let rowsAvailable = max(1, screenRect.height - 3)
        let perPage = Self.perPage(height: screenRect.height)
        let pages = Self.pageCount(height: screenRect.height)
        let page = min(self.page, pages - 1)
        let entries = Array(Self.entries.dropFirst(page * perPage).prefix(perPage))
        let width = screenRect.width - 2
        let columns = entries.count > rowsAvailable ? 2 : 1
        let rows = (entries.count + columns - 1) / columns
        let height = min(screenRect.height, rows + 3)
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(0, (screenRect.height - height) / 2), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: "キー一覧（keymap.toml）" + (pages > 1 ? " \(page + 1)/\(pages)" : ""), theme: theme, focused: true)
        let inner = rect.inner
        let columnWidth = (inner.width - 1) / columns
        let keyWidth = min(18, columnWidth / 3)
        let labelWidth = columnWidth - keyWidth - 2
        for (index, entry) in entries.enumerated() {
            let column = index / rows
            let y = inner.y + index % rows
            guard y < inner.maxY - 1 else { continue }
            let x = inner.x + 1 + column * columnWidth
            guard let action = entry.action else {
                screen.put(entry.title ?? "", x: x, y: y, width: columnWidth - 1, alignment: .leading, style: theme.label)
                continue
            }
            let keys = keymap.keys(for: action).map(\.description).joined(separator: " ")
            let label = action.label.displayWidth <= labelWidth ? action.label : action.shortLabel
            screen.put(keys.isEmpty ? "（なし）" : keys, x: x, y: y, width: keyWidth, alignment: .leading, style: CellStyle(bold: true))
            screen.put(label, x: x + keyWidth + 1, y: y, width: labelWidth, alignment: .leading)
        }
        let footer = page + 1 < pages ? "Space で次のページ、ほかのキーで閉じます" : "何かキーを押すと閉じます"
        screen.put(footer, x: inner.x + 1, y: inner.maxY - 1, style: theme.muted, limit: inner.maxX)
    }
}
