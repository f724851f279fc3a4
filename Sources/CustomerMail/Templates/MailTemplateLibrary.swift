import Foundation
import OrderEngine

/// The shop's mail folder (`$XDG_CONFIG_HOME/juchu/mail/`): each `NAME.txt` a template, and
/// `signature.txt` the signature every template may put in with `{{signature}}`. A folder that is
/// not there yet is made with the shipped templates, for the shop to edit.
public struct MailTemplateLibrary: Sendable {
    public let folder: String
    public let templates: [MailTemplate]

    /// Each template's 名前 and its file name: what the desk shows, what the outbox records.
    public var titleToName: [String: String] {
        Dictionary(templates.map { ($0.title, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
    public let signature: String

    public static let signatureFile = "signature.txt"
    /// What the shipped signature says until the shop writes its own: never sent to a buyer.
    public static let signaturePlaceholder = "（店舗名・連絡先をここに）"

    /// Reads every template; the first that cannot be used refuses the whole folder, with its file
    /// and line (a mail half-rendered is worse than none).
    public init(folder: String, statuses: [LocalStatus]) throws(MailTemplateError) {
        self.folder = folder
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder) { try Self.writeDefaults(to: folder, statuses: statuses) }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") && $0 != Self.signatureFile }.sorted()
        } catch {
            throw MailTemplateError(file: folder, line: nil, "メールのテンプレートのフォルダを読めません: \(error.localizedDescription)")
        }
        var templates: [MailTemplate] = []
        for file in names {
            let path = folder + "/" + file
            let text = try TemplateFile.read(path)
            templates.append(try MailTemplate(name: String(file.dropLast(4)), text: text, file: path, statuses: statuses))
        }
        guard !templates.isEmpty else {
            throw MailTemplateError(file: folder, line: nil, "テンプレート（NAME.txt）がありません")
        }
        // The shipped ones in the day's order (サンクスメール first), then the shop's own by name.
        let order = MailTemplate.defaultNames
        self.templates = templates.sorted { a, b in
            switch (order.firstIndex(of: a.name), order.firstIndex(of: b.name)) {
            case let (x?, y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.name < b.name
            }
        }
        let signaturePath = folder + "/" + Self.signatureFile
        signature = manager.fileExists(atPath: signaturePath) ? try TemplateFile.read(signaturePath).trimmingCharacters(in: .newlines) : ""
    }

    /// Why `template` must not go to buyers yet: it, or the signature it puts in, still says the
    /// shipped placeholder (nil when the shop has written its own).
    public func unfinished(_ template: MailTemplate) -> String? {
        if template.text.contains(Self.signaturePlaceholder) {
            return "\(template.file) に見本の「\(Self.signaturePlaceholder)」が残っています。店舗名と連絡先に書き換えてから送ってください"
        }
        if MailTagCheck.uses(template.text, tag: "signature"), signature.contains(Self.signaturePlaceholder) {
            return "署名（\(folder)/\(Self.signatureFile)）が見本の「\(Self.signaturePlaceholder)」のままです。店舗名と連絡先に書き換えてから送ってください"
        }
        return nil
    }

    /// The template called `name` (its file name or its 名前), or why there is none.
    public func template(named name: String) throws(MailTemplateError) -> MailTemplate {
        guard let template = templates.first(where: { $0.name == name || $0.title == name }) else {
            throw MailTemplateError(file: folder, line: nil, "テンプレート「\(name)」はありません（\(templates.map { "\($0.name)（\($0.title)）" }.joined(separator: "、"))）")
        }
        return template
    }

    private static func writeDefaults(to folder: String, statuses: [LocalStatus]) throws(MailTemplateError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in MailTemplate.defaultTexts(statuses: statuses) {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/\(name).txt"), options: .atomic)
            }
            try Data("――――――――――――――――\n\(signaturePlaceholder)\n".utf8)
                .write(to: URL(fileURLWithPath: folder + "/" + signatureFile), options: .atomic)
        } catch {
            throw MailTemplateError(file: folder, line: nil, "メールのテンプレートを書き出せません: \(error.localizedDescription)")
        }
    }
}
