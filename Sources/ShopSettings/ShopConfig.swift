import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import RakutenPay
import ShippingFiles
import Slips

/// config.toml: the shop, its API credentials, fetching and the store (設定). Every value is
/// checked when it is read; a problem names the file, the key and what is wrong.
public struct ShopConfig: Sendable {
    public init() {}

    public var shopID = ""
    public var baseURL = RakutenPayConfiguration.productionBaseURL
    public var serviceSecret: String?
    public var licenseKey: String?
    /// When RMS says the licenceKey stops working (it lasts 3 months).
    public var licenseExpires: CalendarDate?
    public var requestsPerSecond = 1.0
    /// `[api] async_apply_seconds`: how long RMS may take to apply an async shipping report
    /// (``RakutenPayConfiguration/asyncApplySeconds``).
    public var asyncApplySeconds = 600.0
    public var fetch = FetchSettings()
    /// Automatic fetch interval; nil when fetching is on demand only.
    public var fetchInterval: Duration? = .seconds(600)
    public var confirmPollInterval: Duration = .seconds(20)
    public var databasePath = XDGPaths.data + "/juchu.sqlite"
    /// `[store] url`: the shop's PostgreSQL database, for operators on several hosts; nil: the
    /// SQLite file at `databasePath` (the embedded default).
    public var storeServer: PostgresLocation?
    /// `[store] password_file`: the PostgreSQL password, in a file only its owner reads (when
    /// `JUCHU_DB_PASSWORD` does not give it).
    public var storePasswordFile: String?
    /// The store as messages name it: the file, or the server's URL without a password.
    public var storeShown: String { storeServer?.shown ?? databasePath }
    /// `[store] group`: the host's group whose users share the store and the folders Juchu writes
    /// (0660/2770); without it, only the owner reads them (0600/0700).
    public var fileAccess = FileAccess.ownerOnly
    /// `[backup]`: the folder (default `backups` beside the database), how many are kept (7) and
    /// whether the sync worker makes one a day (true).
    public var backup = BackupSchedule(folder: XDGPaths.data + "/backups")
    /// `[operators]`: who may do what (閲覧・担当・管理); nil: every user of the host is 管理.
    public var operators: OperatorRoles?

    /// The role of this OS user (by its id, and its groups as `@group`); a user `[operators]` does
    /// not name is refused, with the file and what to write.
    public func permission(user: String, groups: [String], knownUser: Bool, file: String) throws -> OperatorPermission {
        guard let operators else { return OperatorPermission(name: user, role: .manager) }
        guard knownUser, let role = operators.role(of: user, groups: groups) else {
            throw ConfigError(file: file, key: "operators", problem: "このユーザー（\(user)）はどの権限（viewer 閲覧・clerk 担当・manager 管理）にも書かれていないため、使えません。店舗の管理者に、このユーザーかそのグループ（\(groups.joined(separator: ", "))）を加えてもらってください")
        }
        return OperatorPermission(name: user, role: role)
    }
    /// The desk's status tabs (受注ステータス), in order.
    public var statuses = LocalStatus.defaults
    /// The delivery methods set up in RMS (配送方法): what an order's may be changed to.
    public var deliveryMethods = DeliveryDetails.commonMethods
    /// How the shop takes orders besides Rakuten (`[orders] channels`: 電話, FAX, 店舗, メール, その他)
    /// and the payment methods such an order may have (`[orders] payment_methods`).
    public var handOrderChannels = HandOrderDraft.Settings.defaultChannels
    public var handOrderPaymentMethods = HandOrderDraft.Settings.defaultPaymentMethods

    /// What an order entered by hand is checked against.
    public var handOrderSettings: HandOrderDraft.Settings {
        HandOrderDraft.Settings(
            channels: handOrderChannels, paymentMethods: handOrderPaymentMethods, deliveryMethods: deliveryMethods, firstStatus: fetch.localStatus)
    }

    /// The shop's flags (チェック項目).
    public var flags = ShopConfig.defaultFlags
    /// Named views (`v` and a number at the desk).
    public var views = SavedView.defaults
    /// The grid's columns, in order.
    public var columns = GridColumn.defaults
    /// The shop as ご依頼主 on its labels ([sender]); nil until config.toml says.
    public var sender: LabelSender?
    /// Days after confirmation an order should ship by when it has no 出荷予定日 (the shop's lead time).
    public var shipLeadDays = 3
    /// The local status an order moves to with its 発送完了報告 (nil: left as it is).
    public var statusAfterShipReport: LocalStatus? = .shipped
    /// `[mail]` as written: the relay, the shop's addresses, its words for its mails. Checked as a
    /// whole by ``mailSettings(file:)`` when mail is sent; nil until config.toml says.
    public var mail: MailConfig?
    /// `[slips]`: the shop on its printed documents; read with defaults from [sender] and [mail].
    public var slips = SlipConfig()
    /// `[rules] path`: the shop's rules.toml; nil: ``RulesFile/defaultPath`` when it exists.
    public var rulesPath: String?

    /// The shop's rules, checked against its statuses and check items.
    public func rules() throws -> (RuleSet, String) {
        try RulesFile.load(path: rulesPath, statuses: statuses, flags: flags)
    }

    /// The check items (チェック項目) a shop starts with when its config names none.
    public static let defaultFlags = ["メール便", "要確認", "ギフト"]

    /// The file's path, or the default when none is given.
    public static var defaultPath: String { XDGPaths.config + "/config.toml" }

    /// Days until the licenceKey expires (negative once expired), as of `date`'s day in Japan.
    public func licenseDaysLeft(on date: Date = Date()) -> Int? {
        licenseExpires.map { $0.days(after: JapanTime(date)) }
    }

    /// The credentials, from the file or the environment (JUCHU_SERVICE_SECRET, JUCHU_LICENSE_KEY).
    public func credentials(file: String) throws -> RakutenPayCredentials {
        guard let serviceSecret, !serviceSecret.isEmpty else {
            throw ConfigError(file: file, key: "api.service_secret", problem: "serviceSecret がありません（設定ファイルか環境変数 JUCHU_SERVICE_SECRET に書いてください）")
        }
        guard let licenseKey, !licenseKey.isEmpty else {
            throw ConfigError(file: file, key: "api.license_key", problem: "licenseKey がありません（設定ファイルか環境変数 JUCHU_LICENSE_KEY に書いてください）")
        }
        return RakutenPayCredentials(serviceSecret: serviceSecret, licenseKey: licenseKey)
    }

    public func clientConfiguration(file: String) throws -> RakutenPayConfiguration {
        var configuration = RakutenPayConfiguration(
            baseURL: baseURL, credentials: try credentials(file: file), requestsPerSecond: requestsPerSecond)
        configuration.asyncApplySeconds = asyncApplySeconds
        // Every desk, `juchu sync` and command on this database shares the key's requests per second.
        configuration.sharedBudgetPath = databasePath + ".rate"
        return configuration
    }
}
