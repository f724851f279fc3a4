/// A table of what the store keeps, as another backend holds it too: its columns in order, each
/// with the kind of value it holds, and the columns that tell its rows apart. The one list of what
/// a copy of the store carries (``kept``); what it leaves (``derived``) is made again where it goes.
public struct StoredTable: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case integer, text, blob

        public var title: String {
            switch self {
            case .integer: "整数"
            case .text: "文字列"
            case .blob: "バイナリ"
            }
        }
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let kind: Kind
    }

    public let name: String
    public let columns: [Column]
    public let key: [String]
    /// The column numbered by the store itself (journal entries, sends, slips): the next number
    /// goes on after the highest copied.
    public let numbered: String?

    init(_ name: String, key: [String], numbered: String? = nil, _ columns: KeyValuePairs<String, Kind>) {
        self.name = name
        self.key = key
        self.numbered = numbered
        self.columns = columns.map { Column(name: $0.key, kind: $0.value) }
    }

    /// Every table of the shop's data, parents before the tables that refer to them (an outbox
    /// row before its mail). A column added to the store is added here, and to each backend.
    public static let kept: [StoredTable] = [
        StoredTable("orders", key: ["id"], numbered: "id", [
            "id": .integer, "order_number": .text, "order_number_reversed": .text, "origin": .text, "ordered_at": .integer,
            "orderer_name": .text, "orderer_kana": .text, "phone_reversed": .text, "payment_method": .text, "local_status": .text,
            "rms_progress": .integer, "confirmed_at": .integer, "sync_state": .text, "sync_error": .text, "sync_detail": .text,
            "grand_total": .integer, "shipping_fee": .integer, "cod_fee": .integer, "payment_charge": .integer, "bundle_id": .text,
            "carrier": .text, "flags": .text, "payment_date": .text, "planned_shipment_date": .text, "shipment_date": .text,
            "delivery_date": .text, "packages_override": .blob, "goods_override": .integer, "imported_at": .integer,
            "updated_at": .integer, "revision": .integer, "pending_edit": .text, "rms_diff": .text, "read_problem": .text,
            "total_price": .integer, "request_price": .integer, "delivery_name": .text, "delivery_wish": .text,
            "delivery_slot": .integer, "sub_status": .text, "handling_marks": .text, "parcels": .text, "printed_slips": .text,
            "destination_key": .text, "has_remarks": .integer, "item_text": .text, "buyer_key": .text, "details_override": .text,
        ]),
        StoredTable("order_content", key: ["order_id"], [
            "order_id": .integer, "document": .blob, "raw_json": .blob, "pending_raw_json": .blob,
        ]),
        StoredTable("journal", key: ["id"], numbered: "id", [
            "id": .integer, "batch_id": .text, "at": .integer, "operator": .text, "action": .text, "order_number": .text,
            "field": .text, "before_value": .text, "after_value": .text, "undoable": .integer, "undone_by_batch": .text,
        ]),
        StoredTable("batch_desks", key: ["batch_id"], ["batch_id": .text, "desk": .text]),
        StoredTable("outbox", key: ["id"], numbered: "id", [
            "id": .integer, "kind": .text, "order_number": .text, "state": .text, "operator": .text, "claimed_by": .text,
            "created_at": .integer, "sent_at": .integer, "finished_at": .integer, "result": .text, "detail": .text,
            "attempt": .integer, "request_id": .text,
        ]),
        StoredTable("mail_messages", key: ["intent"], [
            "intent": .integer, "recipient": .text, "subject": .text, "message": .blob, "recorded_at": .integer,
        ]),
        StoredTable("printed_slips", key: ["id"], numbered: "id", [
            "id": .integer, "batch_id": .text, "kind": .text, "order_number": .text, "copy": .integer, "printed_at": .integer,
            "operator": .text, "destination": .text, "addressee": .text, "purpose": .text,
        ]),
        StoredTable("shipment_keys", key: ["key", "order_number", "basket_id"], [
            "key": .text, "order_number": .text, "basket_id": .integer, "created_at": .integer,
        ]),
        StoredTable("rule_acts", key: ["order_number", "rule"], [
            "order_number": .text, "rule": .text, "matched": .text, "hold": .text, "stopped": .integer, "batch_id": .text,
            "at": .integer, "waits_to_bundle": .integer,
        ]),
        StoredTable("rule_progress", key: ["id"], ["id": .integer, "checked_through": .integer]),
        StoredTable("sub_statuses", key: ["progress", "id"], [
            "id": .integer, "progress": .integer, "name": .text, "position": .integer, "read_at": .integer,
        ]),
        StoredTable("sync_failures", key: ["activity"], [
            "activity": .text, "at": .integer, "process": .text, "detail": .text, "count": .integer,
        ]),
        StoredTable("license_expiry", key: ["key_tail"], ["key_tail": .text, "expires_at": .integer, "read_at": .integer]),
        StoredTable("status_counts", key: ["local_status"], ["local_status": .text, "n": .integer]),
    ]

    /// The SQLite file's tables a copy leaves, each made again where it goes: the search indexes
    /// (from the orders), the change counter desks poll on this host, the worker's lease (this
    /// host's worker), and GRDB's record of migrations. (SQLite's own `sqlite_…` tables are the
    /// file's, not the shop's: the numbering `sqlite_sequence` keeps goes on where the copy goes.)
    public static let derived: Set<String> = [
        "order_search", "order_tails", "change_counter", "worker_lease", "grdb_migrations",
    ]
}
