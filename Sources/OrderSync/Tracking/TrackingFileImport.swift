import Foundation
import OrderEngine
import OrderStore
import ShippingFiles

/// 荷物番号の取り込み, for the desk's 受取フォルダ and `juchu tracking import` alike: each file read
/// and matched against the store, every line of it accounted for (matched, entered already,
/// refused with why, ignored with why); then what the operator accepted written in one batch.
/// A file with a refused line is not taken in: nothing of it is written and it stays where it
/// is, unless the operator takes it in with its valid lines.
public struct TrackingFileImport: Sendable {
    /// One file as read and matched, or why it could not be read.
    public struct File: Sendable {
        public let path: String
        public let result: Result<Matched, FileFormatError>

        public struct Matched: Sendable {
            public let file: TrackingFile
            public let matched: TrackingImport
        }

        public var name: String { (path as NSString).lastPathComponent }

        /// Its refused lines (an unreadable file counts as refused whole).
        public var refusedCount: Int {
            switch result {
            case .success(let read): read.matched.refused.count
            case .failure: 1
            }
        }

        /// Every data line in the order of the file: its number, what became of it, and the words.
        public var lines: [Line] {
            guard case .success(let read) = result else { return [] }
            let rows = read.matched.lines.map {
                Line(line: $0.line, outcome: $0.outcome.isRefused ? .refused : (Self.isMatched($0.outcome) ? .matched : .unchanged),
                     label: $0.outcome.label, trackingNumber: $0.trackingNumber, text: $0.outcome.text)
            }
            let ignored = read.file.ignored.map { Line(line: $0.line, outcome: .ignored, label: "無視", trackingNumber: "", text: $0.reason) }
            return (rows + ignored).sorted { $0.line < $1.line }
        }

        private static func isMatched(_ outcome: TrackingImport.Outcome) -> Bool {
            if case .matched = outcome { true } else { false }
        }

        /// 「28行: 照合 26件、入力済み 1件、拒否 1件」: every data line counted once.
        public var summary: String {
            switch result {
            case .failure(let error): return "読めません: \(error.description)"
            case .success(let read):
                let counts = Dictionary(grouping: lines, by: \.outcome).mapValues(\.count)
                let parts = Line.Outcome.allCases.compactMap { outcome in counts[outcome].map { "\(outcome.label) \($0)件" } }
                return "\(read.file.format.label)、\(read.file.encoding.label)、\(read.file.hasHeader ? "見出しあり" : "見出しなし")、"
                    + "\(read.file.dataLines)行: " + parts.joined(separator: "、")
            }
        }
    }

    /// One line of a file, as the preview lists it.
    public struct Line: Sendable, Equatable {
        public enum Outcome: Sendable, Hashable, CaseIterable {
            case matched, unchanged, refused, ignored

            public var label: String {
                switch self {
                case .matched: "照合"
                case .unchanged: "入力済み"
                case .refused: "拒否"
                case .ignored: "無視"
                }
            }
        }

        public let line: Int
        public let outcome: Outcome
        /// The outcome's own word (照合, 不一致, 重複…).
        public let label: String
        public let trackingNumber: String
        public let text: String
    }

    public let files: [File]

    /// Reads and matches each of `paths`. `format`: the files' format when the operator says it
    /// (else each is recognised by its first line).
    public static func read(_ paths: [String], format: TrackingFormat? = nil, store: any ShopStore, today: CalendarDate) throws -> TrackingFileImport {
        var read: [(path: String, result: Result<TrackingFile, FileFormatError>)] = []
        for path in paths {
            do {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                do {
                    read.append((path, .success(try TrackingFileReader.read(bytes, format: format))))
                } catch {
                    read.append((path, .failure(error)))
                }
            } catch {
                read.append((path, .failure(FileFormatError("読めません: \(error.localizedDescription)"))))
            }
        }
        // Matched together: a number or a basket met in one file counts in the next.
        let readable = read.compactMap { entry -> (name: String, rows: [TrackingRow])? in
            guard case .success(let file) = entry.result else { return nil }
            return ((entry.path as NSString).lastPathComponent, file.rows)
        }
        var matched = try TrackingMatching.match(readable, in: store, today: today).makeIterator()
        let files = read.map { entry in
            File(path: entry.path, result: entry.result.map { File.Matched(file: $0, matched: matched.next()!) })
        }
        return TrackingFileImport(files: files)
    }

    /// Whether any line of any file was refused (or a file could not be read).
    public var hasRefused: Bool { files.contains { $0.refusedCount > 0 } }

    /// The parcels the matched lines add, per order and basket: of every file whose lines were all
    /// matched or in already, and with `takingValidLines` of the files with refused lines too.
    public func additions(takingValidLines: Bool) -> [(order: OrderNumber, parcel: Parcel)] {
        files.flatMap { file -> [(order: OrderNumber, parcel: Parcel)] in
            guard case .success(let read) = file.result, file.refusedCount == 0 || takingValidLines else { return [] }
            return read.matched.additions
        }
    }

    /// Each order's parcels as they were matched against: what applying checks they still are.
    public var previewed: [OrderNumber: [Parcel]] {
        var previewed: [OrderNumber: [Parcel]] = [:]
        for file in files {
            guard case .success(let read) = file.result else { continue }
            previewed.merge(read.matched.previewed) { first, _ in first }
        }
        return previewed
    }

    /// Writes the matched lines (``additions(takingValidLines:)``) in one batch
    /// (``OrderStore/addParcels(_:previewed:)``).
    public func apply(to store: any ShopStore, takingValidLines: Bool) throws -> (batchID: String, leftOut: [(OrderNumber, String)]) {
        try store.addParcels(additions(takingValidLines: takingValidLines), previewed: previewed)
    }

    /// Moves each file taken in to `取込済` beside it: a file every line of which was taken in, and
    /// with `takingValidLines` a file with refused lines too (an unreadable file never). A file
    /// with a line for an order applying left out (`leftOut`: its parcels changed after the
    /// preview) stays, to be read again: its numbers are not all written. Returns the files left
    /// where they were, each with why.
    public func moveTakenIn(takingValidLines: Bool, leftOut: Set<OrderNumber> = []) -> (moved: [String], left: [String]) {
        var moved: [String] = [], left: [String] = []
        for file in files {
            guard case .success(let read) = file.result else {
                left.append("\(file.name)（読めないファイル）")
                continue
            }
            if file.refusedCount > 0, !takingValidLines {
                left.append("\(file.name)（拒否した行 \(file.refusedCount)行: 直して取り込み直してください）")
                continue
            }
            let notWritten = Set(read.matched.additions.map(\.order)).intersection(leftOut)
            if !notWritten.isEmpty {
                left.append("\(file.name)（\(notWritten.sorted().map(\.rawValue).joined(separator: "・")) に書けなかった行があります: もう一度取り込んでください）")
                continue
            }
            do {
                try InboxFolder.moveTakenIn(file.path)
                moved.append(file.name)
            } catch {
                // The numbers are written; the file stays, and importing it again changes nothing: said, not hidden.
                left.append("\(file.name)（移せません: \(error.localizedDescription)）")
            }
        }
        return (moved, left)
    }
}
