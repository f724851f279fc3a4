import OrderEngine

/// A file of tracking numbers back from a carrier's software: B2クラウド's 発行済データ, e飛伝Ⅲ's,
/// ゆうプリR's 発送履歴, クリックポスト's list, or a generic CSV whose header names an order number (or
/// shipment key) and a tracking number.
public enum TrackingFormat: String, Sendable, CaseIterable {
    case yamatoB2 = "yamato-b2"
    case sagawaEhiden3 = "sagawa-ehiden3"
    case japanpostYupri = "japanpost-yupri"
    case clickpost
    case generic

    public var label: String {
        switch self {
        case .yamatoB2: "ヤマト運輸 B2クラウド 発行済データ"
        case .sagawaEhiden3: "佐川急便 e飛伝Ⅲ 出荷データ"
        case .japanpostYupri: "日本郵便 ゆうプリR 発送履歴"
        case .clickpost: "日本郵便 クリックポスト 発行済み一覧"
        case .generic: "汎用CSV（注文番号・荷物番号）"
        }
    }

    /// The carrier every row of the format is, when the format says.
    var carrier: Carrier? {
        switch self {
        case .yamatoB2: Carrier(code: "1001")
        case .sagawaEhiden3: Carrier(code: "1002")
        case .clickpost, .japanpostYupri: Carrier(code: "1003")
        case .generic: nil
        }
    }
}

/// Who a row is addressed to, for files without a key (クリックポスト): matched by these.
public struct TrackingRecipient: Sendable, Equatable {
    public let zipCode: String
    public let name: String
    public let address: String

    public init(zipCode: String, name: String, address: String) {
        self.zipCode = zipCode
        self.name = name
        self.address = address
    }
}

/// One row of a tracking file, as read: nothing matched or checked yet.
public struct TrackingRow: Sendable, Equatable {
    public let line: Int
    /// Juchu's shipment key (the carrier's management-number field), when the row has one.
    public let key: String?
    public let orderNumber: String?
    public let trackingNumber: String
    public let carrier: Carrier?
    public let shippedOn: CalendarDate?
    /// What the row says that cannot be read (a date that is not one, an unknown carrier).
    public let problem: String?
    /// The addressee, for a file without a key or an order number (クリックポスト).
    public var recipient: TrackingRecipient? = nil

    public init(
        line: Int, key: String?, orderNumber: String?, trackingNumber: String, carrier: Carrier?, shippedOn: CalendarDate?, problem: String?,
        recipient: TrackingRecipient? = nil
    ) {
        self.line = line
        self.key = key
        self.orderNumber = orderNumber
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.shippedOn = shippedOn
        self.problem = problem
        self.recipient = recipient
    }
}

/// A tracking file as read: its format and encoding, whether its first line was a header, and
/// every line after it — a row, or a line ignored with why (a blank line). Nothing is left
/// unaccounted: `rows.count + ignored.count == dataLines`.
public struct TrackingFile: Sendable {
    public struct Ignored: Sendable, Equatable {
        public let line: Int
        public let reason: String
    }

    public let format: TrackingFormat
    public let encoding: FileEncoding
    /// Whether line 1 was the header (recognised by what it says, not assumed by position).
    public let hasHeader: Bool
    public let rows: [TrackingRow]
    public let ignored: [Ignored]

    /// The lines after the header (a record spanning lines counted once).
    public var dataLines: Int { rows.count + ignored.count }
}

/// Reads tracking files, tolerant in what they hold: columns found by their header names (as the
/// carriers have spelled them over the years), a header told from a first data line by what it
/// says, a row with an odd field kept with its problem, a blank line kept as ignored.
public enum TrackingFileReader {
    /// The file `bytes` holds: the format (detected from its first line when not given), the encoding.
    public static func read(_ bytes: [UInt8], format: TrackingFormat? = nil, encoding: FileEncoding? = nil) throws(FileFormatError) -> TrackingFile {
        let (text, encoding) = try FileText.decode(bytes, as: encoding)
        let records = try CSV.records(text)
        guard let first = records.first(where: { !isBlank($0) }) else { throw FileFormatError("ファイルが空です") }
        let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let detected: TrackingFormat
        if let format { detected = format } else { detected = try detect(names) }
        // A first line that is data, not a header: B2's 発行済データ saved without its header, ゆうプリR's export.
        // B2 said by the operator: a first line that is not B2's header is data, read and accounted
        // for like the rest (a slip number it lacks refuses it), never dropped as a header.
        let headerless = (detected == .japanpostYupri && Columns.isYupriExportRow(names))
            || (detected == .yamatoB2 && (Columns.isB2DataRow(names) || !Columns.isB2Header(names)))
        let columns = !headerless ? try Columns(names, format: detected) : detected == .yamatoB2 ? Columns.b2 : Columns.yupriExport
        var rows: [TrackingRow] = []
        var ignored: [TrackingFile.Ignored] = []
        for record in records where headerless || record.line != first.line {
            if isBlank(record) {
                ignored.append(.init(line: record.line, reason: record.line < first.line ? "見出しの前の空行" : "空行"))
                continue
            }
            func value(_ index: Int?) -> String {
                guard let index, record.fields.indices.contains(index) else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            let number = value(columns.tracking)
            let key = value(columns.key)
            let order = value(columns.order)
            var recipient: TrackingRecipient?
            if let zip = columns.zipCode {
                recipient = TrackingRecipient(
                    zipCode: value(zip), name: value(columns.name), address: columns.address.map(value).joined())
            }
            if number.isEmpty && key.isEmpty && order.isEmpty && (recipient.map { $0.zipCode.isEmpty && $0.name.isEmpty && $0.address.isEmpty } ?? true) {
                ignored.append(.init(line: record.line, reason: "荷物番号・出荷キー・注文番号・宛先のどれもない行"))
                continue
            }
            var problem: String?
            var carrier: Carrier? = detected.carrier
            let carrierText = value(columns.carrier)
            if !carrierText.isEmpty {
                if let named = Carrier.named(carrierText) {
                    carrier = named
                } else {
                    problem = "配送会社「\(carrierText)」は楽天の配送会社ではありません"
                }
            }
            let dateText = value(columns.date)
            let date = dateText.isEmpty ? nil : CalendarDate(parsing: dateText)
            if !dateText.isEmpty, date == nil { problem = problem ?? "発送日「\(dateText)」は日付ではありません" }
            if number.isEmpty { problem = problem ?? "荷物番号がありません" }
            rows.append(TrackingRow(
                line: record.line, key: key.isEmpty ? nil : key, orderNumber: order.isEmpty ? nil : order,
                trackingNumber: number, carrier: carrier, shippedOn: date, problem: problem, recipient: recipient))
        }
        return TrackingFile(format: detected, encoding: encoding, hasHeader: !headerless, rows: rows, ignored: ignored)
    }

    /// A line with nothing in it but separators and spaces.
    static func isBlank(_ record: CSV.Record) -> Bool {
        record.fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
    }

    static func detect(_ names: [String]) throws(FileFormatError) -> TrackingFormat {
        if Columns.isB2Header(names) { return .yamatoB2 }
        if Columns.isB2DataRow(names) { return .yamatoB2 }
        if names.contains("お問い合せ送り状No."), names.contains("お客様管理番号") { return .sagawaEhiden3 }
        if names.contains("お客様側管理番号"), names.contains("お問い合わせ番号"),
            names.contains("仮引受確定作業年月日") || names.contains("配達ステータス集約コード") || names.contains("代表お問い合わせ番号")
        {
            return .japanpostYupri
        }
        if Columns.isYupriExportRow(names) { return .japanpostYupri }
        if Columns.isYupriLabelRow(names) {
            throw FileFormatError(line: 1, "ゆうプリRに取り込む送り状データです（お問い合わせ番号がありません）。ゆうプリRの発送履歴を出力して取り込んでください")
        }
        if names.contains("お届け先郵便番号"), names.contains("お届け先氏名"), names.contains("追跡番号") || names.contains("お問い合わせ番号") {
            return .clickpost
        }
        if Columns.find(Columns.trackingNames, in: names) != nil,
            Columns.find(Columns.orderNames, in: names) != nil || Columns.find(Columns.keyNames, in: names) != nil
        {
            return .generic
        }
        throw FileFormatError(line: 1, "見出しから形式が分かりません。注文番号（または出荷キー）と荷物番号の列が要ります（見出し: \(names.prefix(6).joined(separator: ","))…）")
    }

    /// Where each value is, by the header's names.
    struct Columns {
        var key: Int?
        var order: Int?
        var tracking: Int?
        var carrier: Int?
        var date: Int?
        var zipCode: Int?
        var name: Int?
        var address: [Int] = []

        static let keyNames = ["出荷キー", "shipment_key", "shipmentKey", "お客様管理番号", "お客様側管理番号"]
        static let orderNames = ["注文番号", "受注番号", "order_number", "orderNumber"]
        static let trackingNames = [
            "荷物番号", "お問い合わせ番号", "お問い合せ番号", "お問い合せ送り状No.", "追跡番号", "伝票番号", "送り状番号", "tracking_number",
            "trackingNumber",
        ]
        static let carrierNames = ["配送会社", "carrier", "deliveryCompany"]
        static let dateNames = ["発送日", "出荷日", "出荷予定日", "仮引受確定作業年月日", "発送予定日", "ship_date", "shippingDate"]

        /// ゆうプリR's 発送済みデータ written without a header: お客様側管理番号, お問い合わせ番号, 代表お問い合わせ番号,
        /// 発送予定日 first (as exporters that read it back agree).
        static let yupriExport = Columns(key: 0, tracking: 1, date: 3)

        /// B2's issued data by position: 1 お客様管理番号, 4 伝票番号, 5 出荷予定日.
        static let b2 = Columns(key: 0, tracking: 3, date: 4)

        /// A B2 発行済データ line that is data, not a header: B2's width (its 95 columns, or an older
        /// layout's 94–97), a 送り状種類 code in column 2, a 12-digit 伝票番号 in column 4, a date in
        /// column 5 — what no header line says.
        /// B2's own header: お客様管理番号, 送り状種類 (送り状種別 in older files), …, 伝票番号.
        static func isB2Header(_ names: [String]) -> Bool {
            names.count >= 4 && names[0] == "お客様管理番号" && names[1].hasPrefix("送り状種") && names[3] == "伝票番号"
        }

        static func isB2DataRow(_ fields: [String]) -> Bool {
            guard (73...97).contains(fields.count) else { return false }
            let type = fields[1].trimmingCharacters(in: .whitespaces)
            let slip = fields[3].filter { $0 != "-" }
            return type.count == 1 && "0123456789A".contains(type) && slip.count == 12 && slip.allSatisfy(\.isNumber)
                && CalendarDate(parsing: fields[4].trimmingCharacters(in: .whitespaces)) != nil
        }

        /// A first row that is data, not a header: a shipment key of Juchu's, then a 12-digit number.
        static func isYupriExportRow(_ fields: [String]) -> Bool {
            fields.count >= 4 && ShipmentKey.isWellFormed(fields[0]) && fields[1].filter(\.isNumber).count == 12
                && fields[1].allSatisfy { $0.isNumber || $0 == "-" }
        }

        /// Juchu's own ゆうプリR label file (118 columns, a key, then 発送予定日): not a tracking file.
        static func isYupriLabelRow(_ fields: [String]) -> Bool {
            fields.count == YupriLayout.header.count && ShipmentKey.isWellFormed(fields[0]) && CalendarDate(parsing: fields[1]) != nil
        }

        init(key: Int? = nil, tracking: Int?, date: Int?) {
            self.key = key
            self.tracking = tracking
            self.date = date
        }

        static func find(_ candidates: [String], in names: [String]) -> Int? {
            candidates.lazy.compactMap { names.firstIndex(of: $0) }.first
        }

        init(_ names: [String], format: TrackingFormat) throws(FileFormatError) {
            switch format {
            case .yamatoB2:
                // By position, as B2 writes it: 1 お客様管理番号, 4 伝票番号, 5 出荷予定日.
                guard names.count >= 5 else { throw FileFormatError(line: 1, "B2クラウドの発行済データの列が足りません（\(names.count)列）") }
                self = Self.b2
            case .clickpost:
                tracking = Self.find(Self.trackingNames, in: names)
                zipCode = names.firstIndex(of: "お届け先郵便番号")
                name = names.firstIndex(of: "お届け先氏名")
                address = (1...4).compactMap { names.firstIndex(of: "お届け先住所\($0)行目") }
                date = Self.find(Self.dateNames, in: names)
                guard tracking != nil, !address.isEmpty else { throw FileFormatError(line: 1, "クリックポストの一覧に追跡番号か住所の列がありません") }
            case .sagawaEhiden3, .japanpostYupri, .generic:
                key = Self.find(Self.keyNames, in: names)
                order = Self.find(Self.orderNames, in: names)
                tracking = Self.find(Self.trackingNames, in: names)
                carrier = Self.find(Self.carrierNames, in: names)
                date = Self.find(Self.dateNames, in: names)
                guard tracking != nil else { throw FileFormatError(line: 1, "荷物番号の列がありません（見出し: 荷物番号・お問い合わせ番号・tracking_number）") }
                guard key != nil || order != nil else { throw FileFormatError(line: 1, "注文番号（または出荷キー）の列がありません") }
            }
        }
    }
}
