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

    @Option(help: "keymap.toml（既定: $XDG_CONFIG_HOME/juchu/keymap.toml。無ければ作ります）")
    var keymap: String?

    @Flag(help: "罫線を使わず ASCII だけで描きます")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "色を使いません（環境変数 NO_COLOR と同じ）")
    var noColor = false

    func run() throws {
        try reportingErrors {
            // Everything that can be refused is checked before the terminal is taken over.
            do { try CursesTerminal.preflight() } catch { throw UserFacingError("\(error)") }
            let (settings, file) = try options.load()
            let (keymap, _) = try KeymapLoader.load(explicitPath: self.keymap)
            let service = try options.service(settings, file: file)
            FileLogHandler.bootstrap(path: XDGPaths.state + "/juchu.log")

            var deskSettings = DeskController.Settings()
            deskSettings.fetch = settings.fetch
            deskSettings.fetchInterval = settings.fetchInterval
            deskSettings.fetchOnStart = settings.fetchInterval != nil
            deskSettings.pollInterval = settings.confirmPollInterval
            deskSettings.lastFetchAt = try service.store.lastImport()
            deskSettings.licenseDaysLeft = settings.licenseDaysLeft()
            deskSettings.credentials = options.currentCredentials
            let launcher = DeskLauncher(
                keymap: keymap, shopID: settings.shopID.isEmpty ? "（店舗ID未設定）" : settings.shopID, ascii: ascii,
                colors: DeskLauncher.wantsColor(noColorFlag: noColor), settings: deskSettings,
                statuses: settings.statuses, flags: settings.flags, views: settings.views, columns: settings.columns)
            try launcher.run(service: service)
        }
    }
}
