import struct Foundation.Date

/// How a field value is written in the journal: a one-letter kind, a colon, and the value
/// (`t:新規受付`, `m:800`, `m:unset`, `p:300`, `d:2026-11-22`). Compact and read back exactly;
/// writing a million journal rows must not go through a general-purpose encoder.
extension FieldValue {
    public var journalText: String {
        switch self {
        case .text(let text): text.map { "t:" + $0 } ?? "t"
        case .money(.unset): "m:unset"
        case .money(.yen(let yen)): "m:\(yen)"
        case .progress(let progress): "p:\(progress.code)"
        case .sync(let state): "s:" + state.journalText
        case .date(let date): date.map { "d:\($0)" } ?? "d"
        case .flags(let flags): "f:" + flags.joined(separator: "\t")
        case .instant(let seconds): seconds.map { "i:\(Int64($0))" } ?? "i"
        case .parcels(let parcels): "P:" + parcels.journalText
        }
    }

    /// Reads what ``journalText`` wrote; nil for anything else.
    public init?(journalText text: String) {
        guard let kind = text.first else { return nil }
        let hasValue = text.count > 1
        guard !hasValue || text.dropFirst().first == ":" else { return nil }
        let value = hasValue ? String(text.dropFirst(2)) : nil
        switch kind {
        case "t": self = .text(value)
        case "m":
            guard let value else { return nil }
            if value == "unset" { self = .money(.unset) } else if let yen = Int(value) { self = .money(.yen(yen)) } else { return nil }
        case "p":
            guard let code = value.flatMap(Int.init) else { return nil }
            self = .progress(RMSProgress(code: code))
        case "s":
            guard let state = value.flatMap(SyncState.init(journalText:)) else { return nil }
            self = .sync(state)
        case "d":
            guard let value else { self = .date(nil); return }
            guard let date = CalendarDate(parsing: value) else { return nil }
            self = .date(date)
        case "f": self = .flags(value.map { $0.isEmpty ? [] : $0.split(separator: "\t").map(String.init) } ?? [])
        case "i":
            guard let value else { self = .instant(nil); return }
            guard let seconds = Int64(value) else { return nil }
            self = .instant(Double(seconds))
        case "P":
            guard let parcels = [Parcel](journalText: value ?? "") else { return nil }
            self = .parcels(parcels)
        default: return nil
        }
    }
}

extension SyncState {
    /// `notSent`, `failed|qpsLimit|detail`...
    var journalText: String {
        switch self {
        case .localOnly: "localOnly"
        case .notSent: "notSent"
        case .confirmSending: "confirmSending"
        case .rakutenProcessing: "rakutenProcessing"
        case .rakutenDone: "rakutenDone"
        case .failed(let errorClass, let detail): "failed|\(errorClass.rawValue)|\(detail)"
        }
    }

    init?(journalText text: String) {
        switch text {
        case "localOnly": self = .localOnly
        case "notSent": self = .notSent
        case "confirmSending": self = .confirmSending
        case "rakutenProcessing": self = .rakutenProcessing
        case "rakutenDone": self = .rakutenDone
        default:
            let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "failed", let errorClass = APIErrorClass(rawValue: String(parts[1])) else { return nil }
            self = .failed(errorClass, detail: String(parts[2]))
        }
    }
}
