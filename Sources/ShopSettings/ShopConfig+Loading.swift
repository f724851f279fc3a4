import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import TOMLKit

extension ShopConfig {
    /// Reads config.toml at `path`, with secrets from the environment where the file has none.
    /// A file that holds a secret and that group or others can read is refused, as ssh refuses
    /// such a key. A missing file at the default path is no error: the defaults and the
    /// environment are used.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (ShopConfig, String) {
        let file = path ?? defaultPath
        var config = ShopConfig()
        if FileManager.default.fileExists(atPath: file) {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ConfigError(file: file, key: nil, problem: "読めません: \(error.localizedDescription)")
            }
            try config.read(text, file: file)
            if config.serviceSecret != nil || config.licenseKey != nil || config.mail?.password != nil || config.mail?.ownServer?.password != nil {
                try refuseIfReadableByOthers(file)
            }
        } else if path != nil {
            throw ConfigError(file: file, key: nil, problem: "ファイルがありません")
        }
        if config.serviceSecret == nil { config.serviceSecret = environment["JUCHU_SERVICE_SECRET"] }
        if config.licenseKey == nil { config.licenseKey = environment["JUCHU_LICENSE_KEY"] }
        if config.mail != nil, config.mail?.password == nil { config.mail?.password = environment["JUCHU_SMTP_PASSWORD"] }
        if config.mail?.ownServer != nil, config.mail?.ownServer?.password == nil { config.mail?.ownServer?.password = environment["JUCHU_OWN_SMTP_PASSWORD"] }
        return (config, file)
    }

    static func refuseIfReadableByOthers(_ file: String) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        if mode & 0o077 != 0 {
            throw ConfigError(
                file: file, key: nil,
                problem: String(format: "秘密の値（serviceSecret / licenseKey / mail.password / mail.own_server.password）を含むのに、他のユーザーが読めます（権限 %o）。chmod 600 %@ としてください", mode, file))
        }
    }

    /// The tables and keys config.toml may have.
    static let knownKeys: [String: Set<String>] = [
        "shop": ["id", "delivery_methods"],
        "api": ["base_url", "service_secret", "license_key", "license_expires", "requests_per_second", "async_apply_seconds"],
        "fetch": ["from_status", "store_as", "days_back", "automatic", "interval_minutes", "skip_younger_than_minutes", "confirm_poll_seconds", "reconcile_days"],
        "store": ["path", "url", "password_file", "group"],
        "backup": ["folder", "keep", "daily"],
        "operators": ["viewer", "clerk", "manager"],
        "rules": ["path"],
        "orders": ["channels", "payment_methods"],
        "desk": ["statuses", "flags", "views", "columns"],
        "shipping": ["status_after_report", "lead_days", "yupri_layout", "yupri_slip_type", "yupri_cod_slip_type", "yupri_postbox_slip_type", "b2_postbox_slip_type", "ehiden_cod_payment"],
        "sender": ["name", "phone", "zip", "address", "yamato_customer_code", "yamato_freight_number"],
        "mail": ["smtp_host", "smtp_port", "username", "password", "from", "from_name", "bcc", "registered", "starttls", "ca_file",
                 "hold_minutes", "shop_name", "bank_account", "own_server"],
        // The shop's own server, for the orders it took itself (電話・FAX・店舗).
        "mail.own_server": ["smtp_host", "smtp_port", "username", "password", "from", "from_name", "bcc", "starttls", "ca_file"],
        "slips": ["shop_name", "zip", "address", "phone", "registration_number", "printer", "renderer", "shelves", "receipt_purpose"],
    ]

    public mutating func read(_ text: String, file: String) throws {
        let table = try ConfigError.table(of: text, file: file)
        let topLevel = Self.knownKeys.keys.filter { !$0.contains(".") }.sorted()
        for name in table.keys {
            guard let known = Self.knownKeys[name], !name.contains(".") else {
                throw ConfigError(file: file, key: name, problem: "不明な表です（使えるのは \(topLevel.map { "[\($0)]" }.joined(separator: " "))）")
            }
            guard let section = table[name]?.table else { throw ConfigError(file: file, key: name, problem: "表でなければなりません") }
            for key in section.keys where !known.contains(key) {
                throw ConfigError(file: file, key: "\(name).\(key)", problem: "不明な設定です（使えるのは \(known.sorted().joined(separator: ", "))）")
            }
            // A table inside this one ([mail.own_server]): a table, with its own keys.
            for (key, known) in Self.knownKeys where key.hasPrefix(name + ".") {
                let inner = String(key.dropFirst(name.count + 1))
                guard let value = section[inner] else { continue }
                guard let nested = value.table else { throw ConfigError(file: file, key: key, problem: "表でなければなりません（[\(key)]）") }
                for entry in nested.keys where !known.contains(entry) {
                    throw ConfigError(file: file, key: "\(key).\(entry)", problem: "不明な設定です（使えるのは \(known.sorted().joined(separator: ", "))）")
                }
            }
        }
        let reader = Reader(table: table, file: file)
        if let id = try reader.string("shop", "id") {
            guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw reader.error("shop", "id", "店舗ID（数字）を書いてください: 「\(id)」") }
            shopID = id
        }
        if let url = try reader.string("api", "base_url") {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw reader.error("api", "base_url", "URLではありません: 「\(url)」")
            }
            baseURL = url
        }
        serviceSecret = try reader.string("api", "service_secret")
        licenseKey = try reader.string("api", "license_key")
        if let text = try reader.dateText("api", "license_expires") {
            guard let date = CalendarDate(parsing: text) else { throw reader.error("api", "license_expires", "日付ではありません: 「\(text)」（例: 2027-02-28）") }
            licenseExpires = date
        }
        if let rate = try reader.number("api", "requests_per_second") {
            guard rate > 0, rate <= 100 else { throw reader.error("api", "requests_per_second", "0より大きく100以下にしてください（\(rate)）") }
            requestsPerSecond = rate
        }
        if let seconds = try reader.number("api", "async_apply_seconds") {
            guard seconds >= 0, seconds <= 86_400 else { throw reader.error("api", "async_apply_seconds", "0以上86400以下の秒数にしてください（\(seconds)）") }
            asyncApplySeconds = seconds
        }
        if let status = try reader.string("fetch", "from_status") {
            guard let progress = RMSProgress.all.first(where: { $0.label == status || "\($0.code)" == status }) else {
                throw reader.error("fetch", "from_status", "RMSのステータスではありません: 「\(status)」（例: 注文確認待ち）")
            }
            fetch.rmsProgress = progress
        }
        if let status = try reader.string("fetch", "store_as") {
            guard !status.isEmpty else { throw reader.error("fetch", "store_as", "受注ステータスを書いてください") }
            fetch.localStatus = LocalStatus(status)
        }
        if let days = try reader.integer("fetch", "days_back", in: 1...63) { fetch.lookBackDays = days }
        if let minutes = try reader.integer("fetch", "skip_younger_than_minutes", in: 0...1440) { fetch.skipYoungerThanMinutes = minutes }
        if let days = try reader.integer("fetch", "reconcile_days", in: 0...730) { fetch.reconcileDays = days }
        let automatic = try reader.bool("fetch", "automatic") ?? true
        let interval = try reader.integer("fetch", "interval_minutes", in: 1...1440) ?? 10
        fetchInterval = automatic ? .seconds(interval * 60) : nil
        if let seconds = try reader.integer("fetch", "confirm_poll_seconds", in: 5...3600) { confirmPollInterval = .seconds(seconds) }
        if let names = try reader.strings("desk", "statuses") {
            guard !names.isEmpty, Set(names).count == names.count, !names.contains("") else {
                throw reader.error("desk", "statuses", "空でない、重複のない受注ステータスの一覧にしてください")
            }
            if let taken = names.first(where: { !LocalStatus.isFreeName($0) }) {
                throw reader.error("desk", "statuses", "「\(taken)」は受注ステータスの名前に使えません（juchuが内部で使う名前です）")
            }
            statuses = names.map { LocalStatus($0) }
        }
        if let names = try reader.strings("desk", "flags") { flags = names.filter { !$0.isEmpty } }
        if let names = try reader.strings("shop", "delivery_methods") {
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw reader.error("shop", "delivery_methods", "RMSで設定した配送方法の名前を1つ以上書いてください")
            }
            deliveryMethods = names
        }
        for (key, known) in [("channels", HandOrderDraft.Settings.defaultChannels), ("payment_methods", HandOrderDraft.Settings.defaultPaymentMethods)] {
            guard let names = try reader.strings("orders", key) else { continue }
            guard !names.isEmpty, !names.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }), Set(names).count == names.count else {
                throw reader.error("orders", key, "名前を1つ以上、重ねずに書いてください（例: \(known.joined(separator: ", "))）")
            }
            if key == "channels" {
                if let unknown = names.first(where: { OrderOrigin.HandEntryChannel(label: $0) == nil }) {
                    throw reader.error("orders", key, "「\(unknown)」は受付方法にできません（\(known.joined(separator: "・")) から選びます）")
                }
                handOrderChannels = names
            } else {
                // Cash on delivery is known by its one name: a label collects the cash only for it.
                if let cod = names.first(where: { ($0.contains("代引") || $0.contains("代金引換")) && $0 != HandOrderDraft.cashOnDelivery }) {
                    throw reader.error("orders", key, "「\(cod)」: 代金引換は「\(HandOrderDraft.cashOnDelivery)」と書いてください（送り状が代金を集めるのはこの名前の支払方法です）")
                }
                handOrderPaymentMethods = names
            }
        }
        if let names = try reader.strings("desk", "columns") { columns = try readColumns(names, reader: reader) }
        if let list = table["desk"]?.table?["views"] {
            views = try readViews(list, file: file)
        }
        guard statuses.contains(fetch.localStatus) else {
            throw ConfigError(file: file, key: "fetch.store_as", problem: "desk.statuses にない受注ステータスです（\(fetch.localStatus.name)）: 取り込んだ注文がどのタブにも出ません")
        }
        try readSender(reader)
        try readMail(reader)
        try readSlips(reader)
        if let days = try reader.integer("shipping", "lead_days", in: 0...60) { shipLeadDays = days }
        if let status = try reader.string("shipping", "status_after_report") {
            guard status.isEmpty || statuses.contains(LocalStatus(status)) else {
                throw reader.error("shipping", "status_after_report", "desk.statuses にない受注ステータスです（\(status)）。空にすると変えません")
            }
            statusAfterShipReport = status.isEmpty ? nil : LocalStatus(status)
        }
        if let path = try reader.string("store", "path") {
            guard path.hasPrefix("/") || path.hasPrefix("~/") else {
                throw reader.error("store", "path", "絶対パスで書いてください（/ か ~/ で始まるパス: 「\(path)」）")
            }
            databasePath = path.hasPrefix("~/") ? XDGPaths.home + path.dropFirst() : path
        }
        if let url = try reader.string("store", "url") {
            guard try reader.string("store", "path") == nil else {
                throw reader.error("store", "url", "path（SQLite のファイル）と url（PostgreSQL）はどちらか一方だけ書いてください")
            }
            do {
                storeServer = try PostgresLocation(url: url)
            } catch {
                throw reader.error("store", "url", error.description)
            }
        }
        if let file = try reader.string("store", "password_file") {
            guard storeServer != nil else { throw reader.error("store", "password_file", "url（PostgreSQL）を書いたときだけ使います") }
            guard file.hasPrefix("/") || file.hasPrefix("~/") else {
                throw reader.error("store", "password_file", "絶対パスで書いてください（/ か ~/ で始まるパス: 「\(file)」）")
            }
            storePasswordFile = file.hasPrefix("~/") ? XDGPaths.home + file.dropFirst() : file
        }
        if let group = try reader.string("store", "group") {
            do {
                fileAccess = try FileAccess.shared(by: group)
            } catch {
                throw reader.error("store", "group", error.description)
            }
        }
        // Beside the database unless said: one folder for every operator of a shared store.
        backup.folder = BackupFolder(path: (databasePath as NSString).deletingLastPathComponent + "/backups")
        if let folder = try reader.string("backup", "folder") {
            guard folder.hasPrefix("/") || folder.hasPrefix("~/") else { throw reader.error("backup", "folder", "絶対パスで書いてください（\(folder)）") }
            backup.folder = BackupFolder(path: folder.hasPrefix("~/") ? XDGPaths.home + folder.dropFirst() : folder)
        }
        if let keep = try reader.integer("backup", "keep", in: 1...365) { backup.keep = keep }
        if let daily = try reader.bool("backup", "daily") { backup.every = daily ? 86_400 : nil }
        if reader.hasTable("operators") {
            var members: [OperatorRole: [String]] = [:]
            for role in OperatorRole.allCases {
                guard let names = try reader.strings("operators", role.key) else { continue }
                if let empty = names.first(where: { $0.isEmpty || $0 == "@" }) {
                    throw reader.error("operators", role.key, "空の名前があります（「\(empty)」）: OSのユーザー名か、@グループ名を書いてください")
                }
                members[role] = names
            }
            guard !(members[.manager] ?? []).isEmpty else {
                throw reader.error("operators", "manager", "管理（manager）を一人以上書いてください（注文確認通知・キャンセル・復元をする人）")
            }
            operators = OperatorRoles(members: members)
        }
        if let path = try reader.string("rules", "path") {
            guard !path.isEmpty else { throw reader.error("rules", "path", "rules.toml のパスを書いてください") }
            rulesPath = path.hasPrefix("~/") ? XDGPaths.home + path.dropFirst() : path
        }
    }

    /// `[desk] columns`: known columns by key or title, each once, the order number among them.
    private func readColumns(_ names: [String], reader: Reader) throws -> [GridColumn] {
        var columns: [GridColumn] = []
        for name in names {
            guard let column = GridColumn(name: name) else {
                let known = GridColumn.allCases.map { "\($0.rawValue)（\($0.title)）" }.joined(separator: "、")
                throw reader.error("desk", "columns", "知らない列です（\(name)）。使える列: \(known)")
            }
            guard !columns.contains(column) else { throw reader.error("desk", "columns", "同じ列が2回あります（\(name)）") }
            columns.append(column)
        }
        guard columns.contains(.number) else {
            throw reader.error("desk", "columns", "受注番号（number）の列は外せません: どの注文の行か分からなくなります")
        }
        return columns
    }

    /// `[[desk.views]]`: each with a name, and a status of `desk.statuses` and/or a search line.
    private func readViews(_ list: any TOMLValueConvertible, file: String) throws -> [SavedView] {
        guard let array = list.array else { throw ConfigError(file: file, key: "desk.views", problem: "[[desk.views]] の表の並びで書いてください") }
        guard array.count <= 20 else { throw ConfigError(file: file, key: "desk.views", problem: "表示は20件までです（\(array.count)件）") }
        return try array.enumerated().map { index, element in
            let key = "desk.views[\(index + 1)]"
            guard let view = element.table else { throw ConfigError(file: file, key: key, problem: "表で書いてください（name, status, search）") }
            for name in view.keys where !["name", "status", "search"].contains(name) {
                throw ConfigError(file: file, key: "\(key).\(name)", problem: "不明な設定です（使えるのは name, status, search）")
            }
            guard let name = view["name"]?.string, !name.isEmpty else { throw ConfigError(file: file, key: "\(key).name", problem: "名前を書いてください") }
            let status = try view["status"].map { value -> LocalStatus in
                guard let text = value.string, statuses.contains(LocalStatus(text)) else {
                    throw ConfigError(file: file, key: "\(key).status", problem: "desk.statuses にない受注ステータスです（\(value)）")
                }
                return LocalStatus(text)
            }
            let search = try view["search"].map { value -> String in
                guard let text = value.string else { throw ConfigError(file: file, key: "\(key).search", problem: "文字列で書いてください") }
                if let problem = GridFilter(search: text).problems.first { throw ConfigError(file: file, key: "\(key).search", problem: problem) }
                return text
            }
            return SavedView(name: name, status: status, search: search)
        }
    }

    /// Typed reads of `[table] key`, each saying what was expected when the value is not that.
    struct Reader {
        let table: TOMLTable
        let file: String

        func error(_ section: String, _ key: String, _ problem: String) -> ConfigError {
            ConfigError(file: file, key: "\(section).\(key)", problem: problem)
        }

        /// A table by its dotted name (`mail.own_server`).
        private func section(_ name: String) -> TOMLTable? {
            var found: TOMLTable? = table
            for part in name.split(separator: ".") { found = found?[String(part)]?.table }
            return found
        }

        private func value(_ section: String, _ key: String) -> (any TOMLValueConvertible)? {
            self.section(section)?[key]
        }

        func hasTable(_ section: String) -> Bool { self.section(section) != nil }

        func string(_ section: String, _ key: String) throws -> String? {
            guard let value = value(section, key) else { return nil }
            guard let text = value.string else { throw error(section, key, "文字列で書いてください（\"...\"）") }
            return text
        }

        func strings(_ section: String, _ key: String) throws -> [String]? {
            guard let value = value(section, key) else { return nil }
            let texts = value.array?.compactMap(\.string)
            guard let texts, texts.count == value.array?.count else {
                throw error(section, key, "文字列の並びで書いてください（例: [\"新規受付\", \"出荷待ち\"]）")
            }
            return texts
        }

        func integer(_ section: String, _ key: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let value = value(section, key) else { return nil }
            guard let number = value.int else { throw error(section, key, "整数で書いてください") }
            guard range.contains(number) else { throw error(section, key, "\(range.lowerBound)〜\(range.upperBound)で書いてください（\(number)）") }
            return number
        }

        func number(_ section: String, _ key: String) throws -> Double? {
            guard let value = value(section, key) else { return nil }
            if let number = value.double { return number }
            if let number = value.int { return Double(number) }
            throw error(section, key, "数で書いてください")
        }

        func bool(_ section: String, _ key: String) throws -> Bool? {
            guard let value = value(section, key) else { return nil }
            guard let flag = value.bool else { throw error(section, key, "true か false で書いてください") }
            return flag
        }

        /// A date written as a TOML date (2027-02-28) or a string ("2027-02-28").
        func dateText(_ section: String, _ key: String) throws -> String? {
            guard let value = value(section, key) else { return nil }
            if let text = value.string { return text }
            if let date = value.date { return String(format: "%04d-%02d-%02d", Int(date.year), Int(date.month), Int(date.day)) }
            throw error(section, key, "日付で書いてください（例: 2027-02-28）")
        }
    }
}
