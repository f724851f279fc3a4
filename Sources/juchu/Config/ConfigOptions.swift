import ShopSettings
import ArgumentParser
import Foundation
import OrderStore
import OrderSync
import RakutenPay

/// `--config`: which config.toml the command reads (default `$XDG_CONFIG_HOME/juchu/config.toml`).
struct ConfigOptions: ParsableArguments {
    @Option(help: "設定ファイル（既定: $XDG_CONFIG_HOME/juchu/config.toml）")
    var config: String?

    /// The settings, or exit 2 with the file, key and problem.
    func load() throws -> (ShopConfig, file: String) {
        do {
            return try ShopConfig.load(path: config)
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }

    func openStore(_ settings: ShopConfig) throws -> OrderStore {
        do {
            return try OrderStore(path: settings.databasePath)
        } catch {
            throw UserFacingError("\(error)")
        }
    }

    /// The API client for the settings, or exit 2 when a credential is missing.
    func client(_ settings: ShopConfig, file: String) throws -> RakutenPayClient {
        do {
            return RakutenPayClient(configuration: try settings.clientConfiguration(file: file))
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }

    /// The credentials config.toml (and the environment) give now: read again each time, for a
    /// worker waiting for a renewed licenceKey. Nil while the file does not load.
    var currentCredentials: @Sendable () -> RakutenPayCredentials? {
        let path = config
        return { (try? ShopConfig.load(path: path)).flatMap { try? $0.0.clientConfiguration(file: $0.1).credentials } }
    }

    func service(_ settings: ShopConfig, file: String) throws -> SyncService {
        SyncService(client: try client(settings, file: file), store: try openStore(settings))
    }
}
