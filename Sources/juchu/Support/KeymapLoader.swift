import ShopSettings
import Foundation
import TerminalUI

/// Finds keymap.toml: `--keymap`, else the config folder, where the default is written on first run.
enum KeymapLoader {
    static func load(explicitPath: String?) throws -> (Keymap, path: String) {
        let path = explicitPath ?? XDGPaths.config + "/keymap.toml"
        let manager = FileManager.default
        if explicitPath == nil, !manager.fileExists(atPath: path) {
            try? manager.createDirectory(atPath: XDGPaths.config, withIntermediateDirectories: true)
            guard manager.createFile(atPath: path, contents: Data(Keymap.defaultText.utf8)) else {
                throw UserFacingError("\(path) を作成できません（既定のキー割り当てを書き込めません）")
            }
        }
        guard let data = manager.contents(atPath: path) else {
            throw UserFacingError("\(path) を読めません", exitCode: 2)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserFacingError("\(path): UTF-8 のテキストではありません", exitCode: 2)
        }
        do {
            return (try Keymap(parsing: text, file: path), path)
        } catch {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }
}
