import Foundation
import OrderEngine

/// A label file (送り状データ) as written for one carrier's software: its rows (one per parcel — a
/// basket, or a bundle's baskets — each with the shipment key that maps back to them), the orders
/// skipped with the reason, and what the operator must know: fields that will be printed cut, and
/// what must be set in the carrier's software by hand.
public struct LabelFile: Sendable {
    public struct Row: Sendable, Equatable {
        /// The baskets the parcel holds: one, or one per member of a bundle (the lead first).
        public let targets: [ShipmentTarget]
        public let key: String
        public let fields: [String]

        /// The order the row is filed under: the parcel's own, or its bundle's lead.
        public var order: OrderNumber { targets[0].order }
    }

    public struct Skip: Sendable, Equatable {
        public let order: OrderNumber
        public let reason: String
    }

    public struct Warning: Sendable, Equatable {
        public let order: OrderNumber
        public let field: String
        public let text: String
    }

    public let format: LabelFormat
    let layout: any LabelLayout.Type
    public var rows: [Row] = []
    public var skips: [Skip] = []
    public var warnings: [Warning] = []

    /// The file's bytes: the header row, then each row, CP932, CRLF. Every character was checked
    /// when the row was made, so encoding cannot fail here.
    public func bytes() -> [UInt8] {
        files().first ?? []
    }

    /// The files to write: one, or several when the format takes a limited number of rows a file
    /// (クリックポスト: 40), each with its header.
    public func files() -> [[UInt8]] {
        let chunks = format.rowsPerFile.map { size in stride(from: 0, to: rows.count, by: size).map { Array(rows[$0..<min($0 + size, rows.count)]) } }
            ?? [rows]
        return chunks.map { chunk in
            var text = layout.writesHeader ? CSV.line(layout.header) + "\r\n" : ""
            for row in chunk { text += CSV.line(row.fields) + "\r\n" }
            switch FileText.cp932(text) {
            case .success(let bytes): return bytes
            case .failure(let bad): preconditionFailure("a character CP932 cannot hold passed the row checks: \(bad.character)")
            }
        }
    }
}

/// The carriers' label formats Juchu writes.
public enum LabelFormat: String, Sendable, CaseIterable {
    case yamatoB2 = "yamato-b2"
    case sagawaEhiden3 = "sagawa-ehiden3"
    case clickpost
    case japanpostYupri = "japanpost-yupri"

    public var label: String {
        switch self {
        case .yamatoB2: "ヤマト運輸 B2クラウド（外部データから発行）"
        case .sagawaEhiden3: "佐川急便 e飛伝Ⅲ（出荷データ取込）"
        case .clickpost: "日本郵便 クリックポスト（まとめ申込）"
        case .japanpostYupri: "日本郵便 ゆうプリR（外部ファイル取込）"
        }
    }

    /// The format as an action names it: its id, and its name where space is short.
    public var choice: LabelFormatChoice {
        LabelFormatChoice(id: rawValue, name: shortLabel, takesConvenienceStores: takesConvenienceStores)
    }

    /// The format's name where space is short (the panel's choice, the preview's title).
    public var shortLabel: String {
        switch self {
        case .yamatoB2: "B2クラウド"
        case .sagawaEhiden3: "e飛伝Ⅲ"
        case .clickpost: "クリックポスト"
        case .japanpostYupri: "ゆうプリR"
        }
    }

    public var carrier: Carrier {
        switch self {
        case .yamatoB2: Carrier(code: "1001")
        case .sagawaEhiden3: Carrier(code: "1002")
        case .clickpost, .japanpostYupri: Carrier(code: "1003")
        }
    }

    /// The layout rows are written in: the carrier's, in the version the shop's settings say.
    func layout(_ settings: LabelSender) -> any LabelLayout.Type {
        switch self {
        case .yamatoB2: B2Layout.self
        case .sagawaEhiden3: EhidenLayout.self
        case .clickpost: ClickpostLayout.self
        case .japanpostYupri:
            switch settings.yupriLayout {
            case .standard118: YupriLayout.self
            }
        }
    }

    /// Rows one file may hold (nil: any number).
    public var rowsPerFile: Int? { self == .clickpost ? 40 : nil }

    public var takesConvenienceStores: Bool { false }
}

extension LabelFile {
    /// How many files the rows make: one, or one per ``LabelFormat/rowsPerFile`` rows.
    public var fileCount: Int {
        format.rowsPerFile.map { max(1, (rows.count + $0 - 1) / $0) } ?? 1
    }

    /// Where each of ``files()`` goes: `path` itself for one file; `name-1.csv`, `name-2.csv`… for several.
    public func paths(for path: String) -> [String] {
        guard fileCount > 1 else { return [path] }
        let dot = path.lastIndex(of: ".").flatMap { path[$0...].contains("/") ? nil : $0 } ?? path.endIndex
        return (1...fileCount).map { "\(path[..<dot])-\($0)\(path[dot...])" }
    }

    /// Writes the files at `path` (``paths(for:)``), each whole or not at all; nothing when there are
    /// no rows. Returns where they went; a file that cannot be written is named in the error.
    public func write(to path: String) throws(FileFormatError) -> [String] {
        guard !rows.isEmpty else { return [] }
        var written: [String] = []
        for (target, bytes) in zip(paths(for: path), files()) {
            do {
                let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
            } catch {
                throw FileFormatError("\(target) に書き出せません: \(error.localizedDescription)")
            }
            written.append(target)
        }
        return written
    }
}
