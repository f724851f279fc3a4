import Foundation
import OrderEngine

/// Makes the PDF of a batch: the template's HTML, laid out by WeasyPrint (Debian's weasyprint:
/// CSS paged media, Japanese line breaking, font subsetting), one process per core on a part of
/// the documents, the parts joined by poppler's pdfunite. The file appears at its path whole or
/// not at all: everything is made in a scratch folder beside it and renamed into place.
public struct PDFRenderer: Sendable {
    public var parts: Int
    let weasyprint: ExternalCommand
    let unite = ExternalCommand(name: "pdfunite", package: "poppler-utils")
    let info = ExternalCommand(name: "pdfinfo", package: "poppler-utils")

    /// Documents below which a part is not worth a process of its own (the renderer's start costs ~1 s).
    static let documentsPerPart = 60

    /// `weasyprint`: the renderer's name or path (config.toml [slips] renderer).
    public init(weasyprint: String = "weasyprint", parts: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.weasyprint = ExternalCommand(name: weasyprint, package: "apt install weasyprint")
        self.parts = max(1, parts)
    }

    /// What was made.
    public struct Output: Sendable {
        public let path: String
        public let pages: Int
        public let documents: Int
        /// What the renderer warned of (a CSS property it ignored...), once each.
        public let warnings: [String]
    }

    /// Renders `batch` with its kind's template of `library` to `path`.
    public func render(_ batch: SlipBatch, with library: SlipTemplateLibrary, to path: String) async throws(SlipRenderError) -> Output {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try await ScratchFolder.using(in: folder, prefix: ".juchu-slips") { (scratch) async throws(SlipRenderError) in
            try await make(batch, library: library, scratch: scratch, to: path)
        }
    }

    private func make(_ batch: SlipBatch, library: SlipTemplateLibrary, scratch: String, to path: String) async throws(SlipRenderError) -> Output {
        let template = library.template(batch.kind)
        try await FontCheck.check([library.styleSheet, template.text], scratch: scratch)
        let executable = try weasyprint.path()
        let count = batch.documents.isEmpty ? 1 : min(parts, max(1, batch.documents.count / Self.documentsPerPart))
        let size = max(1, (batch.documents.count + count - 1) / count)
        var pieces: [SlipBatch] = []
        if batch.documents.isEmpty { pieces = [batch] } else {
            for start in stride(from: 0, to: batch.documents.count, by: size) {
                pieces.append(batch.with(documents: batch.documents[start..<min(start + size, batch.documents.count)]))
            }
        }
        var inputs: [String] = []
        for (index, piece) in pieces.enumerated() {
            let input = "\(scratch)/part-\(index).html"
            do { try Data(template.render(piece).utf8).write(to: URL(fileURLWithPath: input)) } catch {
                throw SlipRenderError("作業ファイルを書けません: \(error.localizedDescription)")
            }
            inputs.append(input)
        }
        let base = URL(fileURLWithPath: library.folder, isDirectory: true).absoluteString
        let runner = weasyprint
        let jobs = inputs
        let outcomes = await withTaskGroup(of: (Int, Result<ExternalCommand.Outcome, SlipRenderError>).self) { group in
            for index in jobs.indices {
                group.addTask {
                    do throws(SlipRenderError) {
                        let arguments = ["--base-url", base, "--encoding", "utf-8", jobs[index], "\(scratch)/part-\(index).pdf"]
                        return (index, .success(try await runner.run(arguments, scratch: scratch, label: "part-\(index)")))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var all: [(Int, Result<ExternalCommand.Outcome, SlipRenderError>)] = []
            for await outcome in group { all.append(outcome) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var warnings: [String] = []
        for outcome in outcomes {
            let done = try outcome.get()
            let said = done.errors.split(whereSeparator: \.isNewline).map(String.init)
            guard done.status == 0 else {
                let last = said.suffix(3).joined(separator: " / ")
                throw SlipRenderError("WeasyPrint（\(executable)）が失敗しました（終了コード \(done.status)）: \(last.isEmpty ? "出力なし" : last)")
            }
            for line in said where line.contains("WARNING") || line.contains("ERROR") {
                if !warnings.contains(line) { warnings.append(line) }
            }
        }
        let pdfs = inputs.indices.map { "\(scratch)/part-\($0).pdf" }
        let joined = "\(scratch)/joined.pdf"
        if pdfs.count == 1 {
            do { try FileManager.default.moveItem(atPath: pdfs[0], toPath: joined) } catch {
                throw SlipRenderError("作業ファイルを移せません: \(error.localizedDescription)")
            }
        } else {
            let outcome = try await unite.run(pdfs + [joined], scratch: scratch, label: "pdfunite")
            guard outcome.status == 0 else {
                throw SlipRenderError("PDFをまとめられません（pdfunite 終了コード \(outcome.status)）: \(outcome.errors.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        let pages = try await pageCount(of: joined, scratch: scratch)
        // rename(2): the old file, if any, is replaced in one step; a reader never sees half a PDF.
        guard rename(joined, path) == 0 else {
            throw SlipRenderError("\(path) に書き込めません: \(String(cString: strerror(errno)))")
        }
        return Output(path: path, pages: pages, documents: batch.documentCount, warnings: warnings)
    }

    /// The pages of a finished PDF, as pdfinfo reads them.
    func pageCount(of pdf: String, scratch: String) async throws(SlipRenderError) -> Int {
        let outcome = try await info.run([pdf], scratch: scratch, label: "pdfinfo")
        guard outcome.status == 0,
              let line = outcome.output.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("Pages:") }),
              let pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        else {
            throw SlipRenderError("できたPDFを読めません（pdfinfo: \(outcome.errors.trimmingCharacters(in: .whitespacesAndNewlines))）")
        }
        return pages
    }
}
