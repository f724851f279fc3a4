import Foundation

/// The renderer quietly puts another font in place of one that is not installed, and a slip in a
/// fallback font may lose its Japanese or its layout; so every family a template or the
/// stylesheet asks for first must be installed, or nothing is rendered.
enum FontCheck {
    static let fcList = ExternalCommand(name: "fc-list", package: "fontconfig")
    static let generic: Set<String> = ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit", "initial"]

    /// The first family of each `font-family:` in `texts`.
    static func requested(in texts: [String]) -> [String] {
        var families: [String] = []
        for text in texts {
            var rest = Substring(text)
            while let found = rest.range(of: "font-family") {
                rest = rest[found.upperBound...]
                guard let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isWhitespace) else { continue }
                let value = rest[rest.index(after: colon)...].prefix { $0 != ";" && $0 != "}" && !$0.isNewline }
                let first = value.split(separator: ",").first.map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                } ?? ""
                if !first.isEmpty, !generic.contains(first.lowercased()), !first.contains("{{"), !families.contains(first) { families.append(first) }
            }
        }
        return families
    }

    /// Throws for the first requested family fontconfig does not have.
    static func check(_ texts: [String], scratch: String) async throws(SlipRenderError) {
        for (index, family) in requested(in: texts).enumerated() {
            let outcome = try await fcList.run([":family=\(family)", "family"], scratch: scratch, label: "fc-list-\(index)")
            if outcome.status != 0 || outcome.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw SlipRenderError("フォント「\(family)」がありません。帳票のテンプレート（slips.css）で指定したフォントを入れてください（IPAexゴシックは apt install fonts-ipaexfont）")
            }
        }
    }
}
