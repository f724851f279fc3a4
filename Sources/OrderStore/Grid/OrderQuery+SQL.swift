import OrderEngine

/// The search line's language (``OrderQuery``) as this store's SQL.
extension OrderQuery {
    /// The SQL clauses for the filters (without the words) and their arguments. Times are bound
    /// as text: the INTEGER column's affinity makes SQLite compare them as numbers.
    /// `mailTemplates`: 名前 → file name, for メール: by either.
    func clauses(mailTemplates: [String: String] = [:], dialect: SQLDialect = .sqlite) -> (sql: [String], arguments: [String]) {
        var sql: [String] = []
        var arguments: [String] = []
        func add(_ clause: String, _ argument: String) {
            sql.append(clause)
            arguments.append(argument)
        }
        func anyOf(_ column: String, _ names: [String]) {
            sql.append("(" + names.map { _ in "\(column) \(dialect.like) ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            arguments += names.map(Self.containing)
        }
        if let payment { anyOf("payment_method", OrderQuery.paymentAliases[payment] ?? [payment]) }
        if let flag { add("flags \(dialect.like) ? ESCAPE '\\'", Self.containing("\t" + flag + "\t")) }
        if let from { add("ordered_at >= \(dialect.number)", String(from.startInJapan)) }
        if let through { add("ordered_at < \(dialect.number)", String(through.startInJapan + 86_400)) }
        if let delivery { anyOf("delivery_name", OrderQuery.deliveryAliases[delivery] ?? [delivery]) }
        // Part of a mark finds it: 特記:コンビニ finds コンビニ受取, 特記:ギフト also ソーシャルギフト.
        if let mark { add("handling_marks \(dialect.like) ? ESCAPE '\\'", Self.containing(mark)) }
        if let subStatus { add("sub_status \(dialect.like) ? ESCAPE '\\'", Self.containing(subStatus)) }
        if anyDeliveryDate { sql.append("delivery_wish IS NOT NULL") }
        if let deliveryFrom { add("delivery_wish >= ?", deliveryFrom.description) }
        if let deliveryThrough { add("delivery_wish <= ?", deliveryThrough.description) }
        if let item { add("item_text \(dialect.like) ? ESCAPE '\\'", Self.containing(item)) }
        if let hasRemarks { sql.append("has_remarks = \(hasRemarks ? 1 : 0)") }
        if shippingFeeUnset { sql.append("shipping_fee IS NULL") }
        if bundleCandidate { sql.append("(\(OrderStore.bundleCandidate(dialect)))") }
        // Counted once per row; a count has no column affinity to make a bound text a number, so
        // the numbers are written in.
        if earlierOrdersFrom != nil || earlierOrdersThrough != nil {
            sql.append("(\(OrderStore.earlierOrders)) BETWEEN \(earlierOrdersFrom ?? 0) AND \(earlierOrdersThrough ?? Int.max)")
        }
        if let rms { sql.append("rms_progress IN (" + rms.map { String($0.code) }.joined(separator: ",") + ")") }
        if let link { sql.append(Self.linkClause(link)) }
        if let slip {
            let kinds = slip.name.flatMap(SlipKind.init(label:)).map { [$0] } ?? SlipKind.allCases
            // printed_slips: the kinds printed, between tabs (the column StoreSchemaV16 adds to orders).
            let tab = dialect.character(9)
            let made = "(" + kinds.map { dialect.position(of: "\(tab) || '\($0.rawValue)' || \(tab)", in: "\(tab) || printed_slips || \(tab)") + " > 0" }
                .joined(separator: " OR ") + ")"
            sql.append(slip.present ? made : "NOT " + made)
        }
        if let mail {
            // Driven by the outbox (a few rows per order sent to), not tested row by row over every order.
            var sent = "order_number IN (SELECT m.order_number FROM outbox AS m WHERE m.kind = 'send-mail' AND m.state = 'done'"
            if let name = mail.name {
                sent += " AND m.detail IN (?, ?)"
                arguments += [name, mailTemplates[name] ?? name]
            }
            sent += ")"
            sql.append(mail.present ? sent : "NOT " + sent)
        }
        if let parcel {
            // parcels: a line per parcel, its report last (``Parcel/line``).
            switch parcel {
            case .some: sql.append("parcels != ''")
            case .none: sql.append("parcels = ''")
            case .unreported:
                let newline = dialect.character(10)
                let reports: [Parcel.Report] = [.unreported, .amended, .deleted]
                let found = reports.map { (report: Parcel.Report) -> String in
                    dialect.position(of: "'|" + report.rawValue + "' || " + newline, in: "parcels || " + newline) + " > 0"
                }
                sql.append("(" + found.joined(separator: " OR ") + ")")
            }
        }
        if let amountFrom { add("request_price >= \(dialect.number)", String(amountFrom)) }
        if let amountThrough { add("request_price <= \(dialect.number)", String(amountThrough)) }
        return (sql, arguments)
    }

    /// 連携: the order's own state, and for writes the latest intent of each kind (mails aside).
    private static func linkClause(_ link: Link) -> String {
        // Driven by the outbox's open states (its index by state), not tested row by row.
        func latestWrite(_ states: String) -> String {
            "order_number IN (SELECT w.order_number FROM outbox AS w WHERE w.state IN (\(states)) AND w.kind != 'send-mail'"
                + " AND NOT EXISTS (SELECT 1 FROM outbox AS later WHERE later.order_number = w.order_number AND later.kind = w.kind AND later.id > w.id))"
        }
        switch link {
        case .notSent: return "sync_state = 'notSent'"
        case .sending: return "(sync_state = 'confirmSending' OR \(latestWrite("'pending', 'sending'")))"
        case .rakutenProcessing: return "sync_state = 'rakutenProcessing'"
        case .rakutenDone: return "sync_state = 'rakutenDone'"
        case .failed: return "(sync_state = 'failed' OR \(latestWrite("'failed'")))"
        case .unknown: return latestWrite("'unknown'")
        }
    }

    /// A LIKE pattern for text containing `text` as typed: its % and _ are themselves.
    static func containing(_ text: String) -> String { "%" + escaped(text) + "%" }

    /// A LIKE pattern for text that starts with `text` as typed.
    static func startingWith(_ text: String) -> String { escaped(text) + "%" }

    private static func escaped(_ text: String) -> String {
        var pattern = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }
}
