extension StyledLine {
    var displayWidth: Int { spans.reduce(0) { $0 + $1.text.displayWidth } }

    /// The line in lines of at most `width` cells, for text that must be read whole (an amount,
    /// an address) rather than cut at the edge. It breaks before a span that starts with a space
    /// (where the line's items begin: 「  送料 」「800円」 stay together), a piece longer than a line
    /// between characters; every line after the first is indented by `indent`.
    func wrapped(to width: Int, indent: Int = 2) -> [StyledLine] {
        guard width > indent + 1, displayWidth > width else { return [self] }
        // Items: a span starting with a space begins one; the spans after it belong to it.
        var items: [[(text: String, style: CellStyle)]] = []
        for span in spans {
            if span.text.first == " " || items.isEmpty { items.append([]) }
            items[items.count - 1].append(span)
        }
        var lines: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        func newLine() {
            lines.append(current)
            current = StyledLine(String(repeating: " ", count: indent))
            used = indent
        }
        for var item in items {
            let itemWidth = item.reduce(0) { $0 + $1.text.displayWidth }
            if used > 0, used + itemWidth > width, used > indent {
                newLine()
                // A line does not begin with the gap that separated the item from the one before.
                item[0].text = String(item[0].text.drop { $0 == " " })
            }
            for span in item {
                var rest = Substring(span.text)
                while !rest.isEmpty {
                    var piece = ""
                    var pieceWidth = 0
                    while let next = rest.first, used + pieceWidth + String(next).displayWidth <= width {
                        piece.append(next)
                        pieceWidth += String(next).displayWidth
                        rest.removeFirst()
                    }
                    if piece.isEmpty {
                        // Nothing more fits on this line.
                        if used <= indent, let next = rest.first {
                            // Not even one character on an empty line: it is put there all the same.
                            piece = String(next)
                            pieceWidth = piece.displayWidth
                            rest.removeFirst()
                        } else {
                            newLine()
                            continue
                        }
                    }
                    current.add(piece, span.style)
                    used += pieceWidth
                }
            }
        }
        lines.append(current)
        return lines
    }
}
