import Foundation
import Testing
import TestSupport

/// What `juchu` makes is its operators' only; a store or folder others can read stops it at start
/// with the command that fixes it, and that command does fix it.
@Suite("End to end: the store's and folders' access", .serialized)
struct StoreAccessEndToEndTests {
    static func mode(_ path: String) -> mode_t {
        var status = stat()
        #expect(stat(path, &status) == 0, "\(path) exists")
        return status.st_mode & 0o7777
    }

    /// The last `chmod …`/`chgrp …` command of `message`, run by the shell.
    static func runFix(_ message: String) throws {
        let line = try #require(message.components(separatedBy: "直すには: ").last?.components(separatedBy: "（").first)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", line]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(line)")
    }

    @Test("a fetch makes the store 0600 and its folders 0700; a readable store or folder is refused (exit 2) until its fix is run")
    func ownerOnly() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 5, requestsPerSecond: 0)
        let data = juchu.home + "/.local/share/juchu"
        let database = data + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: database, more: "[fetch]\nskip_younger_than_minutes = 0")
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        #expect(Self.mode(data) == 0o700)
        #expect(Self.mode(juchu.home + "/.local/state/juchu") == 0o700)
        #expect(Self.mode(database) == 0o600)

        chmod(database, 0o644)
        let (refused, refusedOut, refusedErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(refused == 2 && refusedOut.isEmpty, "\(refusedOut)")
        #expect(refusedErr.contains("\(database) はこのホストのどのユーザーにも読めます（権限 0644）"), "\(refusedErr)")
        try Self.runFix(refusedErr)
        let (fixed, _, fixedErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(fixed == 0 || fixed == 3, "\(fixedErr)")

        try FileManager.default.createDirectory(atPath: data + "/labels", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let (folder, _, folderErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(folder == 2 && folderErr.contains("フォルダ \(data)/labels はこのホストのどのユーザーにも読めます"), "\(folderErr)")
        #expect(folderErr.contains("chmod 700"))
        try Self.runFix(folderErr)
        let (again, _, againErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", config])
        #expect(again == 0 || again == 3, "\(againErr)")
        await sandbox.stop()
    }

    @Test("[store] group shares the store: a store of the owner only is refused with the fix, then files are 0660 and folders 2770; an unknown group is a setting's error")
    func group() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 5, requestsPerSecond: 0)
        let own = try #require(getgrgid(getegid()))
        let name = String(cString: own.pointee.gr_name)
        let database = juchu.home + "/shared/shop.sqlite"
        let ownerOnly = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: database, more: "[fetch]\nskip_younger_than_minutes = 0")
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", ownerOnly])
        #expect(fetched == 0, "\(fetchErr)")

        let shared = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: database, more: "[fetch]\nskip_younger_than_minutes = 0")
        let text = try String(contentsOfFile: shared, encoding: .utf8).replacingOccurrences(of: "[store]\npath", with: "[store]\ngroup = \"\(name)\"\npath")
        try text.write(toFile: shared, atomically: true, encoding: .utf8)
        chmod(shared, 0o600)
        // The folders first, then the store: each refusal names all that is wrong at its step.
        let (refused, _, refusedErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", shared])
        #expect(refused == 2, "\(refusedErr)")
        #expect(refusedErr.contains("フォルダ \(juchu.home)/.local/share/juchu はグループ「\(name)」で共有する形"), "\(refusedErr)")
        #expect(refusedErr.contains("フォルダ \(juchu.home)/.local/state/juchu はグループ「\(name)」で共有する形"), "\(refusedErr)")
        for line in refusedErr.split(separator: "\n") { try Self.runFix(String(line)) }
        let (store, _, storeErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", shared])
        #expect(store == 2, "\(storeErr)")
        #expect(storeErr.contains("ファイル \(database) はグループ「\(name)」のユーザーが読み書きできません"), "\(storeErr)")
        for line in storeErr.split(separator: "\n") { try Self.runFix(String(line)) }
        let (fixed, _, fixedErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", shared])
        #expect(fixed == 0, "\(fixedErr)")
        #expect(Self.mode(database) == 0o660)

        let fresh = juchu.home + "/fresh/shop.sqlite"
        try text.replacingOccurrences(of: database, with: fresh).write(toFile: shared, atomically: true, encoding: .utf8)
        chmod(shared, 0o600)
        let (made, _, madeErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", shared])
        #expect(made == 0, "\(madeErr)")
        #expect(Self.mode(juchu.home + "/fresh") == 0o2770)
        #expect(Self.mode(fresh) == 0o660)

        try text.replacingOccurrences(of: "group = \"\(name)\"", with: "group = \"juchu-no-such-group\"").write(toFile: shared, atomically: true, encoding: .utf8)
        chmod(shared, 0o600)
        let (unknown, _, unknownErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", shared])
        #expect(unknown == 2 && unknownErr.contains("store.group") && unknownErr.contains("juchu-no-such-group"), "\(unknownErr)")
        await sandbox.stop()
    }
}
