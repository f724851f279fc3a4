import OrderEngine
import Testing
import TestSupport

@Suite("Money: -9999 means unset")
struct MoneyTests {
    @Test("RMS's -9999 becomes unset, and back")
    func sentinel() {
        #expect(Money(rakuten: -9999) == .unset)
        #expect(Money(rakuten: 800) == .yen(800))
        #expect(Money.unset.rakutenValue == -9999)
        #expect(Money.yen(0).rakutenValue == 0)
    }

    @Test("a sum with an unset part is unset")
    func sums() {
        #expect(Money.yen(100) + .yen(250) == .yen(350))
        #expect(Money.yen(100) + .unset == .unset)
        #expect(Money.sum([.yen(1), .yen(2), .unset]) == .unset)
        #expect(Money.yen(1000) - .yen(300) == .yen(700))
    }

    @Test("amounts read as operators write them", arguments: [
        (0, "0円"), (800, "800円"), (3980, "3,980円"), (1_234_567, "1,234,567円"), (-1200, "-1,200円"),
    ])
    func display(value: Int, text: String) {
        #expect(Money.yen(value).description == text)
    }

    @Test("an unset fee reads 未設定")
    func unsetDisplay() {
        #expect(Money.unset.description == "未設定")
    }

    @Test("an order's grand total is unset while its shipping fee is")
    func grandTotal() {
        #expect(OrderFixtures.order(shipping: .unset).grandTotal == .unset)
        #expect(OrderFixtures.order(shipping: .yen(800)).grandTotal == .yen(4780))
    }
}
