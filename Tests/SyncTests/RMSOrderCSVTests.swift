import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import RakutenPay
import RMSSandbox
import ShippingFiles
import Testing
import TestSupport
@testable import OrderSync

/// RMS's 楽天ペイ受注CSV: read by header name, grouped by 注文番号 + 送付先ID + 商品明細ID, every
/// line accounted for; imported beside the store without doubling or overwriting.
@Suite("RMSの受注CSV: read by name, every line accounted for, imported without doubling or overwriting")
struct RMSOrderCSVTests {
    static func models(_ count: Int, seed: UInt64 = 11) -> [OrderModel] {
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.multiDestinationRate = 0.3
        settings.awaitingConfirmationRate = 0.5
        var generator = OrderGenerator(seed: seed, settings: settings)
        return generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_796_000_000))
    }

    /// The text as RMS writes it in CP932: a buyer's 〜 (WAVE DASH, which CP932 has not) is the
    /// ～ (FULLWIDTH TILDE) Windows' CP932 maps 0x8160 to.
    static func cp932(_ text: String) throws -> [UInt8] { try FileText.cp932(asCP932(text)).get() }

    static func asCP932(_ text: String) -> String { text.replacingOccurrences(of: "〜", with: "～") }

    /// What the CSV carries of an order, as the desk shows it.
    static func carried(_ model: OrderModel) -> [String] {
        let order = Order(rakuten: model, localStatus: .newOrder)
        return [
            order.number.rawValue, order.rmsProgress.label, "\(order.orderedAt)", "\(order.orderer)", "\(order.packages.map(\.destination))",
            "\(order.packages.map(\.items))", "\(order.packages.map(\.basketID))", "\(order.fees)", "\(order.goodsPrice)",
            "\(order.couponTotal)", "\(order.pointsUsed)", order.payment.methodName, "\(order.delivery?.method ?? "")",
            "\(String(describing: order.delivery?.date))", "\(String(describing: order.delivery?.timeSlot))",
            "\(String(describing: order.rmsAmounts?.total))", "\(String(describing: order.rmsAmounts?.request))",
            order.remarks ?? "", order.memo ?? "", "\(String(describing: order.confirmedAt))",
        ].map(asCP932)
    }

    @Test("a file of RMS's shape in CP932 reads back as the orders it was made from, destinations and lines by their ids; every line accounted for")
    func roundTrip() throws {
        let models = Self.models(60)
        #expect(models.contains { $0.packageModelList.count > 1 }, "some orders with two destinations")
        let bytes = try Self.cp932(RMSOrderCSVSample.text(models))
        let file = try RMSOrderCSV.read(bytes)
        #expect(file.encoding == .cp932)
        #expect(file.unknownColumns.isEmpty, "\(file.unknownColumns)")
        #expect(file.orders.count == 60)
        #expect(file.accountedLines == file.dataLines)
        #expect(file.dataLines == models.reduce(0) { $0 + $1.packageModelList.reduce(0) { $0 + $1.itemModelList.count } })
        for (model, read) in zip(models, file.orders) {
            guard case .model(let csv, let problems) = read.content else {
                Issue.record("\(read.number): \(read.content)")
                continue
            }
            #expect(problems.isEmpty, "\(problems)")
            #expect(Self.carried(csv) == Self.carried(model))
        }
    }

    @Test("columns in another order, some left out, one unknown: read by name; the unknown is named; the old pre-楽天ペイ CSV and a file missing 送付先ID are refused whole, saying why")
    func byName() throws {
        let models = Self.models(8)
        var header = RMSOrderCSVSample.header.filter { !["ポイント倍率", "納期情報", "ひとことメモ", "決済手数料"].contains($0) }
        header.reverse()
        header.append("新しい列")
        let file = try RMSOrderCSV.read(Array(RMSOrderCSVSample.text(models, header: header).utf8))
        #expect(file.encoding == .utf8)
        #expect(file.unknownColumns == ["新しい列"])
        #expect(MemoryLayout<RMSOrderCSV.Column>.size == 1)
        #expect(Set(RMSOrderCSV.Column.allCases.map(\.ordinal)) == Set(0..<RMSOrderCSV.Column.allCases.count))
        for (model, read) in zip(models, file.orders) {
            guard case .model(let csv, _) = read.content else { Issue.record("\(read.content)"); continue }
            #expect(Self.carried(csv).dropFirst(7).first == Self.carried(model).dropFirst(7).first || csv.paymentCharge == Money.rakutenUnsetSentinel)
            #expect(csv.packageModelList.map(\.basketId) == model.packageModelList.map(\.basketId))
        }

        let old = "受注番号,受注ステータス,カード決済ステータス,入金日\r\n398211-20260101-0000001,新規受付,-99999,\r\n"
        let oldBytes = try Self.cp932(old)
        do throws(FileFormatError) {
            _ = try RMSOrderCSV.read(oldBytes)
            Issue.record("the old CSV was read")
        } catch {
            #expect(error.description.contains("楽天ペイ以前") && error.line == 1)
        }
        let noBasket = RMSOrderCSVSample.header.filter { $0 != "送付先ID" }
        do throws(FileFormatError) {
            _ = try RMSOrderCSV.read(Array(RMSOrderCSVSample.text(models, header: noBasket).utf8))
            Issue.record("a file without 送付先ID was read")
        } catch {
            #expect(error.description.contains("送付先ID"))
        }
    }

    @Test("bad lines: a short row, a price that is no number, two differing rows of one item refuse their orders with line and reason; an odd ポイント倍率 comes in noted; blank, repeated and orphan lines are each accounted for")
    func badLines() throws {
        // Without remarks: a remark's line break would make a record of two lines.
        let models = Self.models(6, seed: 5).filter { $0.packageModelList.count == 1 }.map { model in
            var model = model
            model.remarks = nil
            return model
        }
        try #require(models.count >= 5)
        let header = RMSOrderCSVSample.header
        let column = { (name: String) in header.firstIndex(of: name)! }
        // One line each (the first item): the line numbers below are those of the file.
        var rows = models.prefix(5).map { [RMSOrderCSVSample.rows(of: $0)[0]] }
        rows[0][0].removeLast()                                     // short: order 0 refused
        rows[1][0][column("単価")] = "千円"                           // not a number: order 1 refused
        rows[2].append(rows[2][0])                                  // the same line again: read once
        rows[3][0][column("ポイント倍率")] = "x"                      // odd, not needed: noted
        var differing = rows[4][0]
        differing[column("個数")] = "9"
        rows[4].append(differing)                                   // the same item, other content: refused
        var lines = [header] + rows.flatMap { $0 }
        lines.append(Array(repeating: "", count: header.count))      // blank
        var orphan = rows[3][0]
        orphan[column("注文番号")] = ""
        lines.append(orphan)                                        // no 注文番号
        let text = lines.map { RMSOrderCSVSample.line($0) + "\r\n" }.joined()
        let file = try RMSOrderCSV.read(Self.cp932(text))
        #expect(file.accountedLines == file.dataLines && file.dataLines == lines.count - 1)
        let byNumber = Dictionary(uniqueKeysWithValues: file.orders.map { ($0.number, $0) })
        func reason(_ index: Int) -> String? {
            if case .refused(let reason) = byNumber[models[index].orderNumber]?.content { return reason }
            return nil
        }
        #expect(reason(0)?.contains("2行目: 列の数") == true, "\(String(describing: reason(0)))")
        #expect(reason(1)?.contains("3行目: 単価「千円」") == true, "\(String(describing: reason(1)))")
        #expect(reason(2) == nil && file.repeatedLines == [5])
        if case .model(_, let problems) = byNumber[models[3].orderNumber]?.content {
            #expect(problems == ["6行目 ポイント倍率: 「x」は数ではありません"])
        } else {
            Issue.record("order 3 was not read")
        }
        #expect(reason(4)?.contains("8行目: 商品明細ID") == true, "\(String(describing: reason(4)))")
        #expect(file.blankLines == [9])
        #expect(file.looseRefusals.map { $0.line } == [10])
    }

    @Test("what the file says is kept as it says: a blank last line is a line, a file of CR-only line ends is refused, a full-width space and a line break inside a field stay (CRLF read as LF), a missing 商品税率 or 税込別 column and an unset ポイント利用額 are noted")
    func asWritten() throws {
        var model = try #require(Self.models(4, seed: 13).first { $0.packageModelList.count == 1 })
        model.remarks = "　お届けは午前中に\r\nお願いします"
        model.pointModel = PointModel(usedPoint: -9999)
        let header = RMSOrderCSVSample.header.filter { $0 != "商品税率" && $0 != "税込別" }
        let text = RMSOrderCSVSample.text([model], header: header) + "\r\n"
        let file = try RMSOrderCSV.read(Array(text.utf8))
        #expect(file.blankLines.count == 1 && file.accountedLines == file.dataLines)
        guard case .model(let read, let problems) = file.orders.first?.content else {
            Issue.record("not read")
            return
        }
        #expect(read.remarks == "　お届けは午前中に\nお願いします")
        #expect(problems.contains { $0.contains("商品税率: 列がありません。10%として読みました") })
        #expect(problems.contains { $0.contains("税込別: 列がありません。税込として読みました") })
        #expect(problems.contains { $0.contains("ポイント利用額: 「-9999」は未確定の値です") } && read.pointModel?.usedPoint == 0)
        let order = RMSOrderCSVImport.order(read, problems: [], storeAs: .newOrder)
        #expect(order.readProblem != nil && order.origin == .csvImport, "flagged until RMS's copy fills it")
        do throws(FileFormatError) {
            _ = try RMSOrderCSV.read(Array(RMSOrderCSVSample.text([model]).replacingOccurrences(of: "\r\n", with: "\r").utf8))
            Issue.record("a CR-only file was read")
        } catch {
            #expect(error.description.contains("改行がCRだけ"))
        }
    }

    @Test("imported twice: the first adds each order (at the status its RMS status gives, origin CSV), the second changes nothing; an order the API brought is never doubled or overwritten — a changed address and fee on a 代金引換 order with two destinations show as 差分あり, field by field, until accepted")
    func importTwice() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try OrderStore(path: directory.file("csv.sqlite"))
        var models = Self.models(30, seed: 21)
        // One order, by the API already: 代金引換, two destinations.
        let apiIndex = try #require(models.firstIndex { $0.packageModelList.count > 1 && $0.orderProgress < 500 })
        models[apiIndex].settlementModel = SettlementModel(settlementMethodCode: 1, settlementMethod: "代金引換", rpaySettlementFlag: 0)
        models[apiIndex].deliveryPrice = 330
        let api = models[apiIndex]
        try store.importOrders([OrderStore.Incoming(
            order: Order(rakuten: api, localStatus: .newOrder), rawJSON: Array(try OrderedJSONEncoder().encode(api)))])

        let path = directory.file("rms.csv")
        try Data(try Self.cp932(RMSOrderCSVSample.text(models))).write(to: URL(fileURLWithPath: path))
        let preview = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: false)
        let outcomes = preview.files[0].orders.map(\.outcome)
        #expect(outcomes.filter { $0 == .new(problems: []) }.count == 29 && outcomes.filter { $0 == .same }.count == 1)
        #expect(try store.countsByStatus().values.reduce(0, +) == 1, "a preview writes nothing")

        let first = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
        #expect(first.files[0].orders.filter { $0.outcome == .new(problems: []) }.count == 29)
        #expect(try store.countsByStatus().values.reduce(0, +) == 30)
        for model in models where model.orderNumber != api.orderNumber {
            let order = try #require(try store.order(OrderNumber(model.orderNumber)))
            #expect(order.origin == .csvImport)
            #expect(order.localStatus == RMSProgress(code: model.orderProgress).localStatusWhenBroughtIn(new: .newOrder))
            #expect(Self.carried(model).dropFirst(2).first == "\(order.orderedAt)")
        }
        let journal = try store.journal(of: OrderNumber(models[0].orderNumber == api.orderNumber ? models[1].orderNumber : models[0].orderNumber))
        #expect(journal.map(\.action) == [ActionID.importRMSCSV.rawValue])

        let second = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
        #expect(second.files[0].orders.allSatisfy { $0.outcome == .same }, "\(second.files[0].summary)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 30)

        // RMS's CSV now says the second destination moved and the 代引手数料 changed.
        var changed = models
        changed[apiIndex].packageModelList[1].senderModel.city = "札幌市中央区"
        changed[apiIndex].deliveryPrice = 440
        try Data(try Self.cp932(RMSOrderCSVSample.text(changed))).write(to: URL(fileURLWithPath: path))
        let third = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
        let outcome = try #require(third.files[0].orders.first { $0.number == api.orderNumber }?.outcome)
        guard case .differs(let fields, false, false) = outcome else { Issue.record("\(outcome)"); return }
        #expect(Set(fields.map(\.label)) == ["代引手数料", "送付先2 市区町村"], "\(fields)")
        let differing = try #require(try store.order(OrderNumber(api.orderNumber)))
        #expect(differing.packages[1].destination.city == api.packageModelList[1].senderModel.city, "nothing overwritten")
        #expect(differing.fees.cashOnDelivery == .yen(330))
        #expect(try store.countsByStatus().values.reduce(0, +) == 30, "nothing doubled")
        let again = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
        #expect(again.files[0].orders.first { $0.number == api.orderNumber }?.outcome.label == "差分あり（記録済み）")

        // Accepted: RMS's values, those the CSV changed only.
        _ = try store.apply(AcceptRMSChangesAction(), to: [differing.number])
        let accepted = try #require(try store.order(OrderNumber(api.orderNumber)))
        #expect(accepted.packages[1].destination.city == "札幌市中央区" && accepted.fees.cashOnDelivery == .yen(440))
        #expect(accepted.packages[0].destination == differing.packages[0].destination && accepted.fees.shipping == differing.fees.shipping)
        #expect(accepted.payment.methodName == "代金引換")
    }

    @Test("an order from the CSV, read from RMS by the API: RMS's copy fills it (an API order from then on), the parcels typed here stay")
    func filledByTheAPI() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try OrderStore(path: directory.file("csv.sqlite"))
        let model = try #require(Self.models(10, seed: 3).first { $0.orderProgress == 300 })
        let path = directory.file("one.csv")
        try Data(try Self.cp932(RMSOrderCSVSample.text([model]))).write(to: URL(fileURLWithPath: path))
        _ = try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
        let number = OrderNumber(model.orderNumber)
        #expect(try store.order(number)?.origin == .csvImport)
        #expect(try store.openRakutenOrders(since: Date(timeIntervalSince1970: 0)).contains(number), "read again by the worker")
        let basket = model.packageModelList[0].basketId
        _ = try store.addParcel(to: number, basketID: basket, carrier: Carrier(code: "1001"), trackingNumber: "123456789013",
                                shippedOn: CalendarDate(year: 2026, month: 12, day: 7)!)
        try store.recordRMSCopies([OrderStore.RMSCopy(model: model, rawJSON: Array(try OrderedJSONEncoder().encode(model)))], action: .event(.rmsWatch))
        let filled = try #require(try store.order(number))
        #expect(filled.origin == .rakutenAPI)
        #expect(filled.parcels.map(\.trackingNumber) == ["123456789013"])
        #expect(try store.rawJSON(of: number) != nil)
    }
}
