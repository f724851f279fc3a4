import Foundation
import Logging
import OrderStore

/// A file only this user may read (0600, in a 0700 folder of its own under the temporary
/// folder), for what PostgreSQL's programs are handed by file: the password, a restore's list.
/// ``remove()`` takes the folder away; a failure to is logged.
struct PrivateTemporaryFile {
    let path: String
    private let folder: String

    /// The file `name` holding `contents`; nothing is left behind when it cannot be made.
    init(named name: String, holding contents: String) throws {
        folder = NSTemporaryDirectory() + "juchu-" + UUID().uuidString
        path = folder + "/" + name
        do {
            try FileAccess.ownerOnly.makeFolder(folder)
        } catch {
            throw StoreError("一時フォルダ \(folder) を作れません: \(error)")
        }
        do {
            try FileAccess.ownerOnly.createFile(path, new: true)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: Data(contents.utf8))
            try handle.close()
        } catch {
            remove()
            throw StoreError("一時ファイル \(path) に書けません: \(error)")
        }
    }

    func remove() {
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            Logger(label: "juchu.store").error("一時フォルダ \(folder) を消せません: \(error.localizedDescription)")
        }
    }
}
