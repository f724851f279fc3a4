import ArgumentParser
import Foundation
import OrderSync
import RakutenPay
import RMSSandbox

/// `juchu sandbox`: a local RMS on loopback, until stopped.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "RMS（楽天ペイ受注API）のサンドボックスを起動します")

    @Option(help: "待ち受けるポート（0: 空いているポート）")
    var port = 0

    @Option(help: "作る注文の数")
    var orders = 200

    @Option(help: "乱数の種")
    var seed: UInt64 = 1

    @Option(name: .customLong("service-secret"))
    var serviceSecret = SandboxConfiguration().serviceSecret

    @Option(name: .customLong("license-key"))
    var licenseKey = SandboxConfiguration().licenseKey

    @Option(name: .customLong("key-expires"), help: "licenseKeyの有効期限 YYYY-MM-DD（過ぎると 401 ES01-01）")
    var keyExpires: String?

    @Option(help: "1秒あたりの上限リクエスト数（0: 制限なし）。超えると 429")
    var qps = 0.0

    @Option(name: .customLong("fault-rate"), help: "障害を起こすリクエストの割合 0〜1")
    var faultRate = 0.0

    @Option(name: .customLong("latency-ms"), help: "すべての応答に加える遅延（ミリ秒）")
    var latencyMs = 0

    @Flag(help: "すべての呼び出しに 503 API In Maintenance を返します")
    var maintenance = false

    @Option(name: .customLong("confirm-delay"), help: "注文確認から楽天処理中・発送待ちへ進むまでの秒数")
    var confirmDelay = 60.0

    @Option(name: .customLong("life-interval"), help: "この秒数ごとに新しい注文が届き、お客様がキャンセルすることがあります（0: 止める）")
    var lifeInterval = 60.0

    func validate() throws {
        if let keyExpires, RakutenDate(parsing: keyExpires) == nil {
            throw ValidationError("--key-expires は YYYY-MM-DD で指定してください（「\(keyExpires)」は日付ではありません）")
        }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate は 0〜1 で指定してください") }
    }

    func run() throws {
        var configuration = SandboxConfiguration()
        configuration.port = port
        configuration.orderCount = orders
        configuration.seed = seed
        configuration.serviceSecret = serviceSecret
        configuration.licenseKey = licenseKey
        configuration.keyExpires = keyExpires.flatMap(RakutenDate.init(parsing:))
        configuration.requestsPerSecond = qps
        configuration.faultRate = faultRate
        configuration.latencyMilliseconds = latencyMs
        configuration.maintenance = maintenance
        configuration.secondsUntilProcessing = confirmDelay
        configuration.secondsUntilDone = confirmDelay
        configuration.lifeIntervalSeconds = lifeInterval
        let server = SandboxServer(configuration: configuration)
        let url = try runBlocking { try await server.start() }
        // Written unbuffered: scripts wait for the URL line.
        FileHandle.standardOutput.write(Data("""
            RMSサンドボックス: \(url)/es/2.0/order/<function>/
            serviceSecret=\(serviceSecret) licenseKey=\(licenseKey)
            管理: \(url)/sandbox/admin/stats（GET）, faults / maintenance / qps / orders / progress（POST）
            Ctrl-C で停止します

            """.utf8))
        waitForTerminationSignal()
        _ = try? runBlocking { await server.stop() }
    }

    /// Blocks until SIGINT or SIGTERM.
    private func waitForTerminationSignal() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        var received: Int32 = 0
        sigwait(&signals, &received)
    }
}
