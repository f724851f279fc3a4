import Foundation
import OrderEngine

/// The top line: shop, operator, checked count, fetch times, work in progress, errors.
struct HeaderView {
    let state: DeskState
    let theme: Theme
    let now: Date

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: CellStyle(reverse: true))
        let bar = CellStyle(reverse: true)
        // Each part with how much it matters: when the line is short, the least needed leave
        // first, so that counts and work in progress are never cut.
        var parts: [(text: String, priority: Int)] = [
            ("受注 Juchu", 0), ("店舗 \(state.shopID)", 1), ("\(state.operatorName)（\(state.permission.role.label)）", 3), (state.marksText, 9),
        ]
        let status = state.status
        if status.fetching {
            parts.append((status.fetchProgress.map { "受注取得中 \($0.done)/\($0.total)" } ?? "受注取得中...", 8))
        } else {
            let last = status.lastFetchAt.map { JapanTime($0).timeText } ?? "未取得"
            parts.append(("最終取得 \(last)" + (status.nextFetchAt.map { "（次 \(JapanTime($0).timeText)）" } ?? ""), 4))
        }
        if let progress = status.writeProgress { parts.append(("\(progress.label) \(progress.sent)/\(progress.total)", 8)) }
        if status.workerActive == false { parts.append(("同期は他のプロセスが担当", 2)) }
        if status.errorCount > 0 { parts.append(("エラー \(status.errorCount)件", 7)) }
        if status.lateShipments > 0 { parts.append(("発送期限切れ \(status.lateShipments)件", 6)) }
        if status.stuckReports > 0 { parts.append(("報告後に発送済にならない \(status.stuckReports)件", 6)) }
        if let days = status.licenseDaysLeft, days <= 14 {
            parts.append((days < 0 ? "licenseKey 期限切れ" : "licenseKey 残り\(days)日", 6))
        }
        let clock = JapanTime(now).timeText + " "
        func line() -> String { " " + parts.map(\.text).joined(separator: theme.glyphs.separator) }
        while line().displayWidth + clock.displayWidth >= rect.width, parts.count > 1,
            let least = parts.indices.min(by: { parts[$0].priority < parts[$1].priority })
        {
            parts.remove(at: least)
        }
        let text = line()
        screen.put(text, x: rect.x, y: rect.y, style: bar, limit: rect.maxX)
        if text.displayWidth + clock.displayWidth < rect.width {
            screen.put(clock, x: rect.maxX - clock.displayWidth, y: rect.y, style: bar, limit: rect.maxX)
        }
    }
}

/// The status buckets with live counts, then 全件; the current one highlighted. When they do not
/// all fit, the bar scrolls to keep the current one in view, and ‹ › say that more lie beyond.
struct TabsView {
    let state: DeskState
    let theme: Theme

    /// Each tab's text: its name and count.
    var titles: [String] {
        state.statuses.map { " \($0.name) \(state.counts[$0] ?? 0) " }
            + [" \(DeskState.allOrdersName) \(state.counts.values.reduce(0, +)) "]
    }

    /// The tabs shown: from the first that lets the current one fit, as many as fit.
    static func window(widths: [Int], current: Int, room: Int) -> Range<Int> {
        func fits(_ range: ClosedRange<Int>) -> Bool { range.map { widths[$0] + 1 }.reduce(0, +) <= room }
        var start = 0
        while start < current, !fits(start...current) { start += 1 }
        var end = max(start, current)
        while end + 1 < widths.count, fits(start...(end + 1)) { end += 1 }
        return start..<(end + 1)
    }

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        let titles = self.titles
        // Room for the marks ‹ › at both ends.
        let shown = Self.window(widths: titles.map(\.displayWidth), current: state.tabIndex, room: rect.width - 4)
        if shown.lowerBound > 0 { screen.put("‹", x: rect.x, y: rect.y, style: CellStyle(bold: true)) }
        var x = rect.x + 2
        for index in shown {
            let style = index == state.tabIndex ? CellStyle(bold: true, reverse: true) : theme.muted
            x = screen.put(titles[index], x: x, y: rect.y, style: style, limit: rect.maxX - 2)
            x += 1
        }
        if shown.upperBound < titles.count { screen.put("›", x: rect.maxX - 1, y: rect.y, style: CellStyle(bold: true)) }
    }
}

/// The bottom line: the last message, or the main keys.
struct FooterView {
    let state: DeskState
    let theme: Theme

    /// How to clear a confirmed search, by the key the keymap gives it.
    private var clearHint: String {
        state.keymap.keys(for: .clearSearch).first.map { "  \($0.description) 解除" } ?? ""
    }

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        if state.askingToQuit {
            screen.put(" 終了しますか？ (y: 終了 / それ以外: 戻る)", x: rect.x, y: rect.y, style: theme.error, limit: rect.maxX)
            return
        }
        if let search = state.search {
            // The search line stays while the grid is searched; the cursor shows while typing. A long
            // one shows its end (where the typing is), leaving room for a message.
            let shown = search.displayWidth > rect.width / 2 ? "…" + search.suffix(fitting: rect.width / 2 - 1) : search
            let text = " 検索: \(shown)" + (state.typingSearch ? theme.glyphs.textCursor : "") + "  （\(state.grid.total)件）"
            // The hint fits an 80-column line whole; the README lists every filter.
            let hint = state.filter.problems.first.map { "  " + $0 }
                ?? (state.typingSearch ? "  Enter 確定  Esc 解除  （支払: 金額: 同梱:候補 など）" : "  / で変更" + clearHint)
            let x = screen.put(text, x: rect.x, y: rect.y, style: theme.notice, limit: rect.maxX)
            // An error is said first (the line's limit, a filter it cannot read); then where else the search finds orders.
            if let elsewhere = state.foundElsewhere, state.grid.total == 0, !state.searching, state.message?.isError != true,
                state.filter.problems.isEmpty
            {
                // Nothing here: how many the same search finds in every status, and the key to go there.
                let key = state.typingSearch ? "Enter で全件へ" : state.keymap.keys(for: .allOrders).first.map { "\($0) で全件へ" } ?? "全件タブへ"
                let text = elsewhere > 0 ? "  ほかのステータスに \(elsewhere)件（\(key)）" : "  ほかのステータスにもありません"
                screen.put(text, x: x, y: rect.y, style: elsewhere > 0 ? theme.color(.yellow, bold: true) : theme.muted, limit: rect.maxX)
                return
            }
            if let message = state.message, message.isError || !state.typingSearch {
                screen.put("  " + message.text, x: x, y: rect.y, style: message.isError ? theme.error : theme.notice, limit: rect.maxX)
            } else {
                screen.put(hint, x: x, y: rect.y, style: theme.muted, limit: rect.maxX)
            }
            return
        }
        if let message = state.message {
            screen.put(" " + message.text, x: rect.x, y: rect.y, style: message.isError ? theme.error : theme.notice, limit: rect.maxX)
            return
        }
        // The keys in order of need; the help and the palette are always shown, at the right end,
        // and the others leave from the end of the list when the line is short.
        let kept: [(DeskAction, String)] = [(.palette, "コマンド"), (.help, "キー一覧")]
        let hints: [(DeskAction, String)] = [
            (.toggleMark, "選択"), (.confirm, "注文確認"), (.search, "検索"), (.nextTab, "ステータス"), (.allOrders, "全件"),
            (.focusNext, "ペイン"), (.fetch, "受注取得"), (.refreshRMSStatus, "RMS取得"), (.quit, "終了"),
        ]
        func parts(_ list: [(DeskAction, String)]) -> [(key: String, label: String)] {
            // A key the operator's role does not allow is not offered here (the panel says why).
            list.filter { state.refusal(for: $0.0) == nil }.compactMap { action, label in state.keymap.keys(for: action).first.map { ("\($0)", " \(label)") } }
        }
        func width(_ list: [(key: String, label: String)]) -> Int { list.map { $0.key.displayWidth + $0.label.displayWidth + 2 }.reduce(0, +) }
        let right = parts(kept)
        var left = parts(hints)
        while !left.isEmpty, width(left) + width(right) > rect.width - 1 { left.removeLast() }
        var x = rect.x + 1
        for part in left + right {
            x = screen.put(part.key, x: x, y: rect.y, style: CellStyle(bold: true), limit: rect.maxX)
            x = screen.put(part.label + "  ", x: x, y: rect.y, style: theme.muted, limit: rect.maxX)
        }
    }
}
