import Foundation
import OrderEngine
import TOMLKit

/// rules.toml: the shop's routine as an ordered list of `[[rule]]`, each read and checked whole
/// before any runs — a wrong rule is refused with its file, line and what is wrong, and then no
/// rule of the file runs (half a routine would do what the shop did not write).
///
/// ```toml
/// [[rule]]
/// name = "代引は保留"              # unique; shown wherever the rule acted
/// when = "支払:代引 特記:離島"      # the search line's language
/// status = "保留"                   # set the local status
/// flags = ["要確認"]                # apply check items
/// hold = "離島の代引は送料を確認"    # stop here: no later rule, no 注文確認通知 by a rule
/// confirm = true                    # send 注文確認通知
/// bundle = true                     # 同梱 with the buyer's other open orders to the destination
/// mail = "サンクスメール"            # send a mail template (its file name or 名前)
/// stop = true                       # no later rule for this order
/// ```
/// and `carrier = "ヤマト運輸"`, `shipping_fee = 800`, `planned_shipment_date = "2026-12-10"`.
public enum RulesFile {
    /// `$XDG_CONFIG_HOME/juchu/rules.toml`.
    public static var defaultPath: String { XDGPaths.config + "/rules.toml" }

    static let keys = ["name", "when", "status", "flags", "hold", "confirm", "bundle", "mail", "stop", "carrier", "shipping_fee", "planned_shipment_date"]

    /// The rules of `path` (config.toml's `[rules] path`), or of the default file when it exists;
    /// none when there is no file at the default path.
    public static func load(path: String?, statuses: [LocalStatus], flags: [String]) throws -> (RuleSet, String) {
        let file = path ?? defaultPath
        guard FileManager.default.fileExists(atPath: file) else {
            if path != nil { throw ConfigError(file: file, key: nil, problem: "ファイルがありません") }
            return (RuleSet([]), file)
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file, key: nil, problem: "読めません: \(error.localizedDescription)")
        }
        return (try read(text, file: file, statuses: statuses, flags: flags), file)
    }

    /// Reads and checks the rules of `text`; `statuses` and `flags`: the shop's (config.toml's
    /// `[desk]`), which a rule's status and check items must be among.
    public static func read(_ text: String, file: String, statuses: [LocalStatus], flags: [String]) throws -> RuleSet {
        let table = try ConfigError.table(of: text, file: file)
        for key in table.keys where key != "rule" {
            throw ConfigError(file: file, key: key, problem: "不明な項目です（ルールは [[rule]] の表に書きます）")
        }
        guard let value = table["rule"] else { return RuleSet([]) }
        guard let list = value.array else { throw ConfigError(file: file, key: "rule", problem: "[[rule]] の表の並びでなければなりません") }
        // Where each [[rule]] begins, for messages: TOML's tables keep no lines of their own.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.trimmingCharacters(in: .whitespaces).hasPrefix("[[rule]]") }.map { $0.offset + 1 }
        var rules: [Rule] = []
        var names: [String: Int] = [:]
        for (index, entry) in list.enumerated() {
            let line = index < lines.count ? lines[index] : 0
            let place = "\(line)行目の [[rule]]"
            func fail(_ key: String?, _ problem: String) -> ConfigError {
                ConfigError(file: file, key: key.map { "\(place) \($0)" } ?? place, problem: problem)
            }
            guard let rule = entry.table else { throw fail(nil, "表でなければなりません") }
            for key in rule.keys where !keys.contains(key) {
                throw fail(key, "不明な項目です（使えるのは \(keys.joined(separator: ", "))）")
            }
            func string(_ key: String) throws -> String? {
                guard let value = rule[key] else { return nil }
                guard let text = value.string else { throw fail(key, "文字列で書いてください") }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { throw fail(key, "空です") }
                return trimmed
            }
            func bool(_ key: String) throws -> Bool {
                guard let value = rule[key] else { return false }
                guard let flag = value.bool else { throw fail(key, "true か false で書いてください") }
                return flag
            }
            guard let name = try string("name") else { throw fail("name", "ルールの名前がありません") }
            if let first = names[name] { throw fail("name", "「\(name)」は\(first)行目のルールと同じ名前です（名前は一つずつ）") }
            names[name] = line
            guard let when = try string("when") else {
                throw fail("when", "どの注文に使うか（検索と同じ書き方。例: when = \"支払:代引\"）がありません")
            }
            let query = OrderQuery(parsing: when)
            if let problem = query.problems.first { throw fail("when", problem) }
            var actions: [OrderAction] = []
            if let status = try string("status") {
                guard let chosen = statuses.first(where: { $0.name == status }) else {
                    throw fail("status", "受注ステータス「\(status)」はありません（\(statuses.map(\.name).joined(separator: "・"))）")
                }
                actions.append(.changeStatus(chosen))
            }
            if let value = rule["flags"] {
                guard let array = value.array else { throw fail("flags", "チェック項目の並び（例: [\"要確認\"]）で書いてください") }
                for element in array {
                    guard let flag = element.string else { throw fail("flags", "チェック項目は文字列で書いてください") }
                    guard flags.contains(flag) else {
                        throw fail("flags", "チェック項目「\(flag)」はありません（\(flags.joined(separator: "・"))。config.toml の [desk] flags に加えてください）")
                    }
                    actions.append(.setFlag(flag))
                }
            }
            if let carrier = try string("carrier") {
                guard let code = Carrier.names.first(where: { $0.value == carrier })?.key else {
                    throw fail("carrier", "配送業者「\(carrier)」はRMSの配送会社にありません（例: ヤマト運輸、佐川急便、日本郵便）")
                }
                actions.append(.setCarrier(Carrier(code: code)))
            }
            if let value = rule["planned_shipment_date"] {
                guard let text = value.string, let date = CalendarDate(parsing: text) else {
                    throw fail("planned_shipment_date", "日付を \"2026-12-10\" の形で書いてください")
                }
                actions.append(.writeDate(.plannedShipmentDate, date, .fillEmpty))
            }
            if let value = rule["shipping_fee"] {
                guard let amount = value.int else { throw fail("shipping_fee", "円単位の整数で書いてください") }
                do {
                    actions.append(.writeFee(.shipping, amount: try WriteFeeAction(.shipping, amount: amount).amount))
                } catch {
                    throw fail("shipping_fee", error.description)
                }
            }
            let hold = try string("hold")
            if try bool("confirm") {
                if hold != nil { throw fail("confirm", "保留（hold）するルールは注文確認できません（どちらかにしてください）") }
                actions.append(.confirm)
            }
            if try bool("bundle") { actions.append(.bundle) }
            if let mail = try string("mail") { actions.append(.sendMail(template: mail, resend: false)) }
            let stop = try bool("stop")
            if actions.isEmpty, hold == nil, !stop {
                throw fail(nil, "何をするかがありません（status, flags, carrier, shipping_fee, planned_shipment_date, hold, confirm, bundle, mail, stop のどれか）")
            }
            rules.append(Rule(name: name, when: when, actions: actions, hold: hold, stop: stop, line: line))
        }
        return RuleSet(rules)
    }
}
