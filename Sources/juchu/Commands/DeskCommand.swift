import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import TerminalUI

/// `juchu desk`: the desk on the shop's own settings (config.toml): its database file and RMS.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "設定（config.toml）の店舗・RMS・データベースでデスクを開きます")

    @OptionGroup var options: ConfigOptions

    @OptionGroup var display: DeskDisplayOptions

    func run() throws {
        try reportingErrors {
            // Everything that can be refused is checked before the terminal is taken over.
            do { try CursesTerminal.preflight() } catch { throw UserFacingError("\(error)") }
            let (settings, file) = try options.load()
            let (keymap, _) = try KeymapLoader.load(explicitPath: display.keymap)
            // Before anything makes a logger: a logger keeps the handler it was made with, and one
            // writing to stderr would write over the desk (the client's notices of failed requests).
            FileLogHandler.bootstrap(path: XDGPaths.state + "/juchu.log")
            let postcodes = ConfigOptions.postcodes()
            let service = try options.service(settings, file: file, postcodes: postcodes.directory).mailing(with: try options.mailer(settings, file: file))

            var deskSettings = DeskController.Settings()
            deskSettings.fetch = settings.fetch
            deskSettings.fetchInterval = settings.fetchInterval
            deskSettings.fetchOnStart = settings.fetchInterval != nil
            deskSettings.pollInterval = settings.confirmPollInterval
            deskSettings.shipLeadDays = settings.shipLeadDays
            deskSettings.labelSender = settings.sender
            deskSettings.labelDirectory = XDGPaths.data + "/labels"
            deskSettings.trackingInbox = XDGPaths.data + "/tracking"
            deskSettings.ordersInbox = XDGPaths.data + "/rms-csv"
            deskSettings.slipDirectory = XDGPaths.data + "/slips"
            deskSettings.receiptPurpose = settings.slips.receiptPurpose
            deskSettings.backups = settings.backup
            deskSettings.deliveryMethods = settings.deliveryMethods
            deskSettings.handOrders = settings.handOrderSettings
            deskSettings.postcodes = postcodes
            do {
                deskSettings.slipMaker = try options.slipMaker(settings)
            } catch let error as UserFacingError {
                // The desk opens all the same; 帳票作成 says why it cannot make anything.
                deskSettings.slipProblem = error.description
            }
            deskSettings.lastFetchAt = try service.store.lastImport()
            // RMS's own figure as a worker last read it (any process on the file); config.toml's otherwise.
            let recorded = try service.store.licenseExpiry(licenseKey: service.client.configuration.credentials.licenseKey)
            deskSettings.licenseDaysLeft = recorded.map { LicenseWarning.daysLeft(until: $0, on: Date()) } ?? settings.licenseDaysLeft()
            deskSettings.credentials = options.currentCredentials
            let rulesWatch = try UserFacingError.settings { try RulesFileWatch(path: settings.rulesPath, statuses: settings.statuses, flags: settings.flags) }
            deskSettings.rules = rulesWatch.rules
            deskSettings.rulesWatch = rulesWatch
            let launcher = DeskLauncher(
                keymap: keymap, shopID: settings.shopID.isEmpty ? "（店舗ID未設定）" : settings.shopID, ascii: display.ascii,
                colors: DeskLauncher.wantsColor(noColorFlag: display.noColor), settings: deskSettings,
                statuses: settings.statuses, flags: settings.flags, views: settings.views, columns: settings.columns,
                statusAfterShipReport: settings.statusAfterShipReport, permission: try options.permission(settings, file: file))
            try launcher.run(service: service)
        }
    }
}
