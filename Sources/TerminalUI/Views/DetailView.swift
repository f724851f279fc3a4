import OrderEngine
import OrderStore

/// Everything about the order under the cursor: orderer, each destination with its items, fees,
/// payment, RMS and sync state, warnings, and this order's journal. Scrolls when focused.
struct DetailView {
    let state: DeskState
    let theme: Theme

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        let focused = state.focus == .detail
        screen.box(rect, title: state.paneTitle("詳細", .detail), theme: theme, focused: focused)
        let inner = rect.inner
        guard inner.height > 0, inner.width > 4 else { return }
        guard let order = state.detail else {
            screen.put("注文を選んでください", x: inner.x + 1, y: inner.y, style: theme.muted, limit: inner.maxX)
            return
        }
        // The cursor has moved on and the detail is read when it rests: another order's detail is
        // not left beside it meanwhile.
        guard order.number == state.grid.cursorRow?.number else {
            screen.put("…", x: inner.x + 1, y: inner.y, style: theme.muted, limit: inner.maxX)
            return
        }
        // Wrapped, not cut: an amount or an address at the edge must be read whole (80 columns).
        let all = lines(for: order).flatMap { $0.wrapped(to: inner.width - 2) }
        let scroll = min(state.detailScroll, max(0, all.count - inner.height))
        for (offset, line) in all.dropFirst(scroll).prefix(inner.height).enumerated() {
            line.draw(x: inner.x + 1, y: inner.y + offset, limit: inner.maxX - 1, into: &screen)
        }
        if all.count > inner.height {
            let more = "\(scroll + 1)-\(min(all.count, scroll + inner.height))/\(all.count)行"
            screen.put(" \(more) ", x: rect.maxX - more.displayWidth - 4, y: rect.maxY - 1, style: theme.muted, limit: rect.maxX - 1)
        }
    }

    func lines(for order: Order) -> [StyledLine] {
        let label = theme.label
        var lines: [StyledLine] = []
        var head = StyledLine([(order.number.rawValue, CellStyle(bold: true)), ("  \(order.origin.label)", .plain)])
        head.add("  注文日時 ", label)
        head.add(JapanTime(order.orderedAt).fullText)
        lines.append(head)

        var status = StyledLine("RMS ", label)
        if case .enteredByHand = order.origin { status.add("—（RMSには送りません）") } else { status.add(order.rmsProgress.label) }
        status.add("  連携 ", label)
        status.add(order.sync.label, theme.style(for: order.sync))
        status.add("  受注ステータス ", label)
        status.add(order.localStatus.name)
        lines.append(status)
        if !order.dates.isEmpty || order.carrier != nil || !order.flags.isEmpty {
            var shop = StyledLine()
            for field in DateField.allCases {
                guard let date = order.dates[field] else { continue }
                shop.add("\(field.label) ", label)
                shop.add("\(date)  ")
            }
            if let carrier = order.carrier {
                shop.add("配送業者 ", label)
                shop.add("\(carrier.name)  ")
            }
            if !order.flags.isEmpty {
                shop.add("チェック ", label)
                shop.add(order.flags.sorted().joined(separator: "・"))
            }
            lines.append(shop)
        }
        // The shop's rules that acted, near the top: a hold is what the operator must see first.
        for act in state.detailRules {
            var line = StyledLine("ルール ", label)
            line.add("\(act.rule): \(act.matched)（\(JapanTime(act.at).shortText)）\(act.waitsToBundle ? " 同梱待ち" : "")")
            lines.append(line)
            if let hold = act.hold { lines.append(StyledLine("  保留: \(hold)", theme.color(.yellow, bold: true))) }
        }
        if case .failed(let errorClass, let detail) = order.sync {
            lines.append(StyledLine("【エラー】\(errorClass.message)", theme.error))
            lines.append(StyledLine("  対処: \(errorClass.remedy)", theme.error))
            if !detail.isEmpty { lines.append(StyledLine("  詳細: \(detail)", theme.muted)) }
        }
        if let problem = order.readProblem {
            lines.append(StyledLine("【要確認】RMSの注文内容に読めない項目があります: \(problem)", theme.error))
            lines.append(StyledLine("  RMSで注文を確認してください。読めた項目だけを表示しています（RMSへの送信は項目によって止めます）", theme.error))
        }
        if !state.detailCautions.isEmpty {
            lines.append(StyledLine("【要確認】", theme.error))
            for caution in state.detailCautions { lines.append(StyledLine("  \(caution)", theme.error)) }
        }
        if order.fees.shipping.isUnset {
            lines.append(StyledLine("【注意】送料が未設定の注文です（注文確認の前に送料を設定してください）", theme.error))
        }
        if let bundle = order.bundleID {
            lines.append(StyledLine("【同梱】同梱注文です（\(bundle)）。注文確認・金額変更は同梱を解除してから", theme.color(.magenta, bold: true)))
            if state.detailBundle.count > 1 {
                // The bundle is one parcel: what it collects and prints is the members' sum.
                var line = StyledLine("  同梱 \(state.detailBundle.count)件 請求金額計 ", theme.label)
                let total = Money.sum(state.detailBundle.map(\.requestPrice))
                line.add(total.description, total.isUnset ? theme.error : CellStyle(bold: true))
                line.add("（" + state.detailBundle.map { "\($0.number.withoutShopID) \($0.requestPrice)" }.joined(separator: "、") + "）", theme.muted)
                lines.append(line)
            }
        }
        if let difference = order.rmsDifference {
            lines.append(StyledLine("【差分あり】RMSで変更されています。処理パネル「RMSの変更を受け入れる」で取り込みます", theme.error))
            for field in difference.fields {
                lines.append(StyledLine([("  \(field.label) ", theme.label), ("この端末 \(field.ours)", .plain), (" → RMS \(field.rms)", theme.error)]))
            }
        }
        if order.isReportedAwaitingShipped {
            lines.append(StyledLine("【報告済】発送完了を報告しました（RMSは発送日の翌日に発送済にします）", theme.color(.green, bold: true)))
        }
        if let edit = order.pendingEdit {
            let groups = edit.groups.sorted().map(\.label).joined(separator: "・")
            lines.append(StyledLine("【未反映】\(groups)の変更がRMSに未反映です。処理パネル「入力内容を反映する（RMS）」で送ります",
                                    theme.color(.magenta, bold: true)))
            // What the push will send, RMS's value before and the one here after.
            for line in edit.lines { lines.append(StyledLine("  \(line)", theme.color(.magenta))) }
            if let reason = edit.reductionReason { lines.append(StyledLine("  楽天減額理由 \(reason) \(PendingEdit.reasonLabel(reason))", theme.muted)) }
        }

        if !state.detailMails.isEmpty {
            // Each template's latest mail, where an operator looks first: was the buyer mailed?
            var line = StyledLine("メール ", label)
            var latest: [String: OrderStore.MailRecord] = [:]
            for record in state.detailMails { latest[record.template] = record }
            for (index, record) in latest.values.sorted(by: { $0.intent < $1.intent }).enumerated() {
                let at = JapanTime(record.finishedAt ?? record.createdAt)
                line.add((index > 0 ? "、" : "") + "\(record.template) ")
                line.add(record.shortStateLabel, mailStyle(record))
                line.add(" \(at.shortText)")
            }
            if let key = state.keymap.keys(for: .openMail).first { line.add("（\(key.description) で開く）", theme.muted) }
            lines.append(line)
        }

        var orderer = StyledLine("注文者 ", label)
        // The phone number is an item of its own: a short line wraps before it, never inside it.
        orderer.add("\(order.orderer.fullName)（\(order.orderer.fullNameKana)）")
        orderer.add("  \(order.orderer.phoneNumber)")
        lines.append(orderer)
        lines.append(StyledLine("       \(order.orderer.postalAddress)"))

        if let delivery = order.delivery {
            var line = StyledLine("配送 ", label)
            line.add(delivery.method)
            if let date = delivery.date { line.add("  お届け日 ", label); line.add(date.description, CellStyle(bold: true)) }
            if let slot = delivery.timeSlotText { line.add("  時間帯 ", label); line.add(slot, CellStyle(bold: true)) }
            if !delivery.marks.isEmpty { line.add("  " + delivery.marks.joined(separator: "・"), theme.color(.magenta, bold: true)) }
            if let subStatus = delivery.subStatus { line.add("  サブステータス ", label); line.add(subStatus) }
            lines.append(line)
        }

        for (index, package) in order.packages.enumerated() {
            var destination = StyledLine("送付先\(order.packages.count > 1 ? "\(index + 1)" : "") ", label)
            if let due = package.handling?.recipientInputDue {
                // The address shown is RMS's placeholder until the recipient enters it.
                destination.add("ソーシャルギフト: 受取人の入力待ち（期限 \(due)）。入力されるまで送り状・発送はできません", theme.error)
            } else if let store = package.handling?.convenienceStore {
                destination.add("コンビニ受取 \(store.name)", CellStyle(bold: true))
                destination.add("  〒\(store.zipCode) \(store.address)")
            } else if package.destination.isSameRecipient(as: order.orderer) {
                destination.add("注文者と同じ")
            } else {
                destination.add(package.destination.fullName)
                destination.add("  \(package.destination.phoneNumber)")
            }
            if let delivery = package.deliveryName { destination.add("  \(delivery)", theme.muted) }
            lines.append(destination)
            if package.handling?.convenienceStore == nil, package.handling?.awaitingRecipient != true,
                !package.destination.isSameRecipient(as: order.orderer)
            {
                lines.append(StyledLine("       \(package.destination.postalAddress)"))
            }
            if let handling = package.handling, handling.noshi != nil || handling.dropOffLocation != nil {
                var line = StyledLine("       ")
                if let noshi = handling.noshi { line.add("のし ", label); line.add(noshi + "  ") }
                if let place = handling.dropOffLocation { line.add("置き配 ", label); line.add(place) }
                lines.append(line)
            }
            for item in package.items {
                var line = StyledLine("  ・\(item.name)")
                line.add("  \(Money.groupedYen(item.unitPrice))×\(item.units)")
                if let choice = item.selectedChoice, !choice.isEmpty {
                    line.add("  [\(choice.replacingOccurrences(of: "\n", with: " / "))]", theme.muted)
                }
                lines.append(line)
            }
            lines += parcelLines(order, package, label: label)
        }

        lines += moneyLines(order, label: label)

        var payment = StyledLine("支払方法 ", label)
        payment.add(order.payment.methodName)
        if let card = order.payment.cardName { payment.add("  \(card)") }
        if let number = order.payment.cardNumber { payment.add("  \(number)", theme.muted) }
        lines.append(payment)
        for coupon in order.coupons {
            lines.append(StyledLine("クーポン \(coupon.name)（\(coupon.capital)）\(coupon.total)", theme.muted))
        }
        if let remarks = order.remarks, !remarks.isEmpty {
            lines.append(StyledLine("備考", label))
            for part in remarks.split(separator: "\n") { lines.append(StyledLine("  \(part)")) }
        }
        if let memo = order.memo, !memo.isEmpty {
            var line = StyledLine("ひとことメモ ", label)
            line.add(memo)
            lines.append(line)
        }
        if let confirmed = order.confirmedAt {
            var line = StyledLine("注文確認日時 ", label)
            line.add(JapanTime(confirmed).fullText)
            lines.append(line)
        }
        if !state.detailMails.isEmpty {
            lines.append(StyledLine("メールの履歴", label))
            for record in state.detailMails.suffix(10) {
                let at = JapanTime(record.finishedAt ?? record.createdAt)
                var line = StyledLine("  \(at.shortText) \(record.operatorName) \(record.template)\(record.attempt > 0 ? "（再送信）" : "") ")
                line.add(record.stateLabel, mailStyle(record))
                lines.append(line)
            }
        }
        if !state.detailJournal.isEmpty {
            lines.append(StyledLine("履歴", label))
            for entry in state.detailJournal.suffix(20) {
                lines.append(StyledLine(
                    "  \(JapanTime(entry.at).shortText) \(entry.operatorName) \(JournalKind.label(for: entry.action)) \(entry.field): \(entry.before) → \(entry.after)",
                    theme.muted))
            }
        }
        return lines
    }

    /// The amounts as RMS lays them out, read left to right: 合計金額, then 総合計, then 請求金額,
    /// each after what goes into it. RMS's own figures, unless the operator changed amounts here
    /// (then recomputed, and said so); a recomputation that disagrees with RMS is shown as such.
    /// A mail the relay accepted in green; every other state asks to be looked at.
    private func mailStyle(_ record: OrderStore.MailRecord) -> CellStyle {
        record.state == .done ? theme.color(.green, bold: false) : theme.color(.yellow, bold: true)
    }

    func moneyLines(_ order: Order, label: CellStyle) -> [StyledLine] {
        func amount(_ line: inout StyledLine, _ title: String, _ money: Money, bold: Bool = false) {
            line.add(title, label)
            line.add(money.description, money.isUnset ? theme.error : CellStyle(bold: bold))
        }
        var goods = StyledLine()
        amount(&goods, "商品 ", order.goodsPrice)
        for wrapping in order.rmsAmounts?.wrappings ?? [] { amount(&goods, "  \(wrapping.label) ", wrapping.price) }
        amount(&goods, "  送料 ", order.fees.shipping)
        amount(&goods, "  合計金額 ", order.totalPrice, bold: true)

        var grand = StyledLine()
        if order.couponTotal > 0 { amount(&grand, "クーポン ", .yen(-order.couponTotal)) }
        amount(&grand, grand.spans.isEmpty ? "代引手数料 " : "  代引手数料 ", order.fees.cashOnDelivery)
        amount(&grand, "  決済手数料 ", order.fees.paymentCharge)
        if order.additionalFee != .zero { amount(&grand, "  後払い手数料 ", order.additionalFee) }
        amount(&grand, "  総合計 ", order.grandTotal, bold: true)

        var request = StyledLine()
        if order.pointsUsed > 0 {
            request.add("ポイント ", label)
            request.add(Money.groupedPoints(-order.pointsUsed) + "  ")
        }
        amount(&request, "請求金額 ", order.requestPrice, bold: true)
        if order.rmsAmounts != nil, !order.totalsAreRMSs {
            request.add("  （未反映の変更で再計算）", theme.muted)
        }
        var lines = [goods, grand, request]
        if let difference = order.requestPriceDiscrepancy {
            lines.append(StyledLine(
                "  この端末の再計算 \(order.recomputedRequestPrice)（RMSの請求金額と \(difference > 0 ? "+" : "")\(Money.groupedYen(difference)) の差）",
                theme.error))
        }
        let taxes = order.rmsAmounts?.taxSummary ?? []
        if !taxes.isEmpty {
            var line = StyledLine("税率別 ", label)
            for (index, tax) in taxes.enumerated() {
                line.add("\(index == 0 ? "" : "  ")\(Int((tax.rate * 100).rounded()))%: 請求 \(tax.request)（うち税 \(tax.requestTax)）")
            }
            lines.append(line)
        }
        return lines
    }
}
