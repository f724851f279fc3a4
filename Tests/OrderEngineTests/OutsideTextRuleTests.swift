import Foundation
import OrderEngine
import Testing
import TestSupport

/// What comes from outside — a tracking number typed or read, a buyer's mail address — checked by
/// one rule on every path.
@Suite("荷物番号 per carrier, mail addresses as SMTP takes them")
struct OutsideTextRuleTests {
    @Test("a tracking number is checked by its carrier: 12 digits by 7DR for ヤマト, 佐川 and クロネコゆうパケット; 日本郵便's 12-digit, 11-digit (書留) and international (S10) numbers; EMS; others any letters and digits")
    func perCarrier() throws {
        let yamato = Carrier(code: "1001"), sagawa = Carrier(code: "1002"), post = Carrier(code: "1003"), ems = Carrier(code: "1017")
        // Numbers as the carriers issue them (tracking-numbers research: each passes its check).
        #expect(try TrackingNumber.normalized("4444-1375-8703", carrier: yamato) == "444413758703")
        #expect(try TrackingNumber.normalized("５１２５－４７５１－４３３４", carrier: sagawa) == "512547514334", "full-width and its dashes")
        #expect(try TrackingNumber.normalized("4055 4842 4886", carrier: post) == "405548424886")
        #expect(try TrackingNumber.normalized("131-12-38385-2", carrier: post) == "13112383852", "書留 (11 digits)")
        #expect(try TrackingNumber.normalized("eg725089303jp", carrier: post) == "EG725089303JP", "an international number, read in capitals")
        #expect(try TrackingNumber.normalized("EF719215461JP", carrier: ems) == "EF719215461JP")
        #expect(try TrackingNumber.normalized("AB-12 345", carrier: Carrier(code: "1004")) == "AB12345", "西濃: any letters and digits")
        #expect(try TrackingNumber.normalized(ShippingNumbers.valid(7), carrier: Carrier(code: "1030")) == ShippingNumbers.valid(7))

        for (text, carrier, words) in [
            ("abc４０００－００５５－５５５５", yamato, "英字は使えません"),
            ("4444-1375-8704", yamato, "7で割った余り"),
            ("44441375870", yamato, "11桁"),
            ("4444137587030", sagawa, "13桁"),
            ("13112383853", post, "書留"),
            ("EG725089304JP", post, "検査数字"),
            ("1234", post, "4文字"),
            ("EG725089304JP", ems, "検査数字"),
            ("4444?1375", yamato, "使えない文字「?」"),
        ] {
            #expect { try TrackingNumber.normalized(text, carrier: carrier) } throws: { error in
                (error as? ActionInputError)?.description.contains(words) == true
            }
        }
    }

    @Test("a parcel's carrier changed alone is checked against its number: ヤマト's 12 digits are not an EMS number; 西濃 takes them")
    func carrierChangedAlone() throws {
        var order = OrderFixtures.confirmed(1)
        let number = ShippingNumbers.valid(3)
        order = try order.addingParcel(Parcel(basketID: order.packages[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: number,
                                              shippedOn: CalendarDate(year: 2026, month: 12, day: 4)))
        #expect { try order.amendingParcel(number, carrier: Carrier(code: "1017"), trackingNumber: nil, shippedOn: nil) } throws: { error in
            (error as? ActionInputError)?.description.contains("EMS") == true
        }
        let seino = try order.amendingParcel(number, carrier: Carrier(code: "1004"), trackingNumber: nil, shippedOn: nil)
        #expect(seino.parcels[0].carrier == Carrier(code: "1004") && seino.parcels[0].trackingNumber == number)
    }

    @Test("a buyer's address goes into SMTP only when it is one (RFC 5321): no CR, LF or control, one @, a dot-atom before it, a domain after it, the lengths")
    func addresses() {
        for good in ["buyer@pc.fw.rakuten.ne.jp", "a.b+c@dm.fw.rakuten.ne.jp", "shop@example.jp", "x@a-b.co.jp"] {
            #expect(EmailAddress.problem(good) == nil, "\(good)")
        }
        let bad: [(String, String)] = [
            ("buyer@pc.fw.rakuten.ne.jp>\r\nRCPT TO:<someone@example.com", "改行"),
            ("", "空"), ("a b@example.jp", "空白"), ("名前@example.jp", "半角"), ("a@b@example.jp", "2個"), ("a.example.jp", "0個"),
            (".a@example.jp", "「.」"), ("a..b@example.jp", "「.」"), ("a@localhost", "ドメイン"), ("a@-x.jp", "ドメイン"),
            (String(repeating: "a", count: 65) + "@example.jp", "64文字"), ("a@" + String(repeating: "b", count: 250) + ".jp", "254文字"),
            ("a<b@example.jp", "使えない文字"),
        ]
        for (address, words) in bad {
            #expect(EmailAddress.problem(address)?.contains(words) == true, "\(address.debugDescription): \(EmailAddress.problem(address) ?? "nil")")
        }
    }

    @Test("メール送信 skips a buyer whose address is not one, and a ソーシャルギフト still 入力待ち, each with the reason")
    func mailSkips() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var hostile = OrderFixtures.confirmed(1)
        hostile.orderer.emailAddress = "x@pc.fw.rakuten.ne.jp>\r\nRCPT TO:<y@example.com"
        var gift = OrderFixtures.confirmed(2)
        gift.packages[0].handling = PackageHandling(recipientInputDue: "2026-12-10")
        let plan = MailAction(template: "shipped", templateTitle: "発送メール", now: now).plan([hostile, gift, OrderFixtures.confirmed(3)])
        #expect(plan.changes.map(\.number) == [OrderFixtures.confirmed(3).number])
        #expect(plan.skips.map(\.reason) == [.invalidEmailAddress("改行・制御文字が入っています"), .giftRecipientPending(due: "2026-12-10")])
        #expect(plan.skips[1].reason.text.contains("入力待ち"))
    }
}
