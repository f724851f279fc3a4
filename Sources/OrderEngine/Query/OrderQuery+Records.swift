/// The search line's filters on what the shop has done with an order beyond its fields: where it
/// stands with RMS (RMS:), its exchanges with RMS (連携:), the documents printed (帳票:), the mails
/// sent (メール:) and its parcels (荷物:).
extension OrderQuery {
    /// 連携: an order's exchanges with RMS, as the grid's 連携 column and the outbox say.
    public enum Link: String, Sendable, Hashable, CaseIterable {
        /// 未送信: its confirmation has not been sent.
        case notSent
        /// 送信中: a confirmation or another write to RMS is recorded and not yet answered.
        case sending
        case rakutenProcessing
        case rakutenDone
        /// 失敗: the last exchange failed (the order, or its latest write of a kind).
        case failed
        /// 結果不明: a write whose answer never came; read back before anything more is sent.
        case unknown

        public var label: String {
            switch self {
            case .notSent: "未送信"
            case .sending: "送信中"
            case .rakutenProcessing: "楽天処理中"
            case .rakutenDone: "楽天処理済"
            case .failed: "失敗"
            case .unknown: "結果不明"
            }
        }

        /// The English forms (sync:not-sent …).
        var english: String {
            switch self {
            case .notSent: "not-sent"
            case .sending: "sending"
            case .rakutenProcessing: "processing"
            case .rakutenDone: "processed"
            case .failed: "failed"
            case .unknown: "unknown"
            }
        }

        init?(word: String) {
            guard let found = Self.allCases.first(where: { $0.label == word || $0.english == word })
                ?? (word == "エラー" ? .failed : word == "確認送信中" ? .sending : nil)
            else { return nil }
            self = found
        }
    }

    /// 帳票: or メール:: a kind of document (or a mail template) that was made for the order, or was
    /// not (「納品書なし」); nil `name`: any.
    public struct RecordTerm: Sendable, Hashable {
        public var name: String?
        public var present: Bool
    }

    /// 荷物: whether the order has parcels, and whether one is not yet held by RMS.
    public enum ParcelTerm: String, Sendable, Hashable {
        /// 有: at least one parcel.
        case some
        /// 無: none.
        case none
        /// 未報告: a parcel RMS does not hold as it is here (not reported, or changed since).
        case unreported

        public var label: String {
            switch self {
            case .some: "有"
            case .none: "無"
            case .unreported: "未報告"
            }
        }
    }

    /// What the store knows of an order beyond the order itself, for 連携:, 帳票: and メール:.
    public struct Records: Sendable, Hashable {
        /// The state of each kind of write to RMS, the latest of its kind ("pending", "sending",
        /// "done", "failed", "unknown"); mails are not RMS's.
        public var writeStates: Set<String>
        public var printed: Set<SlipKind>
        /// The templates of the mails sent (state done).
        public var mailed: Set<String>

        public init(writeStates: Set<String> = [], printed: Set<SlipKind> = [], mailed: Set<String> = []) {
            self.writeStates = writeStates
            self.printed = printed
            self.mailed = mailed
        }
    }

    /// Whether a term of this line needs ``Records`` (the store reads them only then).
    public var needsRecords: Bool { link != nil || slip != nil || mail != nil }

    /// The filter keys, Japanese and English, as the operator is told when one is misspelt.
    public static let keys = [
        ("支払", "pay"), ("チェック", "flag"), ("日付", "date"), ("配送", "delivery"), ("特記", "mark"), ("サブ", "sub"),
        ("お届け", "deliver"), ("金額", "amount"), ("商品", "item"), ("備考", "remarks"), ("送料", "postage"),
        ("同梱", "bundle"), ("リピート", "repeat"), ("RMS", "rms"), ("連携", "sync"), ("帳票", "slip"), ("メール", "mail"),
        ("荷物", "parcel"),
    ]

    /// RMS: by RMS's name (part of it: RMS:発送 finds 発送待ち and 発送済) or its code (RMS:300).
    mutating func readRMS(_ value: String) {
        let ascii = String(value.map(\.typedASCII))
        if let code = Int(ascii), RMSProgress.all.contains(RMSProgress(code: code)) {
            rms = [RMSProgress(code: code)]
            return
        }
        let found = RMSProgress.all.filter { !value.isEmpty && $0.label.contains(value) }
        if found.isEmpty {
            problems.append("RMS「\(value)」: RMSのステータス名か番号で書いてください（"
                + RMSProgress.all.map { "\($0.label) \($0.code)" }.joined(separator: "、") + "）")
        } else {
            rms = found
        }
    }

    mutating func readLink(_ value: String) {
        if let found = Link(word: value) { link = found } else {
            problems.append("連携「\(value)」: 書けるのは " + Link.allCases.map(\.label).joined(separator: "・") + " です")
        }
    }

    /// 帳票:納品書 (printed), 帳票:納品書なし (not), 帳票:あり / 帳票:なし (any kind).
    mutating func readSlip(_ value: String) {
        guard let term = Self.recordTerm(value) else {
            problems.append("帳票「\(value)」: 書けるのは " + SlipKind.allCases.map(\.label).joined(separator: "・") + "（「なし」を付けると未作成）、あり、なし です")
            return
        }
        if let name = term.name, SlipKind(label: name) == nil {
            problems.append("帳票「\(name)」: 帳票の種類は " + SlipKind.allCases.map(\.label).joined(separator: "・") + " です")
            return
        }
        slip = term
    }

    /// メール:発送通知 (sent), メール:発送通知なし (not), メール:あり / メール:なし (any template).
    mutating func readMail(_ value: String) {
        guard let term = Self.recordTerm(value) else {
            problems.append("メール「\(value)」: テンプレート名で書いてください（例: メール:発送通知、メール:発送通知なし、メール:あり）")
            return
        }
        mail = term
    }

    mutating func readParcel(_ value: String) {
        switch value {
        case "有", "あり", "yes": parcel = .some
        case "無", "なし", "no": parcel = ParcelTerm.none
        case "未報告", "unreported": parcel = .unreported
        default: problems.append("荷物「\(value)」: 書けるのは 有・無・未報告 です")
        }
    }

    /// 「あり」「なし」, a name, or a name with 「なし」 after it (not made).
    private static func recordTerm(_ value: String) -> RecordTerm? {
        switch value {
        case "", "なしなし": return nil
        case "あり", "yes": return RecordTerm(name: nil, present: true)
        case "なし", "no": return RecordTerm(name: nil, present: false)
        default:
            if value.hasSuffix("なし") { return RecordTerm(name: String(value.dropLast(2)), present: false) }
            if value.hasPrefix("!") { return value.count > 1 ? RecordTerm(name: String(value.dropFirst()), present: false) : nil }
            return RecordTerm(name: value, present: true)
        }
    }

    /// An unknown key before a colon: refused with the keys there are, never searched as text
    /// (「RMS:発送待ち」 read as words finds nothing and says nothing). A time or a number with a
    /// colon (10:30, 午前10:30) is a word.
    mutating func refuseUnknownKey(_ key: Substring) -> Bool {
        guard !key.isEmpty, !key.contains(where: \.isNumber) else { return false }
        problems.append("「\(key):」という絞り込みはありません。使えるのは "
            + Self.keys.map { "\($0.0):" }.joined(separator: " ") + "（英語: " + Self.keys.map { "\($0.1):" }.joined(separator: " ") + "）")
        return true
    }

    /// 連携:, 帳票:, メール: and 荷物: decided for one order, for ``explain(_:in:)``.
    func recordTerms(_ order: Order, _ records: Records, add: (String, Bool, String, String) -> Void) {
        if let rms {
            add("RMS", rms.contains(order.rmsProgress), order.rmsProgress.label, rms.map(\.label).joined(separator: "・"))
        }
        if let link {
            let states = records.writeStates
            let holds: Bool
            switch link {
            case .notSent: holds = order.sync == .notSent
            case .sending: holds = order.sync == .confirmSending || states.contains("pending") || states.contains("sending")
            case .rakutenProcessing: holds = order.sync == .rakutenProcessing
            case .rakutenDone: holds = order.sync == .rakutenDone
            case .failed: holds = order.sync.isFailed || states.contains("failed")
            case .unknown: holds = states.contains("unknown")
            }
            add("連携", holds, states.contains("unknown") ? "結果不明" : order.sync.label, link.label)
        }
        if let slip {
            let kinds = slip.name.flatMap(SlipKind.init(label:)).map { [$0] } ?? SlipKind.allCases
            let made = kinds.contains { records.printed.contains($0) }
            let found = records.printed.isEmpty ? "なし" : SlipKind.allCases.filter { records.printed.contains($0) }.map(\.label).joined(separator: "・")
            add("帳票", made == slip.present, found, (slip.name ?? (slip.present ? "あり" : "")) + (slip.present ? "" : "なし"))
        }
        if let mail {
            let sent = mail.name.map { records.mailed.contains($0) } ?? !records.mailed.isEmpty
            let found = records.mailed.isEmpty ? "なし" : records.mailed.sorted().joined(separator: "・")
            add("メール", sent == mail.present, found, (mail.name ?? (mail.present ? "あり" : "")) + (mail.present ? "" : "なし"))
        }
        if let parcel {
            let holds: Bool
            switch parcel {
            case .some: holds = !order.parcels.isEmpty
            case .none: holds = order.parcels.isEmpty
            case .unreported: holds = order.parcels.contains { $0.report == .unreported || $0.report.awaitsCorrection }
            }
            let found = order.parcels.isEmpty ? "無" : order.parcels.map(\.report.label).joined(separator: "・")
            add("荷物", holds, found, parcel.label)
        }
    }
}

extension SlipKind {
    /// The kind an operator names: 納品書, 受注伝票, ピッキングリスト (or ピッキング), 領収書, or its id.
    public init?(label: String) {
        guard let found = Self.allCases.first(where: { $0.label == label || $0.rawValue == label })
            ?? (label == "ピッキング" ? .picking : label == "伝票" ? .orderSlip : nil)
        else { return nil }
        self = found
    }
}
