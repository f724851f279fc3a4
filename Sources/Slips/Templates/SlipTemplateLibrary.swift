import CustomerMail
import Foundation
import OrderEngine

/// The shop's slip folder (`$XDG_CONFIG_HOME/juchu/slips/`): `KIND.html` for each kind and
/// `slips.css`, which they share. What is missing is written from the shipped defaults for the
/// shop to edit; what is there is the shop's and is never overwritten.
public struct SlipTemplateLibrary: Sendable {
    public let folder: String
    public let templates: [SlipKind: SlipTemplate]
    /// The stylesheet's text, for the font check.
    public let styleSheet: String

    public static let styleSheetFile = "slips.css"

    public init(folder: String) throws(MailTemplateError) {
        self.folder = folder
        try Self.writeMissingDefaults(to: folder)
        var templates: [SlipKind: SlipTemplate] = [:]
        for kind in SlipKind.allCases {
            let path = Self.path(of: kind, in: folder)
            templates[kind] = try SlipTemplate(kind: kind, text: try TemplateFile.read(path), file: path)
        }
        self.templates = templates
        styleSheet = try TemplateFile.read(folder + "/" + Self.styleSheetFile)
    }

    public func template(_ kind: SlipKind) -> SlipTemplate { templates[kind]! }

    static func path(of kind: SlipKind, in folder: String) -> String { folder + "/\(kind.rawValue).html" }

    private static func writeMissingDefaults(to folder: String) throws(MailTemplateError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var files = SlipKind.allCases.map { (path(of: $0, in: folder), SlipTemplate.defaultText(of: $0)) }
            files.append((folder + "/" + styleSheetFile, SlipTemplate.defaultStyleSheet))
            for (path, text) in files where !manager.fileExists(atPath: path) {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            throw MailTemplateError(file: folder, line: nil, "帳票のテンプレートを書き出せません: \(error.localizedDescription)")
        }
    }
}
