extension RMSDifference {
    /// What RMS's order CSV (`csv`, mapped as an API order) holds of an order differently from the
    /// order here (`ours`), as RMS's own changes are found: a value the CSV gives that is neither
    /// what RMS held when last read (`previous`; the order here when none was kept) nor the
    /// order's now. Unlike a read of RMS, nothing of the CSV is laid over the order: every detail
    /// that differs is kept with RMS's value, taken in only when the operator accepts it.
    /// `omitting`: what the file does not hold (置き配, a column the shop's template left out), by
    /// key: a ``DetailField/key``, or one of ``csvAmountKeys``. Nil when nothing differs.
    public convenience init?(ours: Order, previous: Order, csv: Order, omitting: (String) -> Bool) {
        var fields: [Field] = []
        var details: [String: String] = [:]
        // The CSV's destinations in the order's own places, matched by 送付先ID; one the CSV lacks
        // is the order's own (no difference), one only the CSV has is not the order's.
        var csv = csv
        csv.packages = ours.packages.map { ours in csv.packages.first { $0.basketID == ours.basketID } ?? ours }
        // A character the CSV's CP932 writes otherwise (〜 as ～) is no difference.
        func compare(_ label: String, key: String? = nil, _ value: (Order) -> String) -> Bool {
            if let key, omitting(key) { return false }
            let now = value(csv)
            // Byte by byte: both are RMS's text (a String's == normalises Japanese first, slowly).
            let folded = CP932Variants.folded(now).utf8
            guard !folded.elementsEqual(CP932Variants.folded(value(previous)).utf8), !folded.elementsEqual(CP932Variants.folded(value(ours)).utf8)
            else { return false }
            fields.append(Field(label: label, ours: value(ours), rms: now))
            return true
        }
        // RMS's fees as accepting takes them: the order's own but for those the CSV changed.
        var fees = ours.fees
        if compare("送料", { $0.fees.shipping.description }) { fees.shipping = csv.fees.shipping }
        if compare("代引手数料", { $0.fees.cashOnDelivery.description }) { fees.cashOnDelivery = csv.fees.cashOnDelivery }
        if compare("決済手数料", key: "paymentCharge", { $0.fees.paymentCharge.description }) { fees.paymentCharge = csv.fees.paymentCharge }
        // Only what accepting takes in is a difference here: the fees and the details. The goods,
        // points and coupons come with RMS's own copy, which the next read of RMS brings.
        for field in DetailField.all(packages: ours.packages.count) {
            if compare(field.label, key: field.key, field.displayText(in:)) { details[field.key] = field.text(in: csv) }
        }
        let cancelled = csv.rmsProgress.isCancelling && !previous.rmsProgress.isCancelling && ours.localStatus != .cancelled
        if cancelled {
            fields.append(Field(label: "RMSステータス", ours: ours.rmsProgress.label, rms: "\(csv.rmsProgress.label)（店舗の操作ではありません）"))
        }
        guard !fields.isEmpty else { return nil }
        self.init(fields: fields, rmsFees: fees, cancelledInRMS: cancelled, rmsDetails: details.isEmpty ? nil : details)
    }

    /// The keys of the amounts a file may not hold (送料 and 代引料 it always does).
    public static let csvAmountKeys: Set<String> = ["paymentCharge"]
}
