import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay

/// `juchu confirm`: send 注文確認通知 from a script, through the same outbox as the desk.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "注文確認通知を送ります（注文番号、または --status の受注ステータスの注文すべて）",
        discussion: "終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方の誤り")

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "この受注ステータスの注文すべてに送ります（例: 新規受付）")
    var status: String?

    @Flag(help: "結果をJSONで出力します")
    var json = false

    @Argument(help: "注文番号")
    var orders: [String] = []

    func validate() throws {
        if orders.isEmpty == (status == nil) {
            throw ValidationError("注文番号か --status のどちらか一方を指定してください")
        }
    }

    func run() throws {
        let store = try connection.openStore()
        let service = SyncService(client: try connection.client(), store: store)
        let numbers: [OrderNumber]
        if let status {
            numbers = try store.page(GridFilter(localStatus: LocalStatus(status)), limit: 1_000_000).map(\.number)
        } else {
            numbers = orders.map(OrderNumber.init)
        }
        let report = try runBlocking { try await service.confirm(numbers) }
        if json {
            let lines = report.lines.map { ["orderNumber": $0.number.rawValue, "result": $0.ok ? "ok" : "failed", "message": $0.message] }
                + report.skipped.map { ["orderNumber": $0.number.rawValue, "result": "skipped", "message": $0.reason.text] }
            try printJSON(lines)
        } else {
            for line in report.lines { print("\(line.number)\t\(line.ok ? "成功" : "失敗")\t\(line.message)") }
            for skip in report.skipped { print("\(skip.number)\tスキップ\t\(skip.reason.text)") }
            print("成功 \(report.succeeded)件、失敗 \(report.failed)件、スキップ \(report.skipped.count)件")
        }
        if report.failed > 0 || !report.skipped.isEmpty {
            throw ExitCode(report.succeeded > 0 ? 3 : 1)
        }
    }
}

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
