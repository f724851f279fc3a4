/// The query decided for one order in memory, term by term — what a rule matched and why it did
/// not — the same answer a store's query gives for the same line.
extension OrderQuery {
    /// One term of the line, decided: 「支払=代金引換」 when it holds, 「支払: クレジットカード（代引ではない）」
    /// when not.
    public struct TermResult: Sendable, Equatable {
        public let holds: Bool
        public let text: String
    }

    /// What a term needs from beyond the order itself, which the store knows from the other
    /// orders: which orders are 同梱候補, and how many earlier orders each one's buyer has here.
    public struct Context: Sendable {
        public var bundleCandidates: Set<OrderNumber>
        /// リピート: the buyer's earlier orders (none when absent).
        public var earlierOrders: [OrderNumber: Int]
        /// 連携:, 帳票:, メール:: each order's writes, documents and mails (none when absent).
        public var records: [OrderNumber: Records]

        public init(bundleCandidates: Set<OrderNumber> = [], earlierOrders: [OrderNumber: Int] = [:], records: [OrderNumber: Records] = [:]) {
            self.bundleCandidates = bundleCandidates
            self.earlierOrders = earlierOrders
            self.records = records
        }
    }

    /// Whether `order` is one the query finds (each term decided, no words made: rules decide
    /// this for every order and rule).
    public func matches(_ order: Order, in context: Context = Context()) -> Bool {
        var none: [TermResult] = []
        return evaluate(order, in: context, describingInto: &none, describing: false)
    }

    /// Each term asked for, decided for `order`, in the line's own order of keys.
    public func explain(_ order: Order, in context: Context = Context()) -> [TermResult] {
        var results: [TermResult] = []
        _ = evaluate(order, in: context, describingInto: &results, describing: true)
        return results
    }

    /// Whether every term holds; with `describing`, each term in words into `results`.
    private func evaluate(_ order: Order, in context: Context, describingInto results: inout [TermResult], describing: Bool) -> Bool {
        var allHold = true
        func add(_ key: String, _ holds: Bool, found: @autoclosure () -> String, asked: @autoclosure () -> String) {
            allHold = allHold && holds
            guard describing else { return }
            let found = found()
            results.append(TermResult(holds: holds, text: holds ? "\(key)=\(found)" : "\(key): \(found)（\(asked())ではない）"))
        }
        if let payment {
            let name = order.payment.methodName
            add("支払", (Self.paymentAliases[payment] ?? [payment]).contains { name.contains($0) }, found: name.isEmpty ? "なし" : name, asked: payment)
        }
        if let flag {
            add("チェック", order.flags.contains(flag), found: order.flags.contains(flag) ? flag : (order.flags.sorted().joined(separator: "・").nonEmpty ?? "なし"), asked: flag)
        }
        if from != nil || through != nil {
            let day = CalendarDate(japanDayOf: JapanTime(order.orderedAt))
            let holds = (from.map { day >= $0 } ?? true) && (through.map { day <= $0 } ?? true)
            add("日付", holds, found: day.description, asked: Self.range(from, through))
        }
        if let delivery {
            let name = order.delivery?.method ?? ""
            add("配送", (Self.deliveryAliases[delivery] ?? [delivery]).contains { name.contains($0) }, found: name.nonEmpty ?? "なし", asked: delivery)
        }
        if let mark {
            let marks = order.handlingMarks
            let found = marks.first { $0.contains(mark) }
            add("特記", found != nil, found: found ?? (marks.joined(separator: "・").nonEmpty ?? "なし"), asked: mark)
        }
        if let subStatus {
            let name = order.delivery?.subStatus ?? ""
            add("サブ", name.contains(subStatus), found: name.nonEmpty ?? "なし", asked: subStatus)
        }
        if anyDeliveryDate || deliveryFrom != nil || deliveryThrough != nil {
            let wish = order.delivery?.date
            let holds = wish.map { wish in
                (deliveryFrom.map { wish >= $0 } ?? true) && (deliveryThrough.map { wish <= $0 } ?? true)
            } ?? false
            add("お届け", holds, found: wish?.description ?? "指定なし", asked: anyDeliveryDate ? "指定あり" : Self.range(deliveryFrom, deliveryThrough))
        }
        if amountFrom != nil || amountThrough != nil {
            let yen = order.requestPrice.yen
            let holds = yen.map { yen in (amountFrom.map { yen >= $0 } ?? true) && (amountThrough.map { yen <= $0 } ?? true) } ?? false
            add("金額", holds, found: yen.map(Money.groupedYen) ?? "未設定",
                asked: Self.range(amountFrom.map(Money.groupedYen), amountThrough.map(Money.groupedYen)))
        }
        if let item {
            add("商品", order.itemText.contains(item), found: order.packages.flatMap(\.items)
                .first { $0.name.contains(item) || $0.manageNumber.contains(item) }
                .map { $0.manageNumber.isEmpty ? $0.name : $0.manageNumber } ?? "「\(item)」なし", asked: item)
        }
        if let hasRemarks {
            let has = order.hasRemarks
            add("備考", has == hasRemarks, found: has ? "あり" : "なし", asked: hasRemarks ? "あり" : "なし")
        }
        if shippingFeeUnset {
            add("送料", order.fees.shipping.isUnset, found: order.fees.shipping.isUnset ? "未設定" : (order.fees.shipping.yen.map(Money.groupedYen) ?? ""), asked: "未設定")
        }
        if bundleCandidate {
            let candidate = context.bundleCandidates.contains(order.number)
            add("同梱", candidate, found: candidate ? "候補" : "候補なし", asked: "候補")
        }
        if earlierOrdersFrom != nil || earlierOrdersThrough != nil {
            let count = context.earlierOrders[order.number] ?? 0
            let holds = (earlierOrdersFrom.map { count >= $0 } ?? true) && (earlierOrdersThrough.map { count <= $0 } ?? true)
            let asked = earlierOrdersFrom == 1 && earlierOrdersThrough == nil ? "あり"
                : earlierOrdersFrom == 0 && earlierOrdersThrough == 0 ? "なし"
                : Self.range(earlierOrdersFrom.map { "\($0)件" }, earlierOrdersThrough.map { "\($0)件" })
            add("リピート", holds, found: count == 0 ? "なし" : "これまで\(count)件", asked: asked)
        }
        recordTerms(order, context.records[order.number] ?? Records()) { key, holds, found, asked in
            add(key, holds, found: found, asked: asked)
        }
        if !words.isEmpty {
            let text = Self.searchedText(of: order)
            let missing = words.split(whereSeparator: \.isWhitespace).first { !Self.finds(String($0), in: text, order) }
            add("語句", missing == nil, found: missing.map { "「\($0)」なし" } ?? words, asked: words)
        }
        return allHold
    }

    /// `A..B` as a range in words: 「12/01〜12/05」, an open end left blank.
    private static func range(_ low: (some CustomStringConvertible)?, _ high: (some CustomStringConvertible)?) -> String {
        if let low, let high, low.description == high.description { return low.description }
        return "\(low?.description ?? "")〜\(high?.description ?? "")"
    }

    /// Names (orderer and destinations, kana too) and item names, kana folded and without spaces,
    /// as the store's text index reads them.
    private static func searchedText(of order: Order) -> String {
        var parts = [order.orderer.fullName, order.orderer.fullNameKana]
        for package in order.packages {
            parts += [package.destination.fullName, package.destination.fullNameKana]
            parts += package.items.map(\.name)
        }
        return KanaFolding.folded(parts.joined(separator: "\n").filter { !$0.isWhitespace || $0 == "\n" }).lowercased()
    }

    /// A word is found as the tail of the order's or phone's digits, or as part of its text.
    private static func finds(_ word: String, in text: String, _ order: Order) -> Bool {
        let digits = word.filter(\.isNumber)
        if !digits.isEmpty, digits.count == word.filter({ $0 != "-" && $0 != "－" }).count {
            let ascii = String(digits.compactMap { $0.wholeNumberValue.map(String.init) }.joined())
            return order.number.rawValue.filter(\.isNumber).hasSuffix(ascii)
                || order.orderer.phoneNumber.filter(\.isNumber).hasSuffix(ascii)
                || order.number.rawValue.contains(word)
        }
        return text.contains(KanaFolding.folded(word).lowercased())
    }
}

extension String {
    /// Nil for the empty string: for 「なし」 in place of nothing.
    var nonEmpty: String? { isEmpty ? nil : self }
}
