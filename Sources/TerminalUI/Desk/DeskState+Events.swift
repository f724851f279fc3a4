import Foundation
import OrderEngine

extension DeskState {
    /// Takes in what the controller reports; may ask for more (the detail of a new cursor row).
    public mutating func apply(_ event: DeskEvent) -> [DeskEffect] {
        let inHand = ordersInHand
        defer { forgetPerOrderInputs(unlessStill: inHand) }
        switch event {
        case .rowsLoaded(let rows, let hasMore, let total, let counts, let appended, let elsewhere):
            grid.total = total
            self.counts = counts
            if !appended { foundElsewhere = elsewhere }
            if appended {
                // More rows below the last: the cursor, and the detail it shows or waits for, stay.
                grid.append(rows, hasMore: hasMore)
                return []
            }
            grid.replaceRows(rows, hasMore: hasMore)
            // A reload means something changed (here, by the worker or another desk): the detail too.
            guard let after = grid.cursorRow?.number else {
                detail = nil
                return []
            }
            return [.loadDetail(after)]
        case .detailLoaded(let order, let journal, let mails, let bundle, let rules, let cautions):
            if order?.number == grid.cursorRow?.number {
                detail = order
                detailJournal = journal
                detailMails = mails
                detailBundle = bundle
                detailRules = rules
                detailCautions = cautions
            }
            return []
        case .mailOpened(let viewer):
            guard let viewer else {
                message = DeskMessage("この注文に送ったメールはありません")
                return []
            }
            mailViewer = viewer
            return []
        case .planned(let dialog):
            self.dialog = dialog
            return []
        case .editOpened(let order, let context):
            guard let order else {
                message = DeskMessage("注文を読み込めません", isError: true)
                return []
            }
            editForm = OrderEditForm(order: order, context: context)
            return []
        case .postcodeFound(let zip, let places, let problem):
            if let problem {
                editForm?.postcodeNote = problem
                orderEntry?.postcodeNote = problem
            } else {
                editForm?.fill(from: places, zip: zip)
                orderEntry?.fill(from: places, zip: zip)
            }
            return []
        case .reconciled(let dialog):
            reconciling = false
            // Opened when nothing else is: a form being typed into is never taken over; the
            // report waits for it to close (``openPendingReport()``).
            pendingReport = dialog
            openPendingReport()
            message = DeskMessage("\(dialog.plan.title): \(dialog.result?.note ?? "")" + (pendingReport == nil ? "" : "（閉じると結果を開きます）"))
            return [.reloadRows]
        case .reconcileFailed(let reason):
            reconciling = false
            message = DeskMessage("取りこぼしの確認に失敗しました: \(reason)", isError: true)
            return []
        case .orderEntryOpened(let form):
            orderEntry = form
            return []
        case .orderEntered(.success(let order)):
            orderEntry = nil
            message = DeskMessage("受注を登録しました: \(order.number)（\(order.origin.label)・\(order.payment.methodName)、請求金額 \(order.requestPrice)、\(order.localStatus.name)）")
            return [.reloadRows]
        case .orderEntered(.failure(.fields(let problems))):
            orderEntry?.refuse(problems)
            return []
        case .orderEntered(.failure(.notStored(let reason))):
            orderEntry?.problems = ["登録できませんでした（入力はそのままです）: \(reason)"]
            return []
        case .editSaved(let problems):
            guard problems.isEmpty else {
                editForm?.problems = problems
                return []
            }
            let pushLater = editForm?.original.origin.isRakutenAPI == true
            editForm = nil
            message = DeskMessage(pushLater ? "注文内容を保存しました（RMSには未反映: 処理パネル「入力内容を反映する（RMS）」で送ります）" : "注文内容を保存しました")
            return [.reloadRows]
        case .parcelsOpened(let order, let today):
            guard let order else {
                message = DeskMessage("注文を読み込めません", isError: true)
                return []
            }
            parcelForm = ParcelForm(order: order, today: today)
            return []
        case .parcelsSaved(let problem):
            if let problem {
                parcelForm?.problems = [problem]
                return []
            }
            let number = parcelForm?.original.number
            parcelForm = nil
            message = DeskMessage("荷物番号を保存しました（RMSへは「発送完了を報告する（RMS）」、訂正・削除は「荷物番号の訂正・削除を送る（RMS）」で送ります）")
            return [.reloadRows] + (number.map { [.loadDetail($0)] } ?? [])
        case .progress(let done, let total):
            if dialog?.isRunning == true { dialog?.stage = .running(done: done, total: total) }
            return []
        case .finished(let result):
            dialog?.stage = .result(result)
            dialog?.scroll = 0
            if let title = dialog?.plan.title {
                let failed = result.failed.count
                message = DeskMessage(
                    "\(title): 成功 \(result.succeeded)件" + (failed > 0 ? "、失敗 \(failed)件" : "")
                        + (result.skipped > 0 ? "、スキップ \(result.skipped)件" : "") + (result.stopped ? "（中止しました）" : "")
                        + (result.note.map { " — \($0)" } ?? ""),
                    isError: failed > 0)
            }
            return [.reloadRows]
        case .matching(let numbers, let invert):
            let present = markSet
            if invert {
                let shown = Set(numbers)
                marks = marks.filter { !shown.contains($0) } + numbers.filter { !present.contains($0) }
                message = DeskMessage("チェックを反転しました（選択 \(marks.count)件）")
            } else {
                marks += numbers.filter { !present.contains($0) }
                message = DeskMessage("表示中の \(numbers.count)件をチェックしました（選択 \(marks.count)件）")
            }
            return []
        case .message(let message):
            self.message = message
            return []
        case .sync(let change):
            apply(change)
            return []
        }
    }

    private mutating func apply(_ change: DeskEvent.StatusChange) {
        switch change {
        case .fetchStarted:
            status.fetching = true
            status.fetchProgress = nil
        case .fetchProgress(let done, let total):
            status.fetchProgress = (done, total)
        case .fetchFinished(let at, let text, let isWarning):
            status.fetching = false
            status.fetchProgress = nil
            status.lastFetchAt = at
            message = DeskMessage(text, isError: isWarning)
        case .writeProgress(let label, let sent, let total):
            status.writeProgress = (label, sent, total)
        case .writeFinished(let text, let failed):
            status.writeProgress = nil
            message = DeskMessage(text, isError: failed)
        case .failed(let text):
            status.fetching = false
            status.errorCount += 1
            message = DeskMessage(text, isError: true)
        case .nextFetch(let date):
            status.nextFetchAt = date
        case .workerActive(let active):
            status.workerActive = active
        case .notice(let text):
            message = DeskMessage(text)
        case .licenseDaysLeft(let days):
            status.licenseDaysLeft = days
        case .shippingWatch(let late, let stuck):
            status.lateShipments = late
            status.stuckReports = stuck
        }
    }
}

extension DeskState {
    /// Whether nothing is open over the desk that keys go to (a dialog, a form, the palette, the help).
    var nothingOpen: Bool {
        dialog == nil && editForm == nil && parcelForm == nil && orderEntry == nil && mailViewer == nil && palette == nil
            && !showingHelp && !choosingView
    }

    /// Opens a report that came while something else was open, once nothing is.
    mutating func openPendingReport() {
        guard let report = pendingReport, nothingOpen else { return }
        dialog = report
        pendingReport = nil
    }
}
