import Foundation
import OrderEngine
import OrderSync
import RakutenPay
import TerminalUI

/// config.toml: the shop, its API credentials, fetching and the store (設定). Every value is
/// checked when it is read; a problem names the file, the key and what is wrong.
struct ShopConfig: Sendable {
    var shopID = ""
    var baseURL = RakutenPayConfiguration.productionBaseURL
    var serviceSecret: String?
    var licenseKey: String?
    /// When RMS says the licenceKey stops working (it lasts 3 months).
    var licenseExpires: CalendarDate?
    var requestsPerSecond = 1.0
    var fetch = FetchSettings()
    /// Automatic fetch interval; nil when fetching is on demand only.
    var fetchInterval: Duration? = .seconds(600)
    var confirmPollInterval: Duration = .seconds(20)
    var databasePath = XDGPaths.data + "/juchu.sqlite"
    /// The desk's status tabs (受注ステータス), in order.
    var statuses = LocalStatus.defaults
    /// The shop's flags (チェック項目).
    var flags = DeskState.defaultFlags
    /// Named views (`v` and a number at the desk).
    var views = SavedView.defaults
    /// The grid's columns, in order.
    var columns = GridColumn.defaults

    /// The file's path, or the default when none is given.
    static var defaultPath: String { XDGPaths.config + "/config.toml" }

    /// Days until the licenceKey expires (negative once expired), as of `date`'s day in Japan.
    func licenseDaysLeft(on date: Date = Date()) -> Int? {
        licenseExpires.map { $0.daysSinceEpoch - CalendarDate(japanDayOf: JapanTime(date)).daysSinceEpoch }
    }

    /// The credentials, from the file or the environment (JUCHU_SERVICE_SECRET, JUCHU_LICENSE_KEY).
    func credentials(file: String) throws -> RakutenPayCredentials {
        guard let serviceSecret, !serviceSecret.isEmpty else {
            throw ConfigError(file: file, key: "api.service_secret", problem: "serviceSecret がありません（設定ファイルか環境変数 JUCHU_SERVICE_SECRET に書いてください）")
        }
        guard let licenseKey, !licenseKey.isEmpty else {
            throw ConfigError(file: file, key: "api.license_key", problem: "licenseKey がありません（設定ファイルか環境変数 JUCHU_LICENSE_KEY に書いてください）")
        }
        return RakutenPayCredentials(serviceSecret: serviceSecret, licenseKey: licenseKey)
    }

    func clientConfiguration(file: String) throws -> RakutenPayConfiguration {
        var configuration = RakutenPayConfiguration(
            baseURL: baseURL, credentials: try credentials(file: file), requestsPerSecond: requestsPerSecond)
        // Every desk, `juchu sync` and command on this database shares the key's requests per second.
        configuration.sharedBudgetPath = databasePath + ".rate"
        return configuration
    }
}

/// A config.toml that cannot be used: the file, the key when known, and what is wrong.
struct ConfigError: Error, CustomStringConvertible {
    let file: String
    let key: String?
    let problem: String

    var description: String { "\(file)\(key.map { ": \($0)" } ?? ""): \(problem)" }
}
