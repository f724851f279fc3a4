import Foundation
import Testing
@testable import ShippingFiles

@Suite("CP932 by table: the same bytes and characters as Foundation's converter, strict both ways")
struct CP932Tests {
    @Test("every two-byte code decodes as Foundation decodes it, and every character encodes as Foundation encodes it")
    func agreesWithFoundation() throws {
        var checked = 0
        for lead in UInt8(0x81)...0xFC where !(0xA0...0xDF).contains(lead) {
            for trail in UInt8(0x40)...0xFC where trail != 0x7F {
                let foundation = String(data: Data([lead, trail]), encoding: .shiftJIS)
                let ours = try? CP932.decode([lead, trail]).get()
                guard let foundation, foundation.unicodeScalars.count == 1, foundation != "\u{FFFD}" else {
                    #expect(ours == nil, "\(String(lead, radix: 16))\(String(trail, radix: 16)) is not CP932")
                    continue
                }
                #expect(ours == foundation)
                let encoded = try FileText.cp932(foundation).get()
                #expect(encoded == Array(foundation.data(using: .shiftJIS)!))
                checked += 1
            }
        }
        #expect(checked > 9_000)
        let text = "ｱｲｳ ﾛｯﾎﾟﾝｷﾞ 東京都①～－\\~"
        #expect(try FileText.cp932(text).get() == Array(text.data(using: .shiftJIS)!))
        #expect(try CP932.decode(Array(text.data(using: .shiftJIS)!)).get() == text)
        #expect(FileText.firstUnencodable(in: "山田𠮷子") == "𠮷")
        #expect(FileText.cp932Length("ｱｲ東京a") == 7)
    }
}
