import OrderEngine

/// A label file (送り状データ) as written for one carrier's software: its rows (one per basket, each
/// with the shipment key that maps back to the order and basket), the orders skipped with the
/// reason, and the fields that will be printed cut, each with what will be printed.
public struct LabelFile: Sendable {
    public struct Row: Sendable, Equatable {
        public let order: OrderNumber
        public let basketID: Int
        public let key: String
        public let fields: [String]
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
    public var rows: [Row] = []
    public var skips: [Skip] = []
    public var warnings: [Warning] = []

    /// The file's bytes: the header row, then each row, CP932, CRLF. Every character was checked
    /// when the row was made, so encoding cannot fail here.
    public func bytes() -> [UInt8] {
        var text = format.header.isEmpty ? "" : CSV.line(format.header) + "\r\n"
        for row in rows { text += CSV.line(row.fields) + "\r\n" }
        switch FileText.cp932(text) {
        case .success(let bytes): return bytes
        case .failure(let bad): preconditionFailure("a character CP932 cannot hold passed the row checks: \(bad.character)")
        }
    }
}

/// The carriers' label formats Juchu writes.
public enum LabelFormat: String, Sendable, CaseIterable {
    case yamatoB2 = "yamato-b2"

    public var label: String {
        switch self {
        case .yamatoB2: "ヤマト運輸 B2クラウド（外部データから発行）"
        }
    }

    public var carrier: Carrier {
        switch self {
        case .yamatoB2: Carrier(code: "1001")
        }
    }

    var header: [String] {
        switch self {
        case .yamatoB2: B2Layout.header
        }
    }

    public var takesConvenienceStores: Bool { false }
}
