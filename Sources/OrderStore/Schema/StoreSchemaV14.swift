import GRDB

/// Version 14: mails through the outbox. Each intent may say what it is about beyond its kind
/// (`detail`: a mail's template) and which try it is (`attempt`: 0, or more when the operator
/// chose to send a mail again); one mail per order, template and try can be claimed while pending,
/// sending, sent or unclear. `mail_messages` keeps each mail exactly as it was handed to the relay,
/// written before its bytes leave.
enum StoreSchemaV14 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN detail TEXT;
            ALTER TABLE outbox ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
            CREATE UNIQUE INDEX outbox_one_mail ON outbox(order_number, detail, attempt)
                WHERE kind = 'send-mail' AND state IN ('pending', 'sending', 'done', 'unknown');
            CREATE TABLE mail_messages (
                intent INTEGER PRIMARY KEY NOT NULL REFERENCES outbox(id),
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                message BLOB NOT NULL,
                recorded_at INTEGER NOT NULL
            );
            """)
    }
}
