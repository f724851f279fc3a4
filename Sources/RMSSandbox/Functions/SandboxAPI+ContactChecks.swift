import OrderEngine
import RakutenPay

/// RMS's checks of a name and address sent back to it (SenderModel, OrdererModel): the postcode
/// in 3 + 4 digits, a 都道府県 RMS knows, a family name, the lengths Juchu's engine holds too
/// (``DetailLimits``: RMS does not document them for the API), kana in katakana, and a phone of
/// 10 or 11 digits.
extension RequestChecker {
    mutating func checkContact(
        _ prefix: String, zip1: String, zip2: String, prefecture: String, city: String, subAddress: String,
        familyName: String, firstName: String?, kana: [String?], phones: [String?]
    ) {
        if zip1.count != 3 || zip2.count != 4 || !(zip1 + zip2).allSatisfy({ $0.isASCII && $0.isNumber }) { badFormat("\(prefix).zipCode1") }
        if !DetailLimits.prefectures.contains(prefecture) { badFormat("\(prefix).prefecture") }
        if familyName.isEmpty { fail("010", "\(prefix).familyNameの値を指定して下さい。") }
        if city.isEmpty { fail("010", "\(prefix).cityの値を指定して下さい。") }
        if subAddress.isEmpty { fail("010", "\(prefix).subAddressの値を指定して下さい。") }
        if familyName.count > DetailLimits.name || (firstName ?? "").count > DetailLimits.name {
            fail("012", "\(prefix)の氏名は\(DetailLimits.name)文字以内で指定して下さい。")
        }
        if city.count > DetailLimits.city || subAddress.count > DetailLimits.subAddress { fail("012", "\(prefix)の住所が長すぎます。") }
        for text in kana.compactMap({ $0 }) where !text.unicodeScalars.allSatisfy({ (0x30A0...0x30FF).contains($0.value) || $0 == " " || $0 == "\u{3000}" }) {
            badFormat("\(prefix).familyNameKana")
            break
        }
        let digits = phones.compactMap { $0 }.joined()
        if !(10...11).contains(digits.count) || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) { badFormat("\(prefix).phoneNumber1") }
    }
}
