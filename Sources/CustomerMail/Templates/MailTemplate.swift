import Foundation
import Mustache
import OrderEngine

/// One mail the shop sends, as it edits it in `mail/NAME.txt`: a few header lines (件名, and
/// optionally 名前 and 送信後ステータス), a blank line, then the body — both Mustache, with the tags
/// ``MailTag/all`` names. Checked whole when it is read: a template with an unknown tag or a syntax
/// error is refused with its file and line, never sent half-rendered.
public struct MailTemplate: Sendable {
    /// The file's name without `.txt`: what `--template` and the panel call it.
    public let name: String
    /// 名前: what the desk shows (サンクスメール); the name when not given.
    public let title: String
    /// 送信後ステータス: where an order goes here once its mail is accepted; nil leaves it.
    public let statusAfter: LocalStatus?
    public let file: String
    /// The file's text as the shop wrote it.
    public let text: String
    let subject: MustacheTemplate
    let body: MustacheTemplate

    /// Reads a template's text. `statuses`: the desk's statuses, which 送信後ステータス must be one of.
    public init(name: String, text: String, file: String, statuses: [LocalStatus]) throws(MailTemplateError) {
        self.name = name
        self.file = file
        self.text = text
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var headers: [String: (value: String, line: Int)] = [:]
        var bodyStart: Int?
        for (index, line) in lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                bodyStart = index + 1
                break
            }
            guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                throw MailTemplateError(file: file, line: index + 1, "見出しの行は「件名: …」の形にしてください（見出しの後に空行、それから本文）")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard Self.headerKeys.contains(key) else {
                throw MailTemplateError(file: file, line: index + 1, "不明な見出し「\(key)」（使えるのは \(Self.headerKeys.joined(separator: "・"))）")
            }
            headers[key] = (line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), index + 1)
        }
        guard let bodyStart else { throw MailTemplateError(file: file, line: lines.count, "本文がありません（見出しの後に空行、それから本文）") }
        guard let subject = headers["件名"], !subject.value.isEmpty else { throw MailTemplateError(file: file, line: 1, "件名がありません（1行目に「件名: …」）") }
        title = headers["名前"]?.value.isEmpty == false ? headers["名前"]!.value : name
        if let status = headers["送信後ステータス"], !status.value.isEmpty {
            guard statuses.contains(LocalStatus(status.value)) else {
                throw MailTemplateError(file: file, line: status.line, "送信後ステータス「\(status.value)」は desk.statuses にありません")
            }
            statusAfter = LocalStatus(status.value)
        } else {
            statusAfter = nil
        }
        let bodyText = lines[bodyStart...].joined(separator: "\n")
        guard !bodyText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MailTemplateError(file: file, line: lines.count, "本文がありません（見出しの後に空行、それから本文）")
        }
        self.subject = try Self.template(subject.value, file: file, firstLine: subject.line)
        self.body = try Self.template(bodyText, file: file, firstLine: bodyStart + 1)
    }

    static let headerKeys = ["件名", "名前", "送信後ステータス"]

    /// The mail for `order`: its subject on one line and its body, lines ending in LF.
    public func render(_ order: Order, shop: MailShop) -> RenderedMail {
        let values = MailContext(order: order, shop: shop)
        let subjectLine = subject.render(values).split(whereSeparator: \.isNewline).joined(separator: " ")
        return RenderedMail(subject: subjectLine.trimmingCharacters(in: .whitespaces), body: body.render(values))
    }

    /// Mustache in text mode (nothing HTML-escaped), after our own check of its tags.
    private static func template(_ text: String, file: String, firstLine: Int) throws(MailTemplateError) -> MustacheTemplate {
        try MailTagCheck.check(text, file: file, firstLine: firstLine)
        do {
            return try MustacheTemplate(string: pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = firstLine + error.context.lineNumber - 1
            throw MailTemplateError(file: file, line: line, "テンプレートの書き方が正しくありません（\(error.error)）: \(error.context.line)")
        } catch {
            throw MailTemplateError(file: file, line: firstLine, "テンプレートを読めません: \(error)")
        }
    }

    /// Renders values as they are: a mail is text, not HTML.
    private static let pragma = "{{% CONTENT_TYPE: TEXT}}"
}

/// A template rendered for one order.
public struct RenderedMail: Sendable, Equatable {
    public let subject: String
    public let body: String
}

extension MailTemplate {
    /// The mails for `orders`, in their order, rendered on every core: a preview of a day's batch
    /// (thousands) should not wait on one. Each mail is rendered alone from values of its own.
    public func render(_ orders: [Order], shop: MailShop) async -> [RenderedMail] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, orders.count / 250))
        guard parts > 1 else { return orders.map { render($0, shop: shop) } }
        let size = (orders.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [RenderedMail]).self) { group in
            for start in stride(from: 0, to: orders.count, by: size) {
                let slice = Array(orders[start..<min(start + size, orders.count)])
                group.addTask { (start, slice.map { self.render($0, shop: shop) }) }
            }
            var done: [(Int, [RenderedMail])] = []
            for await part in group { done.append(part) }
            return done.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
