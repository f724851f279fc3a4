import Foundation
import OrderEngine
import TOMLKit

/// An order taken by phone, FAX or at the counter, written for `juchu order new` as TOML or JSON
/// (the same keys): read whole into a ``HandOrderDraft``, every key known, every value of its
/// kind. What is wrong is named with its file and key (`items[2].price`), and nothing is stored.
/// Beside config.toml and rules.toml: a file the shop writes, read with the same TOML checks and
/// messages (``ConfigError``).
public enum HandOrderFile {
    /// A full example (`juchu order new --example`): every key the file may have.
    public static let example = """
        # juchu order new この.toml — 電話・FAX・店舗などで受けた注文
        channel = "電話"                      # [orders] channels のどれか
        ordered_at = "2026-12-06 10:30"       # 注文日時（日本時間）
        payment_method = "代金引換"            # [orders] payment_methods のどれか
        delivery_method = "宅配便"             # [shop] delivery_methods のどれか
        delivery_date = "2026-12-12"          # お届け日（なければ省く）
        delivery_time = "1416"                # お届け時間帯: 0 なし・1 午前・2 午後・9 その他・1416 のように
        shipping_fee = 800                    # 送料（円）
        cod_fee = 330                         # 代引手数料（代金引換では必須）
        payment_charge = 0                    # 決済手数料など
        remarks = "不在時は宅配ボックスへ"       # 備考（お客様から）
        memo = "電話で受付（山田）"              # ひとことメモ（店舗用）

        [buyer]                               # 注文者。[destination] がなければ送付先も
        name = "電話 花子"                     # 姓と名の間に空白
        kana = "デンワ ハナコ"
        zip = "100-0001"
        prefecture = "東京都"
        city = "千代田区"
        address = "千代田1-1"
        phone = "03-1234-5678"                # 電話番号かメールアドレスのどちらかは必須
        email = "hanako@example.jp"

        [destination]                         # 送付先（注文者と同じなら省く）
        name = "受取 太郎"
        kana = "ウケトリ タロウ"
        zip = "530-0001"
        prefecture = "大阪府"
        city = "大阪市北区"
        address = "梅田1-1-1"
        phone = "06-1234-5678"

        [[items]]
        manage_number = "rice-5kg"            # 商品管理番号（なければ省く）
        name = "新米 コシヒカリ 5kg"
        choice = "精米:白米"                   # 項目・選択肢
        price = 3240                          # 単価（円）
        units = 2
        tax_rate = 8                          # 8 か 10（%）
        tax_included = true                   # 税込（false で税別）

        [[items]]
        name = "風呂敷"
        price = 1100
        units = 1
        tax_rate = 10

        """

    static let keys: Set<String> = [
        "channel", "ordered_at", "payment_method", "delivery_method", "delivery_date", "delivery_time", "shipping_fee", "cod_fee",
        "payment_charge", "remarks", "memo", "buyer", "destination", "items",
    ]
    static let personKeys: Set<String> = ["name", "kana", "zip", "prefecture", "city", "address", "phone", "email"]
    static let itemKeys: Set<String> = ["manage_number", "name", "choice", "price", "units", "tax_rate", "tax_included"]

    /// The draft `path` holds: JSON when its name ends in `.json` or its text begins with `{`,
    /// TOML otherwise.
    public static func load(path: String) throws(ConfigError) -> HandOrderDraft {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(file: path, key: nil, problem: "読めません: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: nil, problem: "UTF-8 で書かれていません（Shift_JIS などは UTF-8 にしてから）")
        }
        let isJSON = path.lowercased().hasSuffix(".json") || text.drop(while: \.isWhitespace).hasPrefix("{")
        return try isJSON ? readJSON(text, file: path) : readTOML(text, file: path)
    }

    public static func readTOML(_ text: String, file: String) throws(ConfigError) -> HandOrderDraft {
        try read(Value(toml: try ConfigError.table(of: text, file: file)), file: file)
    }

    public static func readJSON(_ text: String, file: String) throws(ConfigError) -> HandOrderDraft {
        let value: Value
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            // The place, when inside; the parser's own words (line, column) when the text itself is wrong.
            let said = [context.debugDescription, context.underlyingError.map { "\($0)" }].compactMap { $0 }.joined(separator: ": ")
            if context.codingPath.isEmpty { throw ConfigError(file: file, key: nil, problem: "JSONとして読めません: \(said)") }
            throw ConfigError(file: file, key: key(context.codingPath), problem: said)
        } catch {
            throw ConfigError(file: file, key: nil, problem: "JSONとして読めません: \(error)")
        }
        return try read(value, file: file)
    }

    /// A place in the JSON as the messages name keys: `items[2].price`.
    static func key(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index + 1)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// A TOML or JSON value, so that both are read by one reader.
    enum Value: Decodable {
        case text(String), integer(Int), number(Double), bool(Bool), table([String: Value]), array([Value])

        init(toml table: TOMLTable) {
            var values: [String: Value] = [:]
            for (key, value) in table { values[key] = Value(toml: value) }
            self = .table(values)
        }

        init(toml value: any TOMLValueConvertible) {
            if let table = value.table {
                self.init(toml: table)
            } else if let array = value.array {
                self = .array(array.map { Value(toml: $0) })
            } else if let bool = value.bool {
                self = .bool(bool)
            } else if let integer = value.int {
                self = .integer(integer)
            } else if let double = value.double {
                self = .number(double)
            } else {
                self = .text(value.string ?? "\(value)")
            }
        }

        /// A JSON value: true and false are booleans, never 1 and 0; a whole number is an integer;
        /// null is refused (a key is left out instead). Each kind is tried in turn: only a kind
        /// that does not fit here passes to the next; what goes wrong inside an array or object
        /// is thrown with its own place.
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "null は使えません（値がなければ項目ごと省いてください）")
            }
            func here(_ context: DecodingError.Context) -> Bool { context.codingPath.count == decoder.codingPath.count }
            do {
                self = .bool(try container.decode(Bool.self))
                return
            } catch DecodingError.typeMismatch(_, let context) where here(context) {}
            do {
                // A number is read as a Double (JSONDecoder says a fraction asked as an Int is
                // invalid JSON, with no place), then kept as an integer when it is a whole one.
                let number = try container.decode(Double.self)
                if number.rounded() == number, let integer = Int(exactly: number) { self = .integer(integer) } else { self = .number(number) }
                return
            } catch DecodingError.typeMismatch(_, let context) where here(context) {}
            do {
                self = .text(try container.decode(String.self))
                return
            } catch DecodingError.typeMismatch(_, let context) where here(context) {}
            do {
                self = .array(try container.decode([Value].self))
                return
            } catch DecodingError.typeMismatch(_, let context) where here(context) {}
            self = .table(try container.decode([String: Value].self))
        }
    }

    static func read(_ root: Value, file: String) throws(ConfigError) -> HandOrderDraft {
        func fail(_ key: String, _ problem: String) -> ConfigError { ConfigError(file: file, key: key, problem: problem) }
        func table(_ value: Value, _ key: String, known: Set<String>) throws(ConfigError) -> [String: Value] {
            guard case .table(let values) = value else { throw fail(key, "表でなければなりません") }
            let prefix = key.isEmpty ? "" : key + "."
            for name in values.keys.sorted() where !known.contains(name) {
                throw fail(prefix + name, "不明な項目です（使えるのは \(known.sorted().joined(separator: ", "))）")
            }
            return values
        }
        func text(_ values: [String: Value], _ name: String, in key: String) throws(ConfigError) -> String {
            switch values[name] {
            case nil: return ""
            case .text(let text)?: return text
            case .integer(let integer)?: return String(integer)
            default: throw fail(key + name, "文字列で書いてください")
            }
        }
        func integer(_ values: [String: Value], _ name: String, in key: String) throws(ConfigError) -> Int? {
            switch values[name] {
            case nil: return nil
            case .integer(let integer)?: return integer
            default: throw fail(key + name, "整数（円・個・%）で書いてください")
            }
        }
        func person(_ value: Value, _ key: String) throws(ConfigError) -> HandOrderDraft.Person {
            let values = try table(value, key, known: personKeys)
            var person = HandOrderDraft.Person()
            let prefix = key + "."
            person.name = try text(values, "name", in: prefix)
            person.kana = try text(values, "kana", in: prefix)
            person.zip = try text(values, "zip", in: prefix)
            person.prefecture = try text(values, "prefecture", in: prefix)
            person.city = try text(values, "city", in: prefix)
            person.address = try text(values, "address", in: prefix)
            person.phone = try text(values, "phone", in: prefix)
            person.email = try text(values, "email", in: prefix)
            return person
        }

        let values = try table(root, "", known: keys)
        var draft = HandOrderDraft()
        draft.channel = try text(values, "channel", in: "")
        draft.orderedAt = try text(values, "ordered_at", in: "")
        draft.paymentMethod = try text(values, "payment_method", in: "")
        draft.deliveryMethod = try text(values, "delivery_method", in: "")
        draft.deliveryDate = try text(values, "delivery_date", in: "")
        draft.deliveryTime = try text(values, "delivery_time", in: "")
        draft.shippingFee = try integer(values, "shipping_fee", in: "")
        draft.codFee = try integer(values, "cod_fee", in: "")
        draft.paymentCharge = try integer(values, "payment_charge", in: "")
        draft.remarks = try text(values, "remarks", in: "")
        draft.memo = try text(values, "memo", in: "")
        guard let buyer = values["buyer"] else { throw fail("buyer", "注文者（[buyer]）を書いてください") }
        draft.buyer = try person(buyer, "buyer")
        if let destination = values["destination"] { draft.destination = try person(destination, "destination") }
        switch values["items"] {
        case nil: break
        case .array(let lines)?:
            for (index, line) in lines.enumerated() {
                let key = "items[\(index + 1)]"
                let fields = try table(line, key, known: itemKeys)
                var item = HandOrderDraft.Line()
                item.manageNumber = try text(fields, "manage_number", in: key + ".")
                item.name = try text(fields, "name", in: key + ".")
                item.choice = try text(fields, "choice", in: key + ".")
                item.price = try integer(fields, "price", in: key + ".")
                item.units = try integer(fields, "units", in: key + ".") ?? 1
                item.taxRate = try integer(fields, "tax_rate", in: key + ".")
                switch fields["tax_included"] {
                case nil: break
                case .bool(let included)?: item.taxIncluded = included
                default: throw fail(key + ".tax_included", "true（税込）か false（税別）で書いてください")
                }
                draft.items.append(item)
            }
        default: throw fail("items", "[[items]] の表の並びでなければなりません")
        }
        return draft
    }
}
