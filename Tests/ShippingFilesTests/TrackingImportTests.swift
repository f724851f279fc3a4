import Foundation
import OrderEngine
import ShippingFiles
import Testing
import TestSupport

@Suite("荷物番号の取り込み: the carriers' files back, matched by shipment key or order number, every row accounted for")
struct TrackingImportTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    /// The label file `format` makes for `orders`, and the keys it gave (J261204000001, …).
    static func labels(_ format: LabelFormat, for orders: [Order]) -> (LabelFile, [String: [ShipmentTarget]]) {
        var keys: [String: [ShipmentTarget]] = [:]
        let labels = LabelWriter(format: format, sender: LabelFileTests.sender, today: today).file(for: orders) { parcels in
            parcels.map { parcel in
                let key = "J261204\(String(format: "%06d", keys.count + 1))"
                keys[key] = parcel
                return key
            }
        }
        return (labels, keys)
    }

    /// B2's 発行済データ as the test makes it from a label file: the same layout, 伝票番号 filled.
    static func issued(from labels: LabelFile, numbers: [String]) -> [UInt8] {
        var text = ""
        let lines = String(data: Data(labels.bytes()), encoding: .shiftJIS)!.components(separatedBy: "\r\n").dropLast()
        for (index, line) in lines.enumerated() {
            var fields = line.components(separatedBy: ",")
            if index > 0 { fields[3] = numbers[index - 1] }
            text += fields.joined(separator: ",") + "\r\n"
        }
        return Array(text.data(using: .shiftJIS)!)
    }

    @Test("labels out, B2's issued file back: each row matched to its order's basket by its key; the same file again changes nothing")
    func roundTrip() throws {
        var orders = (1...3).map { OrderFixtures.confirmed($0) }
        orders[2].packages.append(Package(basketID: 99_001, destination: OrderFixtures.otherPerson, items: orders[2].packages[0].items,
                                          postage: .yen(0), cashOnDeliveryFee: .zero))
        let (labels, keys) = TrackingImportTests.labels(.yamatoB2, for: orders)
        #expect(labels.rows.count == 4)
        let numbers = (1...4).map(ShippingNumbers.valid)
        let read = try TrackingFileReader.read(Self.issued(from: labels, numbers: numbers))
        #expect(read.format == .yamatoB2 && read.encoding == .cp932 && read.rows.count == 4)
        let byNumber = Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) })
        let matched = TrackingImport(rows: read.rows, orders: byNumber, keys: keys, today: Self.today)
        #expect(matched.refused.isEmpty, "\(matched.refused)")
        #expect(matched.additions.map(\.parcel.trackingNumber) == numbers)
        #expect(matched.additions.map(\.parcel.basketID) == labels.rows.map { $0.targets[0].basketID })
        #expect(matched.additions.allSatisfy { $0.parcel.carrier == Carrier(code: "1001") && $0.parcel.shippedOn == Self.today })
        #expect(matched.lines.map(\.line) == [2, 3, 4, 5])

        var imported = byNumber
        for addition in matched.additions { imported[addition.order] = try imported[addition.order]!.addingParcel(addition.parcel) }
        let again = TrackingImport(rows: read.rows, orders: imported, keys: keys, today: Self.today)
        #expect(again.additions.isEmpty && again.refused.isEmpty)
        #expect(again.lines.allSatisfy { if case .unchanged = $0.outcome { true } else { false } })
    }

    @Test("e飛伝Ⅲ's issued data back by お客様管理番号, its number in お問い合せ送り状No. and its 出荷日; クリックポスト's list by postcode, name and address (two baskets alike are not guessed)")
    func sagawaAndClickpost() throws {
        let orders = (1...2).map { OrderFixtures.confirmed($0) }
        let (labels, keys) = TrackingImportTests.labels(.sagawaEhiden3, for: orders)
        var text = ""
        for (index, line) in String(data: Data(labels.bytes()), encoding: .shiftJIS)!.components(separatedBy: "\r\n").dropLast().enumerated() {
            var fields = line.components(separatedBy: ",")
            if index > 0 {
                fields[60] = "20261203"
                fields[61] = ShippingNumbers.valid(index)
            }
            text += fields.joined(separator: ",") + "\r\n"
        }
        let read = try TrackingFileReader.read(Array(text.data(using: .shiftJIS)!))
        #expect(read.format == .sagawaEhiden3)
        let byNumber = Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) })
        let sagawa = TrackingImport(rows: read.rows, orders: byNumber, keys: keys, today: Self.today)
        #expect(sagawa.refused.isEmpty && sagawa.additions.count == 2)
        #expect(sagawa.additions.allSatisfy { $0.parcel.carrier == Carrier(code: "1002") && $0.parcel.shippedOn == CalendarDate(year: 2026, month: 12, day: 3) })

        var other = OrderFixtures.confirmed(3, orderer: OrderFixtures.otherPerson)
        other.packages[0].destination = OrderFixtures.otherPerson
        let all = orders + [other]
        let clickLabels = LabelWriter(format: .clickpost, sender: LabelFileTests.sender, today: Self.today).file(for: all) { $0.map { _ in "" } }
        var list = "追跡番号,お届け先郵便番号,お届け先氏名,お届け先住所1行目,お届け先住所2行目,お届け先住所3行目,お届け先住所4行目\r\n"
        for (index, row) in clickLabels.rows.enumerated() {
            list += ([ShippingNumbers.valid(10 + index), row.fields[0], row.fields[1]] + row.fields[3...6]).joined(separator: ",") + "\r\n"
        }
        let clickRead = try TrackingFileReader.read(Array(list.data(using: .shiftJIS)!))
        #expect(clickRead.format == .clickpost)
        let matched = TrackingImport(rows: clickRead.rows, orders: Dictionary(uniqueKeysWithValues: all.map { ($0.number, $0) }), keys: [:], today: Self.today)
        #expect(matched.lines.map(\.outcome.label) == ["不一致", "不一致", "照合"], "\(matched.lines.map(\.outcome.text))")
        #expect(matched.lines[0].outcome.text.contains("2件"))
        #expect(matched.additions.first?.order == other.number && matched.additions.first?.parcel.carrier == Carrier(code: "1003"))
    }

    @Test("ゆうプリR's 発送履歴 back: by お客様側管理番号 under its 6-column header, or its export without a header; our own label file is told apart")
    func yupriHistory() throws {
        let orders = (1...2).map { OrderFixtures.confirmed($0) }
        let (labels, keys) = TrackingImportTests.labels(.japanpostYupri, for: orders)
        let byNumber = Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) })
        var history = "お客様側管理番号,お問い合わせ番号,仮引受確定作業年月日,配送完了作業年月日,配達ステータス集約コード,配達ステータス明細コード\r\n"
        history += "\(labels.rows[0].key),\(ShippingNumbers.valid(1)),20261203,,10,0A\r\n"
        history += "\(labels.rows[1].key),\(ShippingNumbers.valid(2)),,,10,0A\r\n"
        let read = try TrackingFileReader.read(Array(history.data(using: .shiftJIS)!))
        #expect(read.format == .japanpostYupri && read.encoding == .cp932)
        let matched = TrackingImport(rows: read.rows, orders: byNumber, keys: keys, today: Self.today)
        #expect(matched.refused.isEmpty, "\(matched.refused)")
        #expect(matched.additions.map(\.parcel.trackingNumber) == [ShippingNumbers.valid(1), ShippingNumbers.valid(2)])
        #expect(matched.additions.map(\.parcel.shippedOn) == [CalendarDate(year: 2026, month: 12, day: 3), Self.today])
        #expect(matched.additions.allSatisfy { $0.parcel.carrier == Carrier(code: "1003") })

        let export = labels.rows.enumerated().map { index, row in
            "\(row.key),\(ShippingNumbers.valid(3 + index)),,20261204,\(row.fields[12]),\(row.fields[13])\r\n"
        }.joined()
        let exported = try TrackingFileReader.read(Array(export.data(using: .shiftJIS)!))
        #expect(exported.format == .japanpostYupri && exported.rows.map(\.line) == [1, 2])
        let again = TrackingImport(rows: exported.rows, orders: byNumber, keys: keys, today: Self.today)
        #expect(again.additions.count == 2 && again.additions.allSatisfy { $0.parcel.shippedOn == Self.today })

        #expect(throws: FileFormatError.self) { try TrackingFileReader.read(labels.bytes()) }
        do {
            _ = try TrackingFileReader.read(labels.bytes())
        } catch {
            #expect(error.description.contains("発送履歴を出力して"))
        }
    }

    @Test("a generic CSV in UTF-8 with a BOM, by order number: unknown orders, bad check digits, duplicates and conflicts refused with their lines")
    func genericRefusals() throws {
        var orders = (1...4).map { OrderFixtures.confirmed($0) }
        orders[3].parcels = [Parcel(basketID: orders[3].packages[0].basketID, carrier: Carrier(code: "1001"),
                                    trackingNumber: ShippingNumbers.valid(90), shippedOn: Self.today)]
        let bad = ShippingNumbers.valid(7).dropLast() + String((Int(String(ShippingNumbers.valid(7).last!))! + 1) % 10)
        let csv = """
            注文番号,荷物番号,配送会社,発送日
            \(orders[0].number),\(ShippingNumbers.valid(1)),ヤマト運輸,2026/12/03
            \(orders[1].number),\(bad),1001,
            999999-20261204-0000000000,\(ShippingNumbers.valid(3)),1001,
            \(orders[2].number),\(ShippingNumbers.valid(1)),1001,
            \(orders[3].number),\(ShippingNumbers.valid(5)),1001,
            \(orders[2].number),\(ShippingNumbers.valid(6)),佐川,

            """
        let read = try TrackingFileReader.read([0xEF, 0xBB, 0xBF] + Array(csv.utf8))
        #expect(read.format == .generic && read.encoding == .utf8BOM)
        let matched = TrackingImport(rows: read.rows, orders: Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) }), keys: [:], today: Self.today)
        let outcomes = matched.lines.map { "\($0.line) \($0.outcome.label)" }
        #expect(outcomes == ["2 照合", "3 不正", "4 不一致", "5 重複", "6 競合", "7 不正"], "\(matched.lines.map(\.outcome.text))")
        #expect(matched.lines[1].outcome.text.contains("7で割った余り"))
        #expect(matched.lines[3].outcome == .duplicate(firstLine: 2))
        #expect(matched.lines[5].outcome.text.contains("佐川"))
        #expect(matched.additions.first?.parcel.shippedOn == CalendarDate(year: 2026, month: 12, day: 3))
    }

    @Test("files that cannot be read are refused with what and where: wrong encoding, no tracking column, an open quote, nothing in it")
    func unreadable() {
        #expect(throws: FileFormatError.self) { try TrackingFileReader.read([0x82, 0xFF, 0xFF, 0x0A]) }
        #expect { try TrackingFileReader.read(Array("注文番号,配送会社\n1,1001\n".utf8)) } throws: {
            ($0 as? FileFormatError)?.line == 1
        }
        #expect { try TrackingFileReader.read(Array("注文番号,荷物番号\n\"1,2\n".utf8)) } throws: {
            ($0 as? FileFormatError)?.description.contains("引用符") == true
        }
        #expect(throws: FileFormatError.self) { try TrackingFileReader.read([]) }
        #expect(throws: FileFormatError.self) { try TrackingFileReader.read(Array("注文番号,荷物番号\n".utf8), encoding: .cp932) }
    }

    @Test("tracking numbers: hyphens, spaces and full-width digits normalised; the 12-digit check digit of ヤマト・佐川・日本郵便; other carriers' own forms kept")
    func numbers() throws {
        let valid = ShippingNumbers.valid(42)
        let yamato = Carrier(code: "1001")
        #expect(try TrackingNumber.normalized("\(valid.prefix(4))-\(valid.dropFirst(4).prefix(4))-\(valid.suffix(4))", carrier: yamato) == valid)
        let fullWidth = String(valid.map { Character(Unicode.Scalar($0.unicodeScalars.first!.value + 0xFEE0)!) })
        #expect(try TrackingNumber.normalized(fullWidth, carrier: yamato) == valid)
        #expect(throws: ActionInputError.self) { try TrackingNumber.normalized("123456789012", carrier: yamato) }
        #expect(try TrackingNumber.normalized("EF719215461JP", carrier: Carrier(code: "1017")) == "EF719215461JP")
        #expect(throws: ActionInputError.self) { try TrackingNumber.normalized("12|34", carrier: nil) }
        #expect(TrackingNumber.passesCheckDigit("123456789015") == (12_345_678_901 % 7 == 5))
    }
}

@Suite("CSV as the carriers write it")
struct CSVTests {
    @Test("quoted fields with commas, quotes and line breaks; CRLF or LF; a last line without its break; a blank line kept as one (every line accounted for); each record's line")
    func records() throws {
        let text = "a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",,\r\nlast,行"
        let records = try CSV.records(text)
        #expect(records.map(\.fields) == [["a", "b,1", "say \"hi\""], [""], ["two\nlines", "", ""], ["last", "行"]])
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(try CSV.records("x,\n").map(\.fields) == [["x", ""]])
        #expect(try CSV.records("").isEmpty)
        let line = CSV.line(["a", "b,1", "say \"hi\"", "東京"])
        #expect(try CSV.records(line).first?.fields == ["a", "b,1", "say \"hi\"", "東京"])
    }


    @Test("one writer for every file: a field holding CR LF (one Character in Swift) is quoted whole; a formula a spreadsheet would run gets OWASP's '; a whole number stays a number")
    func writing() throws {
        #expect(CSV.line(["中村\r\n一郎", "a\rb", "x\ny"]) == "\"中村\r\n一郎\",\"a\rb\",\"x\ny\"")
        #expect(try CSV.records(CSV.line(["中村\r\n一郎", "東京"])).map(\.fields) == [["中村\r\n一郎", "東京"]], "one record, not two")
        #expect(CSV.line(["=1+2", "+81", "-2+3", "@SUM(A1)", "\tx", "-500", "+3", "=A1,\"b\""]) == "'=1+2,+81,'-2+3,'@SUM(A1),'\tx,-500,+3,\"'=A1,\"\"b\"\"\"")
    }
}

@Suite("荷物番号の取り込み: every line of a carrier's file accounted for; a bundle's number on every member")
struct TrackingFileAccountingTests {
    static let today = TrackingImportTests.today

    @Test("B2's 発行済データ saved without its header: recognised by what its first line holds, all 28 lines matched (none lost)")
    func headerless() throws {
        let orders = (1...28).map { OrderFixtures.confirmed($0) }
        let (labels, keys) = TrackingImportTests.labels(.yamatoB2, for: orders)
        let issued = TrackingImportTests.issued(from: labels, numbers: (1...28).map(ShippingNumbers.valid))
        let text = String(data: Data(issued), encoding: .shiftJIS)!
        let withoutHeader = text.components(separatedBy: "\r\n").dropFirst().joined(separator: "\r\n")
        let read = try TrackingFileReader.read(Array(withoutHeader.data(using: .shiftJIS)!))
        #expect(read.format == .yamatoB2 && !read.hasHeader && read.dataLines == 28)
        #expect(read.rows.map(\.line) == Array(1...28))
        let matched = TrackingImport(rows: read.rows, orders: Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) }), keys: keys, today: Self.today)
        #expect(matched.refused.isEmpty && matched.additions.count == 28)

        let withHeader = try TrackingFileReader.read(issued)
        #expect(withHeader.hasHeader && withHeader.rows.map(\.line) == Array(2...29))
    }

    @Test("B2 said by the operator, saved without its header, its first line odd (an 11-digit 伝票番号): that line is read as data and refused, not dropped as a header")
    func headerlessOddFirstLine() throws {
        let orders = (1...3).map { OrderFixtures.confirmed($0) }
        let (labels, keys) = TrackingImportTests.labels(.yamatoB2, for: orders)
        let numbers = [String(ShippingNumbers.valid(1).dropLast())] + (2...3).map(ShippingNumbers.valid)
        let text = String(data: Data(TrackingImportTests.issued(from: labels, numbers: numbers)), encoding: .shiftJIS)!
        let withoutHeader = text.components(separatedBy: "\r\n").dropFirst().joined(separator: "\r\n")
        let read = try TrackingFileReader.read(Array(withoutHeader.data(using: .shiftJIS)!), format: .yamatoB2)
        #expect(!read.hasHeader && read.dataLines == 3 && read.rows.map(\.line) == [1, 2, 3])
        let matched = TrackingImport(rows: read.rows, orders: Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) }), keys: keys, today: Self.today)
        #expect(matched.lines.map(\.outcome.label) == ["不正", "照合", "照合"], "\(matched.lines.map(\.outcome.text))")
        #expect(matched.lines[0].outcome.text.contains("11桁"))
    }

    @Test("the files of one import matched together: the same number to the same order in two files is entered once; a number given to another order, in another file or in the store, and a second number for a basket (a label issued again) are refused as 競合")
    func filesTogether() throws {
        let orders = (1...4).map { OrderFixtures.confirmed($0) }
        func csv(_ rows: [(Order, String)]) throws -> [TrackingRow] {
            try TrackingFileReader.read(Array(("注文番号,荷物番号,配送会社\n" + rows.map { "\($0.0.number),\($0.1),1001\n" }.joined()).utf8)).rows
        }
        let n = (1...9).map(ShippingNumbers.valid)
        let first = try csv([(orders[0], n[0]), (orders[1], n[1]), (orders[2], n[8])])
        let second = try csv([(orders[0], n[0]), (orders[2], n[1]), (orders[1], n[4]), (orders[3], n[5]), (orders[3], n[5])])
        let matched = TrackingImport.matching(
            [(name: "b2-1.csv", rows: first), (name: "b2-2.csv", rows: second)],
            orders: Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0) }), keys: [:], today: Self.today,
            inUse: [n[8]: [orders[3].number]])
        #expect(matched[0].lines.map(\.outcome.label) == ["照合", "照合", "競合"], "\(matched[0].lines.map(\.outcome.text))")
        #expect(matched[0].lines[2].outcome.text.contains("別の注文 \(orders[3].number)"))
        #expect(matched[1].lines.map(\.outcome.label) == ["入力済み", "競合", "競合", "照合", "重複"], "\(matched[1].lines.map(\.outcome.text))")
        #expect(!matched[1].lines[0].outcome.isRefused && matched[1].lines[0].outcome.text.contains("b2-1.csv 2行目"))
        #expect(matched[1].lines[1].outcome.text.contains("b2-1.csv 3行目") && matched[1].lines[1].outcome.text.contains(orders[1].number.rawValue))
        #expect(matched[1].lines[2].outcome.text.contains("別の荷物番号 \(n[1])"))
        #expect(matched[1].lines[4].outcome == .duplicate(firstLine: 5), "within one file, as before")
        #expect((matched[0].additions + matched[1].additions).map(\.parcel.trackingNumber) == [n[0], n[1], n[5]], "each number once")
    }

    @Test("every line is listed: a blank line and a line with nothing to match ignored with why, so lines listed = data lines read")
    func ignored() throws {
        let order = OrderFixtures.confirmed(1)
        let csv = "注文番号,荷物番号\r\n\(order.number),\(ShippingNumbers.valid(1))\r\n\r\n,\r\n\(order.number),\(ShippingNumbers.valid(2))\r\n"
        let read = try TrackingFileReader.read(Array(csv.utf8))
        #expect(read.rows.map(\.line) == [2, 5] && read.ignored.map(\.line) == [3, 4] && read.dataLines == 4)
        #expect(read.ignored.map(\.reason) == ["空行", "空行"])
    }

    @Test("a bundle's key names every member's basket: its number lands on each; by order number or by addressee, a bundled order brings its members; a member that has it already is not written twice")
    func bundle() throws {
        let bundle = BundleID("B-1")
        var a = OrderFixtures.confirmed(1)
        a.bundleID = bundle
        var b = OrderFixtures.confirmed(2)
        b.bundleID = bundle
        let targets = [a, b].map { ShipmentTarget(order: $0.number, basketID: $0.packages[0].basketID) }
        let orders = Dictionary(uniqueKeysWithValues: [a, b].map { ($0.number, $0) })
        let number = ShippingNumbers.valid(3)
        let byKey = TrackingImport(
            rows: [TrackingRow(line: 2, key: "J261204000001", orderNumber: nil, trackingNumber: number, carrier: Carrier(code: "1001"), shippedOn: nil, problem: nil)],
            orders: orders, keys: ["J261204000001": targets], today: Self.today)
        #expect(byKey.lines.count == 1 && byKey.additions.map(\.order) == [a.number, b.number])
        #expect(byKey.additions.map(\.parcel.basketID) == targets.map(\.basketID))
        #expect(byKey.lines[0].outcome.text.contains("同梱"))

        var entered = orders
        entered[a.number] = try a.addingParcel(Parcel(basketID: targets[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: number, shippedOn: Self.today))
        let byNumber = TrackingImport(
            rows: [TrackingRow(line: 2, key: nil, orderNumber: a.number.rawValue, trackingNumber: number, carrier: Carrier(code: "1001"), shippedOn: nil, problem: nil)],
            orders: entered, keys: [:], today: Self.today)
        #expect(byNumber.additions.map(\.order) == [b.number], "the member that has it is left")

        let recipient = TrackingRecipient(zipCode: a.packages[0].destination.zipCode, name: a.packages[0].destination.fullName,
                                          address: a.packages[0].destination.prefecture + a.packages[0].destination.city + a.packages[0].destination.subAddress)
        var row = TrackingRow(line: 2, key: nil, orderNumber: nil, trackingNumber: number, carrier: Carrier(code: "1003"), shippedOn: nil, problem: nil)
        row.recipient = recipient
        let byAddress = TrackingImport(rows: [row], orders: orders, keys: [:], today: Self.today)
        #expect(byAddress.additions.map(\.order) == [a.number, b.number], "\(byAddress.lines.map(\.outcome.text))")
    }
}
