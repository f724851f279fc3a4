import Foundation
import OrderEngine
import RMSSandbox
import TerminalUI
import ShopSettings

/// An operator at a real desk in tmux, working at random as people do: moving and checking rows,
/// confirming, changing statuses, writing fees, editing and pushing, undoing, reading RMS again,
/// fetching, now and then cancelling. Each action is carried through its preview, progress and
/// result as the screen shows them; when the screen is not what the action expects, the operator
/// backs out (Esc) and goes on, and the time is counted as lost.
final class ScriptedOperator: @unchecked Sendable {
    let session: TmuxSession
    private var random: SeededRandom

    /// What this operator did, for the report and the checks that the soak did real work.
    struct Tally: Sendable, CustomStringConvertible {
        var actions: [String: Int] = [:]
        /// Actions carried through to a result (成功/失敗 listed, or saved).
        var completed: [String: Int] = [:]
        /// Times the screen did not show what the action expected in time.
        var lost = 0

        var description: String {
            actions.keys.sorted().map { "\($0) \(completed[$0, default: 0])/\(actions[$0]!)" }.joined(separator: ", ") + ", 戻り \(lost)"
        }
    }

    private(set) var tally = Tally()

    init(session: TmuxSession, seed: UInt64) {
        self.session = session
        random = SeededRandom(seed: seed)
    }

    /// The panel's rows, in the desk's own order (a copy of the list went stale as rows were added:
    /// 「直前の一括処理を取り消す」 was reached as 「送り状データを書き出す」).
    static let panelRows = PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags).map(\.title)

    /// Works until `deadline`. Blocking: run it on a thread of its own.
    func work(until deadline: Date) {
        while Date() < deadline {
            let action = random.weighted([
                ("move", 14.0), ("check", 14), ("confirm", 14), ("status", 9), ("fee", 9), ("edit", 12), ("push", 10),
                ("undo", 7), ("refresh", 6), ("fetch", 2), ("tab", 2), ("cancel", 1),
            ])
            tally.actions[action, default: 0] += 1
            if perform(action) { tally.completed[action, default: 0] += 1 }
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.4, using: &random))
        }
    }

    private func perform(_ action: String) -> Bool {
        switch action {
        case "move":
            let key = random.pick(["j", "j", "j", "k", "g", "G", "PageDown"])
            for _ in 0..<Int.random(in: 1...4, using: &random) { session.send(key) }
            return true
        case "check":
            for _ in 0..<Int.random(in: 1...3, using: &random) { session.send(random.pick(["Space", "Space", "j"])) }
            if random.chance(0.15) { session.send("u") }
            return true
        case "confirm":
            session.send("c")
            return throughDialog(accept: random.chance(0.9))
        case "status":
            // 受注ステータスを変更 to one of the next statuses.
            return panel("受注ステータスを変更") {
                for _ in 0..<Int.random(in: 1...3, using: &self.random) { self.session.send("+") }
            }
        case "fee":
            // 手数料を書き込む: 送料 or 代引手数料 (or 決済手数料), an amount.
            return panel("手数料を書き込む") {
                self.session.send("Right")  // into the row: 項目
                for _ in 0..<Int.random(in: 0...1, using: &self.random) { self.session.send("+") }
                self.session.send("Right")  // 金額
                for _ in 0..<7 { self.session.send("BSpace") }
                self.session.send(literal: self.random.pick(["0", "550", "800", "1200"]))
            }
        case "edit":
            guard edit() else { return false }
            if random.chance(0.6) {
                // Pushed at once: the checks cleared, so that the push is the cursor row's.
                session.send("u")
                tally.actions["push", default: 0] += 1
                if panel("入力内容を反映する（RMS）", inputs: {}) { tally.completed["push", default: 0] += 1 }
            }
            return true
        case "push":
            return panel("入力内容を反映する（RMS）") {}
        case "undo":
            return panel("直前の一括処理を取り消す") {}
        case "refresh":
            session.send("r")
            return true
        case "fetch":
            session.send("F5")
            return true
        case "tab":
            // A look at the next status and back.
            session.send("]")
            Thread.sleep(forTimeInterval: 0.3)
            session.send("[")
            return true
        case "cancel":
            return panel("キャンセルする") {
                for _ in 0..<Int.random(in: 0...2, using: &self.random) { self.session.send("+") }
            }
        default:
            return false
        }
    }

    /// Chooses the panel row `title`, fills its inputs, runs it through its dialog, and goes back
    /// to the grid (panel → detail → grid).
    private func panel(_ title: String, inputs: () -> Void) -> Bool {
        guard let index = Self.panelRows.firstIndex(of: title) else { return false }
        session.send("Tab", "Home")
        for _ in 0..<index { session.send("Down") }
        inputs()
        session.send("Enter")
        let done = throughDialog(accept: random.chance(0.9))
        session.send("Tab", "Tab")
        return done
    }

    /// 注文内容修正 of the cursor row: a new 送料, sometimes one more of the first item; saved.
    private func edit() -> Bool {
        session.send("e")
        guard session.waitFor(5, { $0.contains("注文内容修正 ") && $0.contains("保存") }) != nil else {
            // No row, or the order cannot be read: nothing opened.
            return false
        }
        for _ in 0..<7 { session.send("BSpace") }
        session.send(literal: random.pick(["700", "900", "1300"]))
        if random.chance(0.3) {
            // The first item's 数量, two fields below (代引手数料 between).
            session.send("Down", "Down", "BSpace")
            session.send(literal: random.pick(["2", "3"]))
        }
        session.send("Enter")
        let saved = session.waitFor(5) { $0.contains("注文内容を保存しました") || $0.contains("変更はありません") } != nil
        if !saved {
            // Refused with a reason shown in the form (a reduction reason needed, changed elsewhere): leave it.
            session.send("Escape")
        }
        return saved
    }

    /// Carries the dialog that the last key opened through: accepts (or cancels) the preview,
    /// waits for the result and closes it. False when no dialog came, or it did not finish in time.
    private func throughDialog(accept: Bool) -> Bool {
        let preview = "[ やめる(n) ]", nothingToDo = "[ 閉じる(n) ]", result = "[ 閉じる(Enter) ]"
        guard let screen = session.waitFor(8, { $0.contains(preview) || $0.contains(nothingToDo) || $0.contains(result) }) else {
            // A message instead of a dialog (注文がありません…).
            return false
        }
        if screen.contains(nothingToDo) && !screen.contains(preview) {
            session.send("n")
            return true
        }
        if screen.contains(preview) {
            session.send(accept ? "y" : "n")
            guard accept else { return true }
        }
        guard session.waitFor(60, { $0.contains(result) }) != nil else {
            tally.lost += 1
            backOut()
            return false
        }
        session.send("Enter")
        return true
    }

    /// Leaves whatever is open: a result is closed, a preview cancelled, a form given up.
    func backOut() {
        for _ in 0..<5 {
            let screen = session.capture()
            if screen.contains("[ 閉じる(Enter) ]") {
                session.send("Enter")
            } else if screen.contains("[ 中止(n) ]") {
                Thread.sleep(forTimeInterval: 1)
            } else if screen.contains("[ やめる(n) ]") || screen.contains("[ 閉じる(n) ]") || screen.contains("注文内容修正 ") {
                session.send("Escape")
            } else {
                return
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
    }

    /// Backs out of anything open and quits; true once the desk has exited.
    func quit() -> Bool {
        backOut()
        session.send("q")
        return session.waitFor(20) { $0.contains("EXIT=") } != nil
    }
}
