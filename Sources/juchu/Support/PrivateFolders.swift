import Foundation
import OrderStore
import ShopSettings

/// The folders Juchu writes buyers' data into: the database's, the log's, labels (送り状データ),
/// the tracking and order-CSV inboxes and what was taken from them, slips and backups. Each is checked at start, as
/// ssh checks a key: one that others can read stops the command (exit 2) with the command that
/// fixes it. The two top folders are made with the shop's access; the others are made by their
/// writers inside them, under the process's umask and (shared by a group) the parent's setgid.
enum PrivateFolders {
    static var standard: [String] {
        let data = XDGPaths.data
        return [data, XDGPaths.state, data + "/labels", data + "/tracking", data + "/tracking/取込済", data + "/rms-csv", data + "/rms-csv/取込済", data + "/slips", data + "/backups"]
    }

    /// Applies `access` to this process (its umask), refuses a folder of ``standard`` (and `extra`)
    /// that others can read, and makes the data and state folders when they are missing.
    static func prepare(_ access: FileAccess, extra: [String] = []) throws {
        access.applyToProcess()
        if let refusal = access.refusal(for: standard + extra) { throw UserFacingError(refusal.description, exitCode: 2) }
        for folder in [XDGPaths.data, XDGPaths.state] {
            do { try access.makeFolder(folder) } catch { throw UserFacingError(error.description) }
        }
    }
}
