/// A line of text made of differently styled spans.
struct StyledLine {
    var spans: [(text: String, style: CellStyle)] = []

    init(_ spans: [(String, CellStyle)] = []) { self.spans = spans.map { (text: $0.0, style: $0.1) } }

    init(_ text: String, _ style: CellStyle = .plain) { spans = [(text, style)] }

    mutating func add(_ text: String, _ style: CellStyle = .plain) { spans.append((text, style)) }

    func draw(x: Int, y: Int, limit: Int, into screen: inout ScreenBuffer) {
        var column = x
        for span in spans { column = screen.put(span.text, x: column, y: y, style: span.style, limit: limit) }
    }
}
