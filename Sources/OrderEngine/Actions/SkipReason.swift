/// Why a bulk action leaves an order alone, in the words the operator reads.
public enum SkipReason: Sendable, Hashable, Codable {
    case bundled
    case shippingFeeUnset
    case alreadyConfirmed
    case confirmInFlight
    case notRakutenOrder
    /// Taken from RMS's order CSV and not yet read from RMS: what is sent to RMS waits for that.
    case csvNotReadFromRMS
    case rmsProgressNot(expected: RMSProgress, actual: RMSProgress)
    case needsRMSStatusCheck(APIErrorClass)
    case noChange
    case dateAlreadyFilled(DateField)
    case bundledFeesLocked
    case bundledCancel
    case feesLockedAfterShipping
    case notEnteredByHand
    case alreadyBundled
    case bundleNeedsConfirmedOrder(SyncState)
    case bundleNeedsFixedFees
    case bundleAlreadyShipped
    case bundleMultipleDestinations
    case bundleNoPartner
    case notBundled
    case cancelNotAllowed(RMSProgress)
    case alreadyCancelled
    case cancelInFlight
    case pushInFlight
    case shipReportInFlight
    /// A mail of the template was sent (or may have been) already: re-sending is an explicit choice.
    case mailAlreadySent
    case mailSentBefore(at: String, by: String, unclear: Bool)
    case noEmailAddress
    /// An order entered here: its buyer's own address is not one Rakuten's relay delivers to.
    case handOrderMail
    /// The buyer's address cannot go into SMTP as it is (a line break, two @…): why.
    case invalidEmailAddress(String)
    case tooYoungForMail(minutes: Int)
    case mailToCancelled
    case noShippingCorrection
    case alreadyReported
    /// A basket (送付先) without a parcel: RMS would never reach 発送済.
    case parcelMissing(basketID: Int, baskets: Int)
    /// 配送会社, 荷物番号 or 発送日 missing.
    case parcelIncomplete([String])
    case carrierUnknownToRakuten(String)
    case shipDateInFuture(CalendarDate)
    case parcelBasketUnknown(Int)
    /// 送り状データ: the label rules keep the order out (``LabelEligibility``).
    case labelRefused(String)
    /// A row of a tracking file that was refused: where and why.
    case trackingRow(String)
    /// Undo: the field was changed again after the batch.
    case changedSince
    /// Undo: the amounts were pushed to RMS after the batch.
    case sentToRMS
    case noPendingEdit
    /// A rule held the order (保留): no rule confirms it; the reason the rule gives.
    case heldByRule(rule: String, reason: String)
    /// A rule does not confirm an order with a change not yet sent to RMS.
    case unsentEditBeforeRuleConfirm
    /// A rule's step that cannot run (its template missing, an input out of range): why.
    case ruleStepRefused(String)
    /// ルールを今すぐ適用: no rule acts on the order (none matches, or each acted before).
    case noRuleActs
    case noRMSDifference
    case editNotAllowed(RMSProgress)
    /// A group of the edit RMS no longer takes at the order's status, with why.
    case editGroupRefused(String)
    /// RMS still holds the shipping fee unset; the one typed here has not been sent.
    case shippingFeeNotInRMS
    /// A fee is unset: RMS's -9999 is never sent.
    case unsetFeeNotSent(String)
    /// RMS's JSON of the order has a field that cannot be read, which this action needs.
    case unreadable(ReadProblem)
    /// The order was changed (by another desk or action) after the preview the operator accepted:
    /// what it changes is no longer what the preview showed.
    case changedSincePreview(field: String, now: String)
    /// 帳票: an amount RMS has not set (-9999), which is never printed.
    case amountUnset(String)
    /// 帳票: amounts changed here and not yet sent to RMS; RMS's per-rate totals are not theirs.
    case amountsNotInRMS
    /// 帳票: RMS gave no per-rate totals (TaxSummaryModelList), or an order entered here has a coupon.
    case noTaxSummary
    case slipForCancelled(String)
    /// 領収書: 代金引換 and 後払い, whose receipt is the carrier's or the 後払い company's.
    case receiptNotForPayment(String)
    /// A ソーシャルギフト whose recipient has not entered the address (RMS holds placeholders):
    /// no label, 納品書, receipt or mail, until RMS says it is in.
    case giftRecipientPending(due: String)
    /// A bundle (one parcel) is printed or sent whole: another member is skipped, with this reason.
    case bundleMemberSkipped(OrderNumber, String)
    /// A bundle whose members cannot go as one parcel to one address (``LabelParcel/notOneParcel(_:)``).
    case notOneParcel(String)

    public var text: String {
        switch self {
        case .bundled: "同梱注文は注文確認できません（同梱前に注文確認してください）"
        case .shippingFeeUnset: "送料が未設定の注文です"
        case .shippingFeeNotInRMS:
            "送料が未設定の注文です（この端末で入力した送料はまだRMSにありません。入力内容を反映する（RMS）で反映してから注文確認してください）"
        case .unreadable(let problem):
            "RMSの注文内容に読めない項目があります（\(problem)）。RMSで注文を確認し、RMSステータスを取得してください"
        case .unsetFeeNotSent(let label): "\(label)が未設定です。設定してから反映してください（未設定の金額はRMSに送信しません）"
        case .alreadyConfirmed: "注文確認は送信済みです（一度だけ送信できます）"
        case .confirmInFlight: "確認送信中です"
        case .notRakutenOrder: "楽天ペイの注文ではありません"
        case .csvNotReadFromRMS: "RMSの受注CSVから取り込んだ注文です。RMSステータスを取得してRMSの内容で埋まってから操作してください"
        case .rmsProgressNot(let expected, let actual):
            "RMSステータスが\(expected.label)ではありません（\(actual.label)）"
        case .needsRMSStatusCheck(let errorClass):
            "前回の送信が「\(errorClass.message)」でした。RMSステータスを取得してください"
        case .noChange: "変更はありません"
        case .dateAlreadyFilled(let field): "\(field.label)は入力済みです（追記は空欄のときだけ書き込みます）"
        case .noPendingEdit: "RMSに反映する注文内容修正がありません"
        case .heldByRule(let rule, let reason): "ルール「\(rule)」で保留中です（\(reason)）: ルールは注文確認しません"
        case .noRuleActs: "働くルールなし（合わないか実行済み）"
        case .ruleStepRefused(let why): "ルールのこの処理は実行できません: \(why)"
        case .unsentEditBeforeRuleConfirm: "RMSに未反映の変更があります: ルールは注文確認しません（反映してから確認してください）"
        case .noRMSDifference: "RMSとの差分はありません"
        case .editGroupRefused(let why): why
        case .editNotAllowed(let progress): "RMSが\(progress.label)の注文は修正を反映できません（注文確認待ち・楽天処理中・発送待ちのときだけ）"
        case .bundledFeesLocked: "同梱注文の金額は同梱を解除してから変更してください"
        case .bundledCancel: "同梱注文は同梱を解除してからキャンセルしてください"
        case .feesLockedAfterShipping: "発送済み・キャンセル済みの注文の金額は変更できません"
        case .notEnteredByHand: "複製できるのは店舗・電話・FAXの注文だけです"
        case .alreadyBundled: "すでに同梱されています"
        case .bundleNeedsConfirmedOrder(let state): "同梱できるのは楽天処理済の注文だけです（現在 \(state.label)）"
        case .bundleNeedsFixedFees: "送料・手数料が確定していない注文は同梱できません"
        case .bundleAlreadyShipped: "出荷済みの注文は同梱できません"
        case .bundleMultipleDestinations: "送付先が複数ある注文は同梱できません"
        case .bundleNoPartner: "注文者・送付先が同じ注文が他に選ばれていません"
        case .notBundled: "同梱されていません"
        case .cancelNotAllowed(let progress):
            "キャンセルできるのはRMSステータスが注文確認待ち・楽天処理中・発送待ちの注文だけです（\(progress.label)）"
        case .alreadyCancelled: "すでにキャンセルされています"
        case .cancelInFlight: "キャンセル送信中です"
        case .pushInFlight: "注文内容修正をRMSに送信中です"
        case .shipReportInFlight: "発送情報を送信中です。結果を待ってください"
        case .mailAlreadySent: "このメールは送信済み・送信中・結果不明です（再送信は明示して選んでください）"
        case .mailSentBefore(let at, let by, let unclear):
            unclear ? "このメールは結果不明です（\(at) \(by)）。再送信は明示して選んでください" : "このメールは送信済みです（\(at) \(by)）。再送信は明示して選んでください"
        case .noEmailAddress: "注文者のメールアドレスがありません"
        case .handOrderMail: "手入力の注文です: 店舗のメールサーバ（config.toml の [mail.own_server]）の設定がないため送りません（楽天の中継サーバーは楽天の注文のアドレスにしか届けません）"
        case .invalidEmailAddress(let problem): "注文者のメールアドレスがメールアドレスとして使えません（\(problem)）。RMSで確かめてください。送信しません"
        case .tooYoungForMail(let minutes): "注文から\(minutes)分たっていません（お客様がキャンセルできる間はメールを送りません）"
        case .mailToCancelled: "キャンセルされた注文にはメールを送りません"
        case .noShippingCorrection: "RMSに送る荷物番号の訂正・削除がありません"
        case .alreadyReported: "発送完了報告は済んでいます（訂正は荷物番号の訂正で）"
        case .parcelMissing(let basket, let baskets):
            baskets > 1 ? "送付先（送付先ID \(basket)）の荷物番号がありません。送付先ごとに入力してください" : "荷物番号がありません"
        case .parcelIncomplete(let missing):
            "\(missing.joined(separator: "・"))がありません（RMSは受け付けても発送済にならず、カードの売上も請求されません）"
        case .carrierUnknownToRakuten(let code): "配送会社コード \(code) は楽天の配送会社ではありません"
        case .shipDateInFuture(let date): "発送日 \(date) が今日より後です"
        case .parcelBasketUnknown(let basket): "荷物の送付先ID \(basket) はこの注文にありません"
        case .labelRefused(let reason), .trackingRow(let reason), .notOneParcel(let reason): reason
        case .bundleMemberSkipped(let member, let reason): "同梱の注文 \(member): \(reason)（同梱は1個口のため、全員分がそろうまで作りません）"
        case .changedSince: "その後に変更されているため、元に戻しません"
        case .changedSincePreview(let field, let now):
            "プレビューの後に他の操作・他の端末で変更されました（\(field) 現在 \(now)）。確かめてからもう一度実行してください"
        case .amountUnset(let label): "\(label)が未設定です（未設定の金額は印刷しません）"
        case .amountsNotInRMS: "金額の変更がRMSに未反映です（入力内容を反映する（RMS）の後に印刷してください）"
        case .noTaxSummary: "税率ごとの合計がRMSにありません（RMSステータスを取得してから印刷してください）"
        case .slipForCancelled(let kind): "キャンセルされた注文の\(kind)は作りません"
        case .receiptNotForPayment(let method):
            "\(method)の注文には店舗の領収書を出しません（代金引換は配送会社、後払いは後払い会社の領収書です）"
        case .giftRecipientPending(let due):
            "ソーシャルギフトの受取人がお届け先を入力していません（入力待ち、期限 \(due)）。RMSで入力されるまで送り状・納品書・領収書・メールは作りません"
        case .sentToRMS: "金額はRMSに反映済みのため、元に戻しません（注文内容修正で直して反映してください）"
        }
    }
}

extension SkipReason {
    /// Why an order that did not come from RMS's API is not sent there: not Rakuten's at all, or
    /// Rakuten's from its order CSV and not yet read from RMS.
    public static func notFromAPI(_ origin: OrderOrigin) -> SkipReason {
        origin == .csvImport ? .csvNotReadFromRMS : .notRakutenOrder
    }
}
