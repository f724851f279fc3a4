import Foundation
import Testing
import TestSupport
@testable import OrderStore

/// Buyers' data readable only by the shop's operators: the modes a store is made with, and the
/// refusal of one that others can read.
@Suite("File access: the store and its folders, the owner's or a group's")
struct FileAccessTests {
    let directory = TemporaryDirectory()

    static func mode(_ path: String) -> mode_t {
        var status = stat()
        #expect(stat(path, &status) == 0, "\(path) exists")
        return status.st_mode & 0o7777
    }

    @Test("a new store, its -wal and -shm, its lock files and the folder made for it are the owner's only (the test process's umask lets others read)")
    func ownerOnly() throws {
        let path = directory.file("new/shop.sqlite")
        let store = try OrderStore(path: path)
        _ = try store.changeCount()
        #expect(Self.mode(directory.file("new")) == 0o700)
        for file in OrderStore.files(of: path) + OrderStore.lockFiles(of: path) { #expect(Self.mode(file) == 0o600, "\(file)") }
        directory.remove()
    }

    @Test("a store that others or its group can read is refused, with the command that fixes it; fixed, it opens")
    func refused() throws {
        let path = directory.file("open.sqlite")
        _ = try OrderStore(path: path)
        chmod(path, 0o644)
        do {
            _ = try OrderStore(path: path)
            Issue.record("a store every user can read was opened")
        } catch let refusal as FileAccessError {
            #expect(refusal.description.contains("どのユーザーにも読めます（権限 0644）"))
            #expect(refusal.description.contains("chmod 600 \(path)"))
        }
        chmod(path, 0o640)
        #expect(throws: FileAccessError.self) { try OrderStore(path: path) }
        chmod(path, 0o600)
        #expect(try OrderStore(path: path).changeCount() >= 0)
        directory.remove()
    }

    @Test("shared by a group: files 0660 and folders 2770 of that group; a file of another group or mode is refused")
    func group() throws {
        let own = try #require(getgrgid(getegid()))
        let name = String(cString: own.pointee.gr_name)
        let access = try FileAccess.shared(by: name)
        let path = directory.file("shared/shop.sqlite")
        _ = try OrderStore(path: path, access: access)
        #expect(Self.mode(directory.file("shared")) == 0o2770)
        #expect(Self.mode(path) == 0o660)
        chmod(path, 0o600)
        let refusal = try #require(access.refusal(for: [path]))
        #expect(refusal.description.contains("chmod 660"))
        chmod(path, 0o660)
        #expect(access.refusal(for: [path]) == nil)
        chmod(directory.file("shared"), 0o770)
        #expect(access.refusal(for: [directory.file("shared")])?.description.contains("chmod 2770") == true)
        #expect(FileAccess.ownerOnly.refusal(for: [path])?.description.contains("[store] group") == true, "a group's file is refused by a shop that names none")
        // A link is judged by what it points to, and the fix names the link as the operator wrote it.
        symlink(path, directory.file("link.sqlite"))
        #expect(access.refusal(for: [directory.file("link.sqlite")]) == nil)
        chmod(path, 0o664)
        #expect(access.refusal(for: [directory.file("link.sqlite")])?.description.contains("chmod 660 \(directory.file("link.sqlite"))") == true)
        directory.remove()
    }

    @Test("a group that does not exist is refused with how to find one; a path with spaces is quoted in the fix")
    func badGroupAndQuoting() throws {
        #expect(throws: FileAccessError.self) { try FileAccess.shared(by: "juchu-no-such-group") }
        let path = directory.file("with space's.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644]))
        let refusal = try #require(FileAccess.ownerOnly.refusal(for: [path]))
        #expect(refusal.description.hasSuffix("chmod 600 '\(directory.path)/with space'\\''s.sqlite'"))
        directory.remove()
    }
}
