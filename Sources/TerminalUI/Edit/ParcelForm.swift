import OrderEngine

/// 荷物番号の入力: the form over one order's parcels, basket by basket — each parcel's 配送会社 (a
/// choice), 荷物番号 and 発送日 (typed), and a blank row per basket for one more. A parcel RMS holds
/// can be changed (訂正待ち) or taken back (削除待ち); one being sent cannot. What is typed stays text
/// until it is saved.
public struct ParcelForm: Sendable {
    public struct Entry: Sendable, Equatable {
        public let basketID: Int
        /// The parcel as the form opened it; nil for a new one.
        public let original: Parcel?
        public var carrierIndex: Int
        public var number: String
        public var date: String
        /// Taken back when saved.
        public var deleting = false

        /// Being sent: shown, not changed.
        public var isLocked: Bool { original?.report.isInFlight == true }
        public var isNew: Bool { original == nil }
    }

    public enum Column: Int, Sendable, CaseIterable {
        case carrier, number, date
    }

    /// Rakuten's carriers, by code, as the choice cycles through them.
    public static let carriers: [Carrier] = Carrier.names.keys.sorted().map(Carrier.init(code:))

    public let original: Order
    public private(set) var entries: [Entry]
    public private(set) var row = 0
    public private(set) var column = Column.number
    /// Why the last save was refused.
    public var problems: [String] = []
    private let today: CalendarDate
    /// The focused text is replaced by what is typed next (it has just been reached).
    private var replacesOnType = true

    public init(order: Order, today: CalendarDate) {
        original = order
        self.today = today
        let preferred = order.carrier ?? order.parcels.last?.carrier ?? Carrier(code: "1001")
        var entries: [Entry] = []
        for package in order.packages {
            for parcel in order.parcels where parcel.basketID == package.basketID {
                entries.append(Entry(
                    basketID: package.basketID, original: parcel, carrierIndex: Self.index(of: parcel.carrier ?? preferred),
                    number: parcel.trackingNumber ?? "", date: parcel.shippedOn?.description ?? ""))
            }
            entries.append(Self.blank(package.basketID, carrier: preferred, today: today))
        }
        self.entries = entries
        row = entries.firstIndex { $0.isNew } ?? 0
    }

    private static func index(of carrier: Carrier) -> Int { carriers.firstIndex(of: carrier) ?? 0 }

    private static func blank(_ basketID: Int, carrier: Carrier, today: CalendarDate) -> Entry {
        Entry(basketID: basketID, original: nil, carrierIndex: index(of: carrier), number: "", date: today.description)
    }

    public var focused: Entry { entries[row] }

    public func carrier(of entry: Entry) -> Carrier { Self.carriers[entry.carrierIndex] }

    /// ↑↓ between parcels, passing over those being sent.
    public mutating func moveRow(by delta: Int) {
        var next = row + delta
        while entries.indices.contains(next), entries[next].isLocked { next += delta }
        guard entries.indices.contains(next) else { return }
        row = next
        replacesOnType = true
    }

    /// Tab between 配送会社, 荷物番号 and 発送日, on to the next parcel (back to the previous one) at the end.
    public mutating func moveColumn(by delta: Int) {
        let next = column.rawValue + delta
        if let column = Column(rawValue: next) {
            self.column = column
        } else {
            let before = row
            moveRow(by: next < 0 ? -1 : 1)
            guard row != before else { return }
            column = next < 0 ? .date : .carrier
        }
        replacesOnType = true
    }

    /// The focused parcel's carrier, one step along the list.
    public mutating func chooseCarrier(by delta: Int) {
        guard !focused.isLocked, !focused.deleting else { return }
        entries[row].carrierIndex = (focused.carrierIndex + delta + Self.carriers.count) % Self.carriers.count
        problems = []
    }

    /// A character typed into the focused 荷物番号 (letters, digits, hyphens) or 発送日 (digits and
    /// - or /), full-width as IMEs type them too. False for a key the field does not take.
    @discardableResult
    public mutating func type(_ character: Character) -> Bool {
        guard !focused.isLocked, !focused.deleting, column != .carrier else { return false }
        let ascii = character.typedASCII
        switch column {
        case .number:
            guard ascii.isASCII, ascii.isLetter || ascii.isNumber || ascii == "-" else { return false }
            edit(\.number, limit: TrackingNumber.maximumLength) { $0.append(ascii) }
        case .date:
            guard ascii.isASCII, ascii.isNumber || ascii == "-" || ascii == "/" else { return false }
            edit(\.date, limit: 10) { $0.append(ascii) }
        case .carrier:
            return false
        }
        return true
    }

    public mutating func deleteBackward() {
        guard !focused.isLocked, !focused.deleting else { return }
        switch column {
        case .number: edit(\.number, limit: .max, keeping: true) { if !$0.isEmpty { $0.removeLast() } }
        case .date: edit(\.date, limit: .max, keeping: true) { if !$0.isEmpty { $0.removeLast() } }
        case .carrier: break
        }
    }

    private mutating func edit(_ field: WritableKeyPath<Entry, String>, limit: Int, keeping: Bool = false, _ change: (inout String) -> Void) {
        var text = replacesOnType && !keeping ? "" : entries[row][keyPath: field]
        replacesOnType = false
        change(&text)
        guard text.count <= limit else { return }
        entries[row][keyPath: field] = text
        problems = []
    }

    /// 削除: a parcel the form opened with is taken back when saved (again: kept); a new one is
    /// cleared.
    public mutating func toggleDelete() {
        guard !focused.isLocked else { return }
        if focused.isNew {
            entries[row].number = ""
        } else {
            entries[row].deleting.toggle()
        }
        problems = []
    }

    /// One more blank parcel for the focused basket (several parcels to one address).
    public mutating func addParcel() {
        let basket = focused.basketID
        let last = entries.lastIndex { $0.basketID == basket } ?? row
        if entries[last].isNew, entries[last].number.isEmpty {
            row = last
        } else {
            entries.insert(Self.blank(basket, carrier: carrier(of: focused), today: today), at: last + 1)
            row = last + 1
        }
        column = .number
        replacesOnType = true
    }

    /// The changes the texts make, in order: each new parcel with a number added, each changed one
    /// amended, each marked taken back; or the first problem, naming the parcel.
    public var edits: Result<[ParcelEdit], EditInputError> {
        var edits: [ParcelEdit] = []
        for entry in entries where !entry.isLocked {
            let carrier = carrier(of: entry)
            if let parcel = entry.original, entry.deleting {
                edits.append(.delete(trackingNumber: parcel.trackingNumber ?? ""))
                continue
            }
            if entry.isNew, entry.number.isEmpty { continue }
            let place = "送付先 \(entry.basketID)" + (entry.original?.trackingNumber.map { " の荷物 \($0)" } ?? "")
            let number: String
            do {
                number = try TrackingNumber.normalized(entry.number, carrier: carrier)
            } catch {
                return .failure(EditInputError("\(place): \(error.description)"))
            }
            guard let date = CalendarDate(parsing: entry.date) else {
                return .failure(EditInputError("\(place): 発送日「\(entry.date)」は日付ではありません（例: \(today)）"))
            }
            guard date <= today else {
                return .failure(EditInputError("\(place): 発送日 \(date) は今日より後です"))
            }
            guard let parcel = entry.original else {
                edits.append(.add(Parcel(basketID: entry.basketID, carrier: carrier, trackingNumber: number, shippedOn: date)))
                continue
            }
            let changedCarrier = parcel.carrier == carrier ? nil : carrier
            let changedNumber = parcel.trackingNumber == number ? nil : number
            let changedDate = parcel.shippedOn == date ? nil : date
            if changedCarrier != nil || changedNumber != nil || changedDate != nil {
                edits.append(.amend(trackingNumber: parcel.trackingNumber ?? "", carrier: changedCarrier, newNumber: changedNumber, shippedOn: changedDate))
            }
        }
        return .success(edits)
    }
}
