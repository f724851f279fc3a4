import Foundation
import OrderEngine
import OrderStore
import OrderSync
import TerminalUI
import ShopSettings

/// Opens the full-screen desk on a store and a sync service, and gives the terminal back after.
struct DeskLauncher {
    let keymap: Keymap
    let shopID: String
    let ascii: Bool
    let colors: Bool
    let settings: DeskController.Settings
    var statuses = LocalStatus.defaults
    var flags = ShopConfig.defaultFlags
    var views = SavedView.defaults
    var columns = GridColumn.defaults
    var statusAfterShipReport: LocalStatus? = .shipped
    /// The operator's role (config.toml's [operators]); nil: 管理.
    var permission: OperatorPermission?

    func run(service: SyncService) throws {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(options: .init(colors: colors))
        } catch {
            throw UserFacingError(error.description)
        }
        defer { terminal.shutdown() }
        var state = DeskState(
            shopID: shopID, operatorName: service.store.operatorName, statuses: statuses, flags: flags, views: views,
            columns: columns, mailTemplates: service.mailer?.library.templates.map(\.title) ?? [],
            mailTemplateFiles: service.mailer?.library.titleToName ?? [:], keymap: keymap)
        state.statusAfterShipReport = statusAfterShipReport
        if let permission { state.permission = permission }
        let controller = DeskController(
            state: state, service: service, settings: settings,
            theme: Theme(colored: colors, glyphs: ascii ? .ascii : .unicode), terminal: terminal)
        controller.run()
    }

    /// Colour unless NO_COLOR is set (no-color.org) or the operator asked for none.
    static func wantsColor(noColorFlag: Bool) -> Bool {
        !noColorFlag && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
