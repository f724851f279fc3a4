import Foundation

/// A template file as the shop saved it: UTF-8, a BOM left by a Windows editor dropped. Mail and
/// slip templates are read through here.
public enum TemplateFile {
    public static func read(_ path: String) throws(MailTemplateError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MailTemplateError(file: path, line: nil, "読めません")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MailTemplateError(file: path, line: nil, "UTF-8 ではありません。UTF-8 で保存してください")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
