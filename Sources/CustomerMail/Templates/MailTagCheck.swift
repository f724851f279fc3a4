import Foundation

/// Reads a template's tags before Mustache does and refuses what the shop could not have meant: a
/// tag that is not one of ``MailTag/all`` (Mustache would print nothing for it), a list's tag
/// outside its list, a section closed by another name or not at all, and the Mustache features a
/// mail has no use for (partials, delimiters, pragmas, blocks). Each with its line.
public enum MailTagCheck {
    /// Whether `text` uses the tag `name` — as a value, raw or as a section — however spaced.
    public static func uses(_ text: String, tag name: String) -> Bool {
        text.range(of: "\\{\\{\\{?\\s*[#^&]?\\s*\(name)\\s*\\}", options: .regularExpression) != nil
    }

    /// `tags`: what the template may use (a mail's, or a slip's).
    public static func check(_ text: String, file: String, firstLine: Int, tags: [MailTag] = MailTag.all) throws(MailTemplateError) {
        var scopes: [(name: String, tags: [MailTag], line: Int)] = [("", tags, firstLine)]
        var line = firstLine
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            var after = rest[open.upperBound...]
            let triple = after.first == "{"
            if triple { after = after.dropFirst() }
            guard let close = after.range(of: triple ? "}}}" : "}}") else {
                throw MailTemplateError(file: file, line: line, "「{{」が閉じられていません")
            }
            let inner = after[..<close.lowerBound]
            let tagLine = line
            line += inner.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            rest = after[close.upperBound...]
            let sigil = triple ? "&" : inner.first.map(String.init) ?? ""
            let name = (triple || "#^/&!>=%$<".contains(sigil) ? inner.dropFirst(triple ? 0 : 1) : inner)
                .trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!":
                continue
            case ">", "=", "%", "$", "<":
                throw MailTemplateError(file: file, line: tagLine, "{{\(inner)}} は使えません（メールのテンプレートは値・条件・繰り返しのタグだけです）")
            case "/":
                guard scopes.count > 1, let open = scopes.last, open.name == name else {
                    throw MailTemplateError(file: file, line: tagLine, "{{/\(name)}} に対応する {{#\(name)}} がありません"
                        + (scopes.count > 1 ? "（\(scopes.last!.line)行目の {{#\(scopes.last!.name)}} が開いたままです）" : ""))
                }
                scopes.removeLast()
                continue
            default:
                break
            }
            guard let tag = scopes.reversed().lazy.compactMap({ scope in scope.tags.first { $0.name == name } }).first else {
                let inList = scopes.count > 1 ? "（\(scopes.last!.name) の中）" : ""
                throw MailTemplateError(file: file, line: tagLine, "不明なタグ {{\(inner)}}\(inList)。使えるタグは juchu mail tags で確かめてください")
            }
            if sigil == "#" || sigil == "^" {
                if case .list(let tags) = tag.kind { scopes.append((name, tags, tagLine)) } else { scopes.append((name, [], tagLine)) }
            } else if case .list = tag.kind {
                throw MailTemplateError(file: file, line: tagLine, "{{\(name)}} は一覧です。{{#\(name)}}…{{/\(name)}} で繰り返してください")
            }
        }
        if scopes.count > 1, let open = scopes.last {
            throw MailTemplateError(file: file, line: open.line, "{{#\(open.name)}} が閉じられていません（{{/\(open.name)}} がありません）")
        }
    }
}
