import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles
import TerminalUI
import Slips

/// `juchu demo`: the desk on its embedded default — an in-process RMS sandbox on loopback and a
/// local SQLite file — with about 200 generated orders.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "サンドボックスのRMSとローカルのSQLiteでデスクを開きます")

    @Option(help: "SQLiteファイル（既定: $XDG_DATA_HOME/juchu/demo.sqlite、起動のたびに作り直します）")
    var db: String?

    @Option(help: "サンドボックスが作る注文の数")
    var orders = 200

    @Option(help: "注文を作る乱数の種（同じ種なら同じ注文）")
    var seed: UInt64 = 1

    @Option(name: .customLong("confirm-delay"), help: "注文確認の後、RMSが楽天処理中・発送待ちへ進むまでの秒数")
    var confirmDelay = 4.0

    @Option(name: .customLong("poll-interval"), help: "楽天処理中の注文を読み直す間隔（秒）")
    var pollInterval = 2

    @Option(name: .customLong("life-interval"), help: "この秒数ごとにRMSに新しい注文が届くことがあります（F5 で取得、0: 止める）")
    var lifeInterval = 30.0

    @OptionGroup var display: DeskDisplayOptions

    func run() throws {
        try reportingErrors { try runDemo() }
    }

    private func runDemo() throws {
        // Everything that can be refused is checked before the terminal is taken over.
        do { try CursesTerminal.preflight() } catch { throw UserFacingError(error.description) }
        let (keymap, _) = try KeymapLoader.load(explicitPath: display.keymap)
        // The shop's rules.toml, when there is one, acts on the demo's orders as on a shop's.
        let rulesWatch = try UserFacingError.settings {
            try RulesFileWatch(path: nil, statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags)
        }
        let path = db ?? XDGPaths.data + "/demo.sqlite"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // The folder of a --db is the operator's; what the demo writes in it is checked.
        try PrivateFolders.prepare(.ownerOnly, extra: [folder + "/labels", folder + "/tracking", folder + "/rms-csv", folder + "/slips"])
        FileLogHandler.bootstrap(path: XDGPaths.state + "/juchu.log")

        if db == nil {
            // The default demo file is the demo's own scratch file: each demo starts from a fresh shop.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store: OrderStore
        do {
            store = try OrderStore(path: path)
        } catch let refusal as FileAccessError {
            throw UserFacingError(refusal.description, exitCode: 2)
        } catch {
            throw UserFacingError("\(error)")
        }

        var sandboxConfiguration = SandboxConfiguration()
        sandboxConfiguration.orderCount = orders
        sandboxConfiguration.seed = seed
        sandboxConfiguration.secondsUntilProcessing = confirmDelay
        sandboxConfiguration.secondsUntilDone = confirmDelay
        sandboxConfiguration.lifeIntervalSeconds = lifeInterval
        let sandbox = SandboxServer(configuration: sandboxConfiguration)
        let url = try runBlocking { try await sandbox.start() }
        defer { _ = try? runBlocking { await sandbox.stop() } }

        let client = RakutenPayClient(configuration: sandboxConfiguration.clientConfiguration(baseURL: url))
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        let postcodes = ConfigOptions.postcodes()
        let service = SyncService(client: client, store: store, postcodes: postcodes.directory)

        print("受注取得中（サンドボックス \(url)）…")
        let initialFetch = fetch
        let report = try runBlocking { try await service.fetch(initialFetch) }
        print("新規 \(report.inserted)件を取り込みました")
        try DemoShop.bundleOneRepeatCustomer(in: store)

        var settings = DeskController.Settings()
        settings.fetch = fetch
        settings.pollInterval = .seconds(pollInterval)
        settings.fetchOnStart = false
        settings.lastFetchAt = Date()
        settings.rules = rulesWatch.rules
        settings.rulesWatch = rulesWatch
        // The demo shop's own address on its labels; the files go beside the demo's database.
        settings.labelSender = DemoShop.sender
        settings.deliveryMethods = sandboxConfiguration.deliveryNames
        settings.handOrders.deliveryMethods = sandboxConfiguration.deliveryNames
        settings.handOrders.firstStatus = fetch.localStatus
        settings.postcodes = postcodes
        settings.labelDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/labels"
        settings.trackingInbox = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/tracking"
        settings.ordersInbox = folder + "/rms-csv"
        // The demo's slips: its own templates and PDFs beside its database, the demo shop as issuer.
        settings.slipDirectory = folder + "/slips"
        do {
            settings.slipMaker = SlipMaker(
                library: try SlipTemplateLibrary(folder: folder + "/slip-templates"), shop: DemoShop.slipShop, renderer: PDFRenderer(),
                printer: SlipPrinter(printer: nil), shelves: [:])
        } catch {
            settings.slipProblem = "\(error)"
        }
        let launcher = DeskLauncher(
            keymap: keymap, shopID: sandboxConfiguration.shopID, ascii: display.ascii,
            colors: DeskLauncher.wantsColor(noColorFlag: display.noColor), settings: settings)
        try launcher.run(service: service)
    }
}

/// The demo's starting state beyond what RMS holds.
enum DemoShop {
    /// The demo shop as ご依頼主 (a config.toml's [sender]).
    static let sender = LabelSender(name: "楽天デモ米店", phone: "03-0000-0000", zipCode: "1000001", address: "東京都千代田区千代田1-1")

    /// The demo shop as issuer of its invoices (a made-up 登録番号 with a right check digit).
    static var slipShop: SlipShop {
        SlipShop(name: sender.name, zipCode: "100-0001", address: sender.address, phone: sender.phone,
                 registrationNumber: RegistrationNumber(checked: "T7123456789012"))
    }

    /// Bundles (同梱) two orders of one repeat customer, as an operator would have done before,
    /// so the demo shows how a bundled order is treated: one basket each (as bundling asks), a pair
    /// with a 代金引換 order when there is one (a bundle that collects its cash on one parcel).
    static func bundleOneRepeatCustomer(in store: OrderStore) throws {
        let rows = try store.page(GridFilter(localStatus: .newOrder), limit: 10_000)
        let pairs = BundleAction.pairsOfOneBuyer(try store.orders(rows.map(\.number)))
        let collects = pairs.first { pair in pair.contains { $0.payment.isCashOnDelivery } && pair.contains { ParcelService.of($0) != .postbox } }
        guard let pair = collects ?? pairs.first else { return }
        let bundle = BundleID(group: pair.map(\.number))
        try store.mutate(pair.map(\.number), action: .action(.bundle), undoable: true) { order in
            var order = order
            order.bundleID = bundle
            return order
        }
    }
}
