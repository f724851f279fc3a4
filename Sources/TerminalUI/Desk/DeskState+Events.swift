import Foundation
import OrderEngine

extension DeskState {
    /// Takes in what the controller reports; may ask for more (the detail of a new cursor row).
    public mutating func apply(_ event: DeskEvent) -> [DeskEffect] {
        switch event {
        case .rowsLoaded(let rows, let hasMore, let total, let counts, let appended):
            let before = grid.cursorRow?.number
            if appended {
                grid.rows += rows
                grid.hasMore = hasMore
            } else {
                grid.replaceRows(rows, hasMore: hasMore)
            }
            grid.total = total
            self.counts = counts
            if let after = grid.cursorRow?.number, after != before || detail?.number != after {
                return [.loadDetail(after)]
            }
            if grid.cursorRow == nil { detail = nil }
            return []
        case .detailLoaded(let order, let journal):
            if order?.number == grid.cursorRow?.number {
                detail = order
                detailJournal = journal
            }
            return []
        case .planned(let dialog):
            self.dialog = dialog
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
        case .fetchFinished(let at, let text):
            status.fetching = false
            status.fetchProgress = nil
            status.lastFetchAt = at
            message = DeskMessage(text)
        case .confirmProgress(let sent, let total):
            status.confirmProgress = (sent, total)
        case .confirmFinished(let text, let failed):
            status.confirmProgress = nil
            message = DeskMessage(text, isError: failed)
        case .failed(let text):
            status.fetching = false
            status.errorCount += 1
            message = DeskMessage(text, isError: true)
        case .nextFetch(let date):
            status.nextFetchAt = date
        }
    }
}
