import CustomerMail
import Foundation
import Mustache
import OrderEngine

/// One kind's template as the shop edits it in `slips/KIND.html`: HTML and CSS for the renderer,
/// Mustache with the tags ``SlipTag/all`` names (a mail template's, and a printed document's own).
/// Checked whole when read: an unknown tag or a syntax error is refused with its file and line.
/// Values are HTML-escaped: a buyer's name cannot break the page.
public struct SlipTemplate: Sendable {
    public let kind: SlipKind
    public let file: String
    /// The file's text: the fonts it asks for are checked before rendering (``FontCheck``).
    public let text: String
    let template: MustacheTemplate

    public init(kind: SlipKind, text: String, file: String) throws(MailTemplateError) {
        self.kind = kind
        self.file = file
        self.text = text
        try MailTagCheck.check(text, file: file, firstLine: 1, tags: SlipTag.all)
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw MailTemplateError(file: file, line: error.context.lineNumber, "テンプレートの書き方が正しくありません（\(error.error)）: \(error.context.line)")
        } catch {
            throw MailTemplateError(file: file, line: 1, "テンプレートを読めません: \(error)")
        }
    }

    /// Whether the template prints a bundle (同梱) as one document: a 納品書 with each order's
    /// section (`{{#bundleOrders}}`), a picking entry that says it is a bundle. One written before
    /// bundles were (or by a shop without them) prints each order on its own, as it did.
    public var printsBundles: Bool {
        let names = kind == .deliveryNote ? ["bundleOrders"] : ["isBundle", "bundleNumbers", "bundleOrders"]
        return names.contains { MailTagCheck.uses(text, tag: $0) }
    }

    /// The HTML of `batch`, every document in it.
    public func render(_ batch: SlipBatch) -> String {
        template.render(SlipContext(batch: batch))
    }
}
