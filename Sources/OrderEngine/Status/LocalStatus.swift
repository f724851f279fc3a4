/// The shop's own status of an order (受注ステータス), as peers have them. The list is configurable.
///
/// A status has a stable id apart from the name the desk shows: the store, the journal and
/// documents keep the id, so that what a status means (出荷済み: reported; キャンセル: out of every
/// count) never hangs on its Japanese name. A status the engine knows (the defaults) has an id of
/// its own (`shipped`); a shop's own status is known by its name, which is its id.
public struct LocalStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: String
    /// What the desk shows: 「出荷済み」.
    public let name: String

    private init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The status of this name (config.toml, rules.toml, a status typed): one the engine knows by
    /// its name, or the shop's own.
    public init(_ name: String) {
        self = Self.known.first { $0.name == name } ?? LocalStatus(id: name, name: name)
    }

    /// The status as stored: by its id — or by its name, as versions before ids wrote it (and as
    /// old journal rows and documents still hold it).
    public init(id: String) {
        self = Self.known.first { $0.id == id } ?? LocalStatus(id)
    }

    public var description: String { name }

    public static func == (lhs: LocalStatus, rhs: LocalStatus) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public static let newOrder = LocalStatus(id: "new-order", name: "新規受付")
    public static let newOrderMailed = LocalStatus(id: "new-order-mailed", name: "新規受付メール済み")
    public static let awaitingPayment = LocalStatus(id: "awaiting-payment", name: "入金待ち")
    public static let awaitingShipment = LocalStatus(id: "awaiting-shipment", name: "出荷待ち")
    public static let shipped = LocalStatus(id: "shipped", name: "出荷済み")
    public static let onHold = LocalStatus(id: "on-hold", name: "保留")
    public static let cancelled = LocalStatus(id: "cancelled", name: "キャンセル")

    /// The statuses the engine knows, with ids of their own.
    public static let known: [LocalStatus] = [
        .newOrder, .newOrderMailed, .awaitingPayment, .awaitingShipment, .shipped, .onHold, .cancelled,
    ]

    /// The default list, in the order the desk shows its tabs.
    public static let defaults: [LocalStatus] = known

    /// Whether `name` may name a shop's own status: not an id of a status the engine knows (it
    /// would be read back as that status).
    public static func isFreeName(_ name: String) -> Bool {
        !known.contains { $0.id == name }
    }

    public init(from decoder: any Decoder) throws {
        self.init(id: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
