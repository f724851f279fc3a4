import Foundation
import OrderEngine
import RakutenPay
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// The outbox and the store's records on each backend: one day of sending and recording made
/// alike on a SQLite store and a PostgreSQL one — writes claimed, sent, answered and left
/// unresolved; mails kept and settled; slips printed again; parcels and shipment keys; edits;
/// RMS's copies; the rules' acts; the sync worker's records — answers alike at every step and
/// leaves every table the same, row for row.
@Suite("Conformance: the outbox and the records on each backend", .serialized, .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
struct RecordsConformanceTests {
    @Test("a day of sending and recording on both: every answer and every table alike")
    func sameRecords() throws {
        let expected = try ConformanceDay.compare(
            saying: ["sending: 6", "unresolved: 2", "mail sending: true", "mail kept: true", "mail not sending: false", "history: 4", "copies: 2", "parcels: 2 left out 0", "keys reused", "acts 3 then 0", "failures: 1",
                     "sub-statuses 2", "差分あり yes", "records: 21", "| 289 ["],
            nonEmpty: ["outbox", "mail_messages", "printed_slips", "shipment_keys", "rule_acts", "sub_statuses", "sync_failures", "license_expiry"]
        ) { store, numbers in
            try Self.day(on: store, numbers: numbers)
        }
        // Nothing here is a step that only failed, and the one refusal is the one meant.
        for line in expected where line.contains(" refused: ") {
            #expect(line.hasPrefix("parcel again refused: "), "\(line)")
        }
    }

    /// The day's steps on one store, each said as a line; a step refused is said by its message.
    static func day(on store: some ShopStore, numbers: [OrderNumber]) throws -> [String] {
        var said: [String] = []
        func step(_ name: String, _ body: () throws -> String) {
            do { said.append("\(name): \(try body())") } catch { said.append("\(name) refused: \(error)") }
        }
        let clock = ImportingConformanceTests.clock()
        let desk = "taro@desk-a:100"

        // Confirmations: claimed, marked sending, a request id noted, then answered three ways.
        // Claimed by this process (alive): not abandoned, whatever the cutoff.
        let confirmed = try store.apply(ConfirmAction(), to: Array(numbers[100..<120]), claimedBy: OperatorIdentity.process)
        let intents = confirmed.intents.sorted { $0.key < $1.key }
        step("confirm") { "\(intents.count)" }
        guard intents.count >= 6 else { return said }
        step("sending") { "\(try store.markSending(intents.prefix(6).map(\.value) + [intents[0].value]).count)" }
        try store.noteRequestID("req-1", for: intents.prefix(2).map(\.value))
        try store.recordOutcomes(.confirm, [
            .init(intent: intents[0].value, number: intents[0].key, outcome: .accepted(nil)),
            .init(intent: intents[1].value, number: intents[1].key, outcome: .failed(.temporary, detail: "503")),
            .init(intent: intents[2].value, number: intents[2].key, outcome: .unknown(detail: "応答なし")),
        ])
        // Claimed by a process of another host that is gone: unresolved once the cutoff passes it.
        _ = try store.apply(try CancelAction(reasonCode: 1), to: [numbers[125]], claimedBy: "hanako@desk-b:200")
        step("unresolved") {
            let open = try store.unresolvedIntents(claimedBefore: clock.addingTimeInterval(3_600))
            return "\(open.count) " + open.map { "\($0.number.rawValue)/\($0.kind.rawValue)/\($0.abandonedWhileSending)/\($0.isUnknown)/\($0.requestID ?? "-")" }.joined(separator: ",")
        }
        step("awaiting RMS") { "\(try store.ordersAwaitingRakuten().map(\.rawValue))" }
        step("open orders") { "\(try store.openRakutenOrders(since: clock.addingTimeInterval(-40 * 86_400)).count)" }

        // Mails: sent to three, one kept as handed to the relay, one sent again; then the senders are gone.
        let mail = MailAction(template: "thanks", templateTitle: "サンクスメール", now: clock)
        let mailable = Array(mail.plan(try store.orders(Array(numbers[30..<100]), content: true)).changes.prefix(3).map(\.number))
        let mailed = try store.apply(mail, to: mailable, claimedBy: "hanako@desk-b:200")
        let mails = mailed.intents.sorted { $0.key < $1.key }
        guard mails.count == 3 else { return said + ["mails \(mails.count)"] }
        step("mail sending") { "\(try store.markSending([mails[0].value, mails[1].value]).sorted() == [mails[0].value, mails[1].value].sorted())" }
        step("mail kept") { "\(try store.recordMailMessage(intent: mails[0].value, recipient: "buyer@example.jp", subject: "ご注文ありがとうございます", message: Array("Subject: ありがとう\r\n\r\n本文".utf8)))" }
        step("mail not sending") { "\(try store.recordMailMessage(intent: mails[2].value, recipient: "buyer@example.jp", subject: "-", message: []))" }
        _ = try store.apply(MailAction(template: "thanks", templateTitle: "サンクスメール", resend: true, now: clock), to: [mailable[0]], claimedBy: desk)
        try store.settleAbandonedMails(claimedBefore: clock.addingTimeInterval(3_600))
        step("history") {
            let history = try store.mailHistory(mailable)
            let records = history.values.flatMap { $0 }
            return "\(records.count) " + history.sorted { $0.key < $1.key }.map { number, records in
                number.rawValue + ":" + records.map { "\($0.template)#\($0.attempt)/\($0.state.rawValue)/\($0.result ?? "-")/\($0.recipient ?? "-")" }.joined(separator: ";")
            }.joined(separator: " ")
        }
        step("previous") { "\(try store.previousMails(mailable, template: "thanks").sorted { $0.key < $1.key }.map { "\($0.key.rawValue)/\($0.value.unclear)" })" }
        step("message") { String(decoding: try store.mailMessage(intent: mails[0].value) ?? [], as: UTF8.self) }

        // Slips: printed, then printed again for one.
        try store.recordPrintedSlips(.deliveryNote, copies: [numbers[40]: 1, numbers[41]: 1], destination: "/tmp/slips/a.pdf")
        try store.recordPrintedSlips(.receipt, copies: [numbers[40]: 1], destination: "printer", addressee: [numbers[40]: "株式会社 見本"], purpose: "お品代")
        try store.recordPrintedSlips(.deliveryNote, copies: [numbers[40]: 2], destination: "/tmp/slips/b.pdf")
        step("copies") { "\(try store.printedCopies(.deliveryNote, of: [numbers[40], numbers[41], numbers[42]]).count)" }
        step("slips") { try store.printedSlips(of: numbers[40]).map { "\($0.kind.rawValue)#\($0.copy)/\($0.destination)/\($0.addressee ?? "-")/\($0.purpose ?? "-")" }.joined(separator: ",") }
        step("documents") { try store.documentsMade(of: numbers[40]).joined(separator: ",") }

        // Parcels by hand and from a file; shipment keys given, then given again to the same baskets.
        let today = CalendarDate(japanDayOf: JapanTime(clock))
        step("parcel") { try store.addParcel(to: numbers[50], basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1), shippedOn: today).parcels.journalText }
        step("parcel again") { try store.addParcel(to: numbers[50], basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1), shippedOn: today).parcels.journalText }
        step("parcel changed") { try store.changeParcel(of: numbers[50], trackingNumber: ShippingNumbers.valid(1), newNumber: ShippingNumbers.valid(2)).parcels.journalText }
        step("parcels") {
            let orders = try store.orders([numbers[51], numbers[52]], content: true)
            let additions = orders.map { (order: $0.number, parcel: Parcel(basketID: $0.packages[0].basketID, carrier: Carrier(code: "1002"), trackingNumber: ShippingNumbers.valid(3), shippedOn: today, report: .unreported)) }
            let result = try store.addParcels(additions, previewed: Dictionary(orders.map { ($0.number, $0.parcels) }, uniquingKeysWith: { first, _ in first }))
            return "\(additions.count) left out \(result.leftOut.count)"
        }
        step("holding") { "\(try store.ordersHolding(trackingNumbers: [ShippingNumbers.valid(2), ShippingNumbers.valid(3)], shippedSince: today).mapValues { $0.map(\.rawValue).sorted() }.sorted { $0.key < $1.key })" }
        let targets = [[ShipmentTarget(order: numbers[50], basketID: 1)], [ShipmentTarget(order: numbers[51], basketID: 1), ShipmentTarget(order: numbers[52], basketID: 1)]]
        let keys = try store.shipmentKeys(for: targets)
        step("keys") { try store.shipmentKeys(for: targets) == keys ? "keys reused \(keys.count)" : "keys new" }
        step("key targets") { "\(try store.shipmentKeyTargets(keys).mapValues { $0.map { "\($0.order.rawValue)/\($0.basketID)" } }.sorted { $0.key < $1.key }.map(\.value))" }
        step("bundle keys") { "\(try store.bundleLabelKeys(of: [numbers[50], numbers[51]]).count)" }

        // Edits: amounts, then details, of RMS's orders.
        step("amounts") {
            let order = try #require(try store.orders([numbers[60]], content: true).first)
            var edit = OrderEdit(of: order)
            edit.fees.shipping = .yen((order.fees.shipping.yen ?? 0) + 100)
            return "\(try store.save(edit, editing: order))"
        }
        step("details") {
            let order = try #require(try store.orders([numbers[61]], content: true).first)
            let context = DetailEdit.Context(today: CalendarDate(year: 2026, month: 11, day: 20)!, deliveryMethods: [], subStatuses: [])
            switch try store.save(DetailEdit([.sender(package: 0, .subAddress): "再配達先 3-3"]), editing: order, context: context) {
            case .success(let saved): return saved.packages[0].destination.subAddress ?? "-"
            case .failure(let problems): return "problems \(problems.problems)"
            }
        }
        // RMS's copy, changed by RMS itself: kept beside ours.
        step("RMS copy") {
            var model = try JSONIndexDecoder().decode(OrderModel.self, from: try #require(try store.rawJSON(of: numbers[62])))
            model.packageModelList[0].postagePrice = 1_234
            model.postagePrice = 1_234
            let mutation = try store.recordRMSCopies([OrderStore.RMSCopy(model: model, rawJSON: Array(try OrderedJSONEncoder().encode(model)))], action: .action(.refreshRMSStatus))
            return "\(mutation.changed.count) 差分あり \(try store.orders([numbers[62]], content: true).first?.rmsDifference != nil ? "yes" : "no")"
        }

        // The rules: what awaits them, their acts recorded once, one taken back, a bundle waiting.
        let rule = Rule(name: "代引は保留", when: "支払:代金引換", actions: [], hold: "代引確認", stop: true)
        step("awaiting rules") {
            let awaiting = try store.ordersAwaitingRules(limit: 50)
            return "\(awaiting.numbers.count) through \(awaiting.through ?? -1)"
        }
        step("acts") {
            let matched = Dictionary(uniqueKeysWithValues: numbers[70..<73].map { ($0, "支払:代金引換") })
            let first = try store.recordRuleActs(rule, matched, batchID: "rule-batch-1")
            let second = try store.recordRuleActs(rule, matched, batchID: "rule-batch-2")
            try store.forgetRuleActs(rule, [numbers[72]], batchID: "rule-batch-1")
            try store.setRuleBundleWaiting(rule.name, [numbers[70]], waiting: true)
            return "acts \(first.count) then \(second.count)"
        }
        step("rule acts") { "\(try store.ruleActs(of: Array(numbers[70..<73])).sorted { $0.key < $1.key }.map { "\($0.key.rawValue):\($0.value.map { "\($0.rule)/\($0.hold ?? "-")/\($0.stopped)/\($0.waitsToBundle)" })" })" }
        step("waiting") { "\(try store.ruleBundlesWaiting().mapValues { $0.map(\.number.rawValue) }.sorted { $0.key < $1.key })" }
        try store.markRulesChecked(through: 40)
        try store.markRulesChecked(through: 20)
        step("checked") { "\(try store.ordersAwaitingRules(limit: 5).through ?? -1)" }

        // The sync worker's records.
        try store.recordSyncFailure("fetch", detail: "503", process: "desk-a:1")
        try store.recordSyncFailure("fetch", detail: "504", process: "desk-a:1")
        try store.recordSyncFailure("poll", detail: "timeout", process: "desk-a:1")
        try store.clearSyncFailure("poll")
        try store.clearSyncFailure("never-failed")
        step("failures") { "\(try store.syncFailures().count) " + (try store.syncFailures()).map { "\($0.activity)/\($0.detail)/\($0.count)/\($0.process)" }.joined(separator: ",") }
        try store.recordLicenseExpiry(clock.addingTimeInterval(86_400 * 30), licenseKey: "SP-ABCD-1234")
        step("licence") { "\(try store.licenseExpiry(licenseKey: "SP-XYZ-1234").map { $0.timeIntervalSince1970 } ?? -1)" }
        try store.recordSubStatuses([.init(id: 1, name: "入金確認待ち", progress: 100), .init(id: 2, name: "発送準備中", progress: 300)])
        try store.recordSubStatuses([.init(id: 2, name: "発送準備中", progress: 300), .init(id: 3, name: "在庫確認", progress: 100)])
        step("sub-statuses") { let list = try store.subStatuses(); return "sub-statuses \(list.list.count) \(list.list.map(\.name)) \(list.readAt.map { $0.timeIntervalSince1970 } ?? -1)" }
        step("health") {
            let health = try store.health(unconfirmedBefore: clock)
            return "\(health.outbox.sorted { $0.key < $1.key }) \(health.unclearMails) \(health.failedMails) \(health.lastMailFailure ?? "-") \(health.unconfirmedBeforeCutoff) \(health.oldestUnconfirmed.map { $0.timeIntervalSince1970 } ?? -1) \(health.lastImport.map { $0.timeIntervalSince1970 } ?? -1)"
        }
        step("shipping") {
            let watch = try store.shippingWatch(today: today, leadDays: 2)
            return "\(try store.ordersAwaitingShipment().count) late \(watch.late.count) stuck \(watch.stuck.count)"
        }

        // What the grid asks beyond a page, after all of it.
        step("shown") {
            let filters = [GridFilter(search: "御歳暮"), GridFilter(localStatus: .newOrder), GridFilter(search: "3982")]
            return try filters.map { "\(try store.count($0, among: numbers)) \(try store.shown($0, among: Array(numbers[0..<150])).map(\.rawValue).sorted().prefix(3))" }
                .joined(separator: " | ")
        }
        step("candidates") { "\(try store.bundleCandidates(among: numbers).map(\.rawValue).sorted())" }
        step("partners") { "\(try store.bundlePartners(of: Array(numbers[0..<60])).map(\.rawValue))" }
        step("repeat") { "\(try store.earlierOrderCounts(among: numbers).sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" })" }
        step("records") {
            let records = try store.queryRecords(among: numbers, mailTemplates: ["サンクスメール": "thanks"])
            return "\(records.count) " + records.sorted { $0.key < $1.key }.map { "\($0.key.rawValue):\($0.value.writeStates.sorted())/\($0.value.mailed.sorted())/\($0.value.printed.map(\.rawValue).sorted())" }.joined(separator: ",")
        }
        return said
    }
}
