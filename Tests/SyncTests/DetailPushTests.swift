import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// A buyer's call: the change is saved here (未反映), then sent to RMS group by group, each with
/// its own function, and RMS ends up holding exactly what was typed.
@Suite("Sync: a buyer's change (送付先, お届け日時, 配送方法, メモ, 備考, サブステータス) saved here, pushed to RMS")
struct DetailPushTests {
    static var today: CalendarDate { CalendarDate(japanDayOf: JapanTime(Date())) }
    static func context(_ subStatuses: [DetailEdit.SubStatus] = []) -> DetailEdit.Context {
        DetailEdit.Context(today: today, deliveryMethods: [], subStatuses: subStatuses)
    }

    @Test("お届け日 and 時間帯 changed: pending 未反映 with RMS's value before, pushed once with updateOrderMemo, and RMS holds them")
    func deliveryDatePushed() async throws {
        let fetched = try await FetchedSandbox.start(orders: 20)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let row = try #require(try fetched.editableRows().first)
        let order = try #require(try store.order(row.number))
        let date = Self.today.adding(days: 6)
        let edit = DetailEdit([.deliveryDate: date.description.replacingOccurrences(of: "-", with: "/"), .shippingTerm: "14-16"])
        let saved = try store.save(edit, editing: order, context: Self.context()).get()
        #expect(saved.pendingEdit?.groups == [.memo])
        #expect(saved.delivery?.date == date && saved.delivery?.timeSlot == 1416)
        let was = order.delivery?.date?.description ?? "（なし）"
        #expect(saved.pendingEdit?.lines.contains("お届け日 \(was) → \(date)") == true, "\(saved.pendingEdit?.lines ?? [])")
        #expect(saved.pendingEdit?.lines.contains { $0.hasPrefix("お届け時間帯 ") && $0.hasSuffix("→ 14〜16時") } == true)
        // Read back from the store: the change is kept beside RMS's copy, and the journal has it.
        #expect(try store.order(row.number)?.delivery?.date == date)
        let journal = try store.journal(of: row.number).filter { $0.action == "edit" }
        #expect(Set(journal.map(\.field)).isSuperset(of: ["お届け日指定", "お届け時間帯", "注文内容修正"]), "\(journal.map(\.field))")
        #expect(await sandbox.server.order(row.number.rawValue)?.deliveryDate?.description != date.description, "nothing reaches RMS before the push")

        // The preview says what will be sent, field by field.
        let plan = PushEditAction().plan([try #require(try store.order(row.number))])
        let preview = PlanPreview(plan).changes.first?.fields.map(\.displayText).joined()
        #expect(preview?.contains("RMSに反映: ") == true && preview?.contains("お届け日 \(was) → \(date)") == true, "\(preview ?? "")")

        let report = try await service.run(.pushEdit, on: [row.number])
        #expect(report.lines.map(\.ok) == [true], "\(report.lines.map(\.message))")
        let rms = try #require(await sandbox.server.order(row.number.rawValue))
        #expect(rms.deliveryDate?.description == date.description)
        #expect(rms.shippingTerm == 1416)
        #expect(await sandbox.server.acceptedWrites(.updateOrderMemo)[row.number.rawValue] == 1)
        #expect(await sandbox.server.acceptedWrites(.updateOrderSender)[row.number.rawValue] == nil, "only the memo group is sent")
        let after = try #require(try store.order(row.number))
        #expect(after.pendingEdit == nil)
        #expect(after.delivery?.date == date, "RMS's copy read back holds the same")
        let again = try await service.run(.pushEdit, on: [row.number])
        #expect(again.skipped.map(\.reason) == [.noPendingEdit])
        await fetched.stop()
    }

    @Test("送付先 by postcode and 置き配: updateOrderSender before shipping, updateOrderSenderAfterShipping after; amounts are refused after shipping")
    func destinationPushed() async throws {
        let fetched = try await FetchedSandbox.start(orders: 20)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let rows = try fetched.editableRows()
        let first = try #require(try store.order(rows[0].number))
        let edit = DetailEdit([
            .sender(package: 0, .zipCode): "１００－０００１", .sender(package: 0, .prefecture): "東京都", .sender(package: 0, .city): "千代田区",
            .sender(package: 0, .subAddress): "千代田1-1 皇居前ビル101", .dropOffLocation(package: 0): "玄関前",
        ])
        let saved = try store.save(edit, editing: first, context: Self.context()).get()
        #expect(saved.pendingEdit?.groups == [.sender])
        #expect(saved.packages[0].destination.zipCode == "100-0001")
        #expect(try await service.run(.pushEdit, on: [first.number]).lines.map(\.ok) == [true])
        let rms = try #require(await sandbox.server.order(first.number.rawValue))
        #expect(rms.packageModelList[0].senderModel.zipCode1 == "100" && rms.packageModelList[0].senderModel.zipCode2 == "0001")
        #expect(rms.packageModelList[0].senderModel.subAddress == "千代田1-1 皇居前ビル101")
        #expect(rms.packageModelList[0].dropOffFlag == 1 && rms.packageModelList[0].dropOffLocation == "玄関前")
        #expect(rms.packageModelList[0].postagePrice == first.packages[0].postage.yen, "the fees go back as RMS has them")
        #expect(try store.order(first.number)?.packages[0].handling?.dropOffLocation == "玄関前")

        // Shipped meanwhile: the address still goes, with the after-shipping function.
        let second = try #require(try store.order(rows[1].number))
        #expect(await sandbox.server.setProgress(second.number.rawValue, to: 500))
        try await service.refreshRMSStatus([second.number])
        let shipped = try #require(try store.order(second.number))
        #expect(shipped.rmsProgress == .shipped)
        _ = try store.save(DetailEdit([.sender(package: 0, .subAddress): "再配達先 2-2"]), editing: shipped, context: Self.context()).get()
        #expect(try await service.run(.pushEdit, on: [second.number]).lines.map(\.ok) == [true])
        #expect(await sandbox.server.acceptedWrites(.updateOrderSenderAfterShipping)[second.number.rawValue] == 1)
        #expect(await sandbox.server.order(second.number.rawValue)?.packageModelList[0].senderModel.subAddress == "再配達先 2-2")
        // An amount is refused here once shipped, with why; nothing is saved.
        let now = try #require(try store.order(second.number))
        var fee = OrderEdit(of: now)
        fee.fees.shipping = .yen((now.fees.shipping.yen ?? 0) + 100)
        #expect(try store.save(fee, editing: now).contains(SkipReason.feesLockedAfterShipping.text))
        // The delivery method too (RMS takes it before shipping only).
        guard case .failure(let problems) = try store.save(DetailEdit([.deliveryName: "ゆうパック"]), editing: now, context: Self.context()) else {
            Issue.record("a shipped order's delivery method was saved")
            return
        }
        #expect(problems.problems.contains { $0.hasPrefix("配送方法は発送前にだけ変更できます") }, "\(problems)")
        await fetched.stop()
    }

    @Test("RMS refuses the second group: the first stays sent, only what RMS does not hold is pending again, with RMS's words")
    func partlyRefused() async throws {
        let fetched = try await FetchedSandbox.start(orders: 20)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let row = try #require(try fetched.editableRows().first)
        let order = try #require(try store.order(row.number))
        // 自社便 is not a method the sandbox's shop has set up (the shop's list here is not checked).
        let edit = DetailEdit([.orderer(.subAddress): "新住所 3-3", .deliveryName: "自社便", .memo: "お届け日変更の電話あり"])
        _ = try store.save(edit, editing: order, context: Self.context()).get()
        #expect(try store.order(row.number)?.pendingEdit?.groups == [.orderer, .delivery, .memo])

        let report = try await service.run(.pushEdit, on: [row.number])
        let line = try #require(report.lines.first)
        #expect(!line.ok)
        #expect(line.message.contains("配送方法: ORDER_EXT_API_UPDATE_ORDERDELIVERY_ERROR_901"), "\(line.message)")
        #expect(line.message.contains("注文者はRMSに反映済み"), "\(line.message)")
        let rms = try #require(await sandbox.server.order(row.number.rawValue))
        #expect(rms.ordererModel.subAddress == "新住所 3-3")
        #expect(rms.memo != "お届け日変更の電話あり", "nothing after the refusal is sent")
        let after = try #require(try store.order(row.number))
        #expect(after.pendingEdit?.groups == [.delivery, .memo], "\(after.pendingEdit?.groups ?? [])")
        #expect(after.orderer.subAddress == "新住所 3-3" && after.memo == "お届け日変更の電話あり" && after.delivery?.method == "自社便",
                "nothing typed is lost")
        #expect(await sandbox.server.acceptedWrites(.updateOrderOrderer)[row.number.rawValue] == 1)

        // Fixed and pushed again: the orderer is not sent twice.
        let current = try #require(try store.order(row.number))
        _ = try store.save(DetailEdit([.deliveryName: "ゆうパック"]), editing: current, context: Self.context()).get()
        #expect(try await service.run(.pushEdit, on: [row.number]).lines.map(\.ok) == [true])
        #expect(await sandbox.server.acceptedWrites(.updateOrderOrderer)[row.number.rawValue] == 1)
        #expect(await sandbox.server.order(row.number.rawValue)?.deliveryModel.deliveryName == "ゆうパック")
        #expect(await sandbox.server.order(row.number.rawValue)?.memo == "お届け日変更の電話あり")
        await fetched.stop()
    }

    @Test("RMS changes a field the shop has an unsent change of: 差分あり, never laid over; accepting takes RMS's and leaves nothing to send")
    func rmsChangeOverUnsent() async throws {
        let fetched = try await FetchedSandbox.start(orders: 20)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let rows = try fetched.editableRows()
        let order = try #require(try store.order(rows[0].number))
        _ = try store.save(DetailEdit([.memo: "店舗のメモ", .remarks: "ギフト包装希望"]), editing: order, context: Self.context()).get()
        // Someone changes the memo in RMS itself, and RMS changes another order's remarks the shop never touched.
        #expect(await sandbox.server.modifyOrder(order.number.rawValue) { $0.memo = "RMSで書いたメモ" })
        let other = try #require(try store.order(rows[1].number))
        #expect(await sandbox.server.modifyOrder(other.number.rawValue) { $0.memo = "RMSだけのメモ" })
        try await service.refreshRMSStatus([order.number, other.number])

        let ours = try #require(try store.order(order.number))
        #expect(ours.memo == "店舗のメモ", "RMS's change is not laid over the shop's unsent one")
        let difference = try #require(ours.rmsDifference)
        #expect(difference.fields.map(\.label) == ["ひとことメモ"])
        #expect(difference.fields.first?.rms == "RMSで書いたメモ")
        #expect(ours.pendingEdit?.groups == [.memo, .remarks])
        // Where the shop changed nothing, RMS's value is simply taken.
        #expect(try store.order(other.number)?.memo == "RMSだけのメモ")
        #expect(try store.order(other.number)?.rmsDifference == nil)

        let accepted = try await service.run(.acceptRMSChanges, on: [order.number])
        #expect(accepted.lines.count == 1 || accepted.skipped.isEmpty)
        let after = try #require(try store.order(order.number))
        #expect(after.memo == "RMSで書いたメモ")
        #expect(after.remarks == "ギフト包装希望", "the change RMS did not touch stays the shop's")
        #expect(after.pendingEdit?.groups == [.remarks])
        #expect(after.rmsDifference == nil)
        await fetched.stop()
    }

    @Test("サブステータス: RMS's list is read and kept; an id of another status is refused here; updateOrderSubStatus sends it")
    func subStatus() async throws {
        let fetched = try await FetchedSandbox.start(orders: 20)
        let (sandbox, store, service) = (fetched.sandbox, fetched.store, fetched.service)
        let list = try await service.refreshSubStatuses()
        #expect(list.contains(DetailEdit.SubStatus(id: 3601, name: "要確認", progress: 100)))
        #expect(try store.subStatuses().list == list)
        #expect(try await service.currentSubStatuses() == list)
        let row = try #require(try fetched.editableRows().first)
        let order = try #require(try store.order(row.number))
        #expect(order.rmsProgress == .awaitingConfirmation)
        let context = Self.context(list)
        guard case .failure(let wrong) = try store.save(DetailEdit([.subStatusId: "3701"]), editing: order, context: context) else {
            Issue.record("a sub-status of 発送待ち was saved on an order awaiting confirmation")
            return
        }
        #expect(wrong.problems.first?.contains("3601 要確認") == true, "\(wrong)")
        let saved = try store.save(DetailEdit([.subStatusId: "3602"]), editing: order, context: context).get()
        #expect(saved.delivery?.subStatus == "在庫確認中")
        #expect(try await service.run(.pushEdit, on: [row.number]).lines.map(\.ok) == [true])
        #expect(await sandbox.server.order(row.number.rawValue)?.subStatusId == 3602)
        #expect(await sandbox.server.acceptedWrites(.updateOrderSubStatus)[row.number.rawValue] == 1)
        #expect(try store.order(row.number)?.delivery?.subStatus == "在庫確認中")
        await fetched.stop()
    }

    @Test("a change after a 納品書 was printed marks 再発行が必要, and says what was made; a change before anything was made does not")
    func reissueMarked() async throws {
        let fetched = try await FetchedSandbox.start(orders: 10)
        let store = fetched.store
        let rows = try fetched.editableRows()
        let printed = try #require(try store.order(rows[0].number))
        try store.recordPrintedSlips(.deliveryNote, copies: [printed.number: 1], destination: "PDF", addressee: [:], purpose: nil)
        let changed = try store.save(DetailEdit([.sender(package: 0, .subAddress): "新住所 1-1"]), editing: printed, context: Self.context()).get()
        #expect(changed.flags.contains(OrderFlag.reissue))
        #expect(try store.documentsMade(of: printed.number).first?.hasPrefix("納品書 ") == true)
        let plain = try #require(try store.order(rows[1].number))
        let untouched = try store.save(DetailEdit([.memo: "メモだけ"]), editing: plain, context: Self.context()).get()
        #expect(!untouched.flags.contains(OrderFlag.reissue))
        await fetched.stop()
    }

    @Test("a memo changed on an order whose お届け日 has passed sends the memo only: the date RMS holds is not sent again (RMS would refuse it)")
    func memoOnlyAfterThePassedDate() async throws {
        let yesterday = RakutenDate(RakutenDateTime(Date().addingTimeInterval(-86_400)))
        var number = ""
        let fetched = try await FetchedSandbox.start(orders: 10, beforeFetch: { sandbox in
            number = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 }).orderNumber
            #expect(await sandbox.server.modifyOrder(number) { $0.deliveryDate = yesterday })
        })
        let order = try #require(try fetched.store.order(OrderNumber(number)))
        _ = try fetched.store.save(DetailEdit([.memo: "電話で確認済み", .giftCheck: "1"]), editing: order, context: Self.context()).get()
        let report = try await fetched.service.run(.pushEdit, on: [order.number])
        #expect(report.lines.map(\.ok) == [true], "\(report.lines.map(\.message))")
        let rms = try #require(await fetched.sandbox.server.order(number))
        #expect(rms.memo == "電話で確認済み" && rms.deliveryDate == yesterday && rms.giftCheckFlag == 1)
        await fetched.stop()
    }

    @Test("a change is undone from the journal: the address comes back and nothing is left to send")
    func undoDetailEdit() async throws {
        let fetched = try await FetchedSandbox.start(orders: 10)
        let store = fetched.store
        let row = try #require(try fetched.editableRows().first)
        let order = try #require(try store.order(row.number))
        _ = try store.save(DetailEdit([.sender(package: 0, .familyName): "変更", .memo: "メモ"]), editing: order, context: Self.context()).get()
        let batch = try #require(try store.undoableBatches(limit: 1).first)
        #expect(try store.undo(batch: batch.batchID).restored == [row.number])
        let back = try #require(try store.order(row.number))
        #expect(back.packages[0].destination == order.packages[0].destination)
        #expect(back.memo == order.memo)
        #expect(back.pendingEdit == nil)
        await fetched.stop()
    }
}
