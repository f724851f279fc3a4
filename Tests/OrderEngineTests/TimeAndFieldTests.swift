import Foundation
import OrderEngine
import Testing
import TestSupport

@Suite("Japan time and journalled fields")
struct TimeAndFieldTests {
    @Test("instants read in JST, whatever the machine's zone")
    func japanTime() {
        // 2026-11-22T15:05:09Z is 2026-11-23 00:05:09 in Japan.
        let time = JapanTime(Date(timeIntervalSince1970: 1_795_359_909))
        #expect(time.dateText == "2026-11-23")
        #expect(time.timeText == "00:05:09")
        #expect(time.fileStamp == "20261123-000509")
        #expect(time.shortText == "11/23 00:05")
    }

    @Test("civil dates round-trip through day numbers", arguments: [(1970, 1, 1), (2000, 2, 29), (2026, 11, 22), (2100, 12, 31)])
    func civil(year: Int, month: Int, day: Int) {
        let days = CivilDate.days(year: year, month: month, day: day)
        #expect(CivilDate.date(days: days) == (year, month, day))
    }

    @Test("only real dates are valid")
    func validity() {
        #expect(CivilDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2026, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2026, month: 13, day: 1))
        #expect(!CivilDate.isValid(year: 2026, month: 4, day: 31))
    }

    @Test("a field written back restores the order (what undo relies on)")
    func setBack() throws {
        let before = OrderFixtures.order()
        var after = before
        after.sync = .confirmSending
        after.fees.shipping = .unset
        after.bundleID = BundleID("B-9")
        let changes = before.changes(to: after)
        #expect(changes.map(\.field) == [.sync, .shippingFee, .bundle])
        var restored = after
        for change in changes.reversed() { try change.field.set(change.before, in: &restored) }
        #expect(restored == before)
    }

    @Test("a value of the wrong kind is refused with a message")
    func mismatch() {
        var order = OrderFixtures.order()
        #expect(throws: FieldValueMismatch.self) { try OrderField.shippingFee.set(.text("800"), in: &order) }
    }
}
