import ShopSettings
import ArgumentParser
import Foundation
import OrderStore
import RakutenPay

/// Where the database and RMS are, for the script commands. Secrets may come from the
/// environment (JUCHU_SERVICE_SECRET, JUCHU_LICENSE_KEY) so that they are not on the command line.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "SQLiteファイル（既定: $XDG_DATA_HOME/juchu/juchu.sqlite）")
    var db: String?

    @Option(name: .customLong("base-url"), help: "RMS APIのURL（既定: 本番 https://api.rms.rakuten.co.jp）")
    var baseURL = RakutenPayConfiguration.productionBaseURL

    @Option(name: .customLong("service-secret"), help: "serviceSecret（環境変数 JUCHU_SERVICE_SECRET でも可）")
    var serviceSecret: String?

    @Option(name: .customLong("license-key"), help: "licenseKey（環境変数 JUCHU_LICENSE_KEY でも可）")
    var licenseKey: String?

    @Option(name: .customLong("requests-per-second"), help: "1秒あたりのリクエスト数の上限")
    var requestsPerSecond = 1.0

    var databasePath: String { db ?? XDGPaths.data + "/juchu.sqlite" }

    func openStore() throws -> OrderStore {
        do {
            return try OrderStore(path: databasePath)
        } catch {
            throw UserFacingError("\(error)").exit()
        }
    }

    func client() throws -> RakutenPayClient {
        let environment = ProcessInfo.processInfo.environment
        guard let secret = serviceSecret ?? environment["JUCHU_SERVICE_SECRET"], !secret.isEmpty else {
            throw UserFacingError("serviceSecret がありません（--service-secret か環境変数 JUCHU_SERVICE_SECRET）", exitCode: 2).exit()
        }
        guard let key = licenseKey ?? environment["JUCHU_LICENSE_KEY"], !key.isEmpty else {
            throw UserFacingError("licenseKey がありません（--license-key か環境変数 JUCHU_LICENSE_KEY）", exitCode: 2).exit()
        }
        var configuration = RakutenPayConfiguration(
            baseURL: baseURL, credentials: RakutenPayCredentials(serviceSecret: secret, licenseKey: key),
            requestsPerSecond: requestsPerSecond)
        // Shared with every process on this database, as the desk and `juchu sync` share it.
        configuration.sharedBudgetPath = databasePath + ".rate"
        return RakutenPayClient(configuration: configuration)
    }
}

extension UserFacingError {
    /// Prints the message to stderr and gives the exit code to stop with.
    func exit() -> ExitCode {
        FileHandle.standardError.write(Data("juchu: \(description)\n".utf8))
        return ExitCode(exitCode)
    }
}
