import CustomerMail
import Foundation

/// The shop's 棚番 per item, from its own file (config.toml [slips] shelves): a line per item,
/// `商品管理番号,棚番`, a header line allowed, UTF-8 (a BOM too). RMS has no shelf of its own.
public enum ShelfCodes {
    /// 商品管理番号 → 棚番. A line that is not two fields is refused with its line number.
    public static func read(_ path: String) throws(SlipRenderError) -> [String: String] {
        let text: String
        do throws(MailTemplateError) { text = try TemplateFile.read(path) } catch { throw SlipRenderError("棚番のファイル \(error)") }
        var shelves: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r ").union(.whitespaces))
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            if index == 0, fields.first == "商品管理番号" { continue }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw SlipRenderError("\(path):\(index + 1): 「商品管理番号,棚番」の2項目にしてください: \(trimmed)")
            }
            if let earlier = shelves[fields[0]], earlier != fields[1] {
                throw SlipRenderError("\(path):\(index + 1): 商品管理番号 \(fields[0]) の棚番が2つあります（\(earlier) と \(fields[1])）")
            }
            shelves[fields[0]] = fields[1]
        }
        return shelves
    }
}
