import Foundation
import OrderStore
import Testing
import TestSupport

/// Two OS users of one host sharing a store through `[store] group`, and a third, not in the
/// group, kept out by the files' modes — real users, made for the test (it runs as root, as CI does).
@Suite("End to end: a store shared by a group of OS users", .serialized,
       .enabled(if: getuid() == 0 && ProcessInfo.processInfo.environment["JUCHU_TEST_OS_USERS"] == "1",
                "makes OS users and a group (juchu-test-*): as root with JUCHU_TEST_OS_USERS=1, as .ci/run does"))
struct SharedStoreEndToEndTests {
    static let group = "juchu-test-ops"
    static let members = ["juchu-test-a", "juchu-test-b"]
    static let outsider = "juchu-test-c"

    /// Runs `command` with `arguments`; its exit status and what it wrote.
    @discardableResult
    /// Copies the binary so that no other process keeps the copy open for writing: its descriptor
    /// is closed at exec (FileManager's copy leaves it to every child forked meanwhile, which then
    /// holds it for its whole life, and exec of the copy fails with Text file busy: seen in CI).
    static func copyExecutable(_ source: String, to destination: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                offset += written
            }
        }
        guard fchmod(descriptor, 0o755) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    static func run(_ command: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The group and its users, made once on this host (left for the next run).
    static func makeUsers() throws {
        if getgrnam(group) == nil {
            let (status, output) = try run("/usr/sbin/groupadd", [group])
            try #require(status == 0, "\(output)")
        }
        for user in members + [outsider] {
            if getpwnam(user) == nil {
                let (status, output) = try run("/usr/sbin/useradd", ["-M", "-N", "-s", "/usr/sbin/nologin"] + (members.contains(user) ? ["-G", group] : []) + [user])
                try #require(status == 0, "\(output)")
            }
            // One left from an earlier run keeps the membership the test needs.
            let (_, groups) = try run("/usr/bin/id", ["-nG", user])
            let member = groups.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.contains(group)
            if members.contains(user), !member { try #require(try run("/usr/sbin/usermod", ["-aG", group, user]).0 == 0) }
            if !members.contains(user), member { try #require(try run("/usr/bin/gpasswd", ["-d", user, group]).0 == 0) }
        }
        try #require(getgrnam(group) != nil && members.allSatisfy { getpwnam($0) != nil } && getpwnam(outsider) != nil)
    }

    @Test("user a makes the store 0660/2770 of the group, user b reads and confirms in it, a sees b's work; user c, outside the group, cannot open or read it")
    func shared() async throws {
        try await offPool { try Self.makeUsers() }
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0)
        // A folder every user can pass through, with the binary and each user's home and config.
        let base = juchu.home + "/host"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        chmod(juchu.home, 0o755)
        let binary = base + "/juchu"
        try Self.copyExecutable(juchu.path, to: binary)
        let shop = base + "/shop"
        try FileManager.default.createDirectory(atPath: shop, withIntermediateDirectories: true)
        chown(shop, getpwnam(Self.members[0])!.pointee.pw_uid, getgrnam(Self.group)!.pointee.gr_gid)
        chmod(shop, 0o2770)
        let database = shop + "/data/shop.sqlite"
        let credentials = sandbox.client.configuration.credentials
        let sandboxURL = sandbox.baseURL
        // Each run on a thread of its own: waiting for a process must not hold the tests' shared pool.
        let as_: @Sendable (String, [String], Bool) async throws -> (Int32, String) = { user, arguments, group in
          try await offPool {
            let home = base + "/home-" + user
            if !FileManager.default.fileExists(atPath: home) {
                try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                chown(home, getpwnam(user)!.pointee.pw_uid, getpwnam(user)!.pointee.pw_gid)
                let config = home + "/config.toml"
                try """
                    [shop]
                    id = "398211"
                    [store]
                    path = "\(database)"
                    \(group ? "group = \"\(Self.group)\"" : "")
                    [api]
                    base_url = "\(sandboxURL)"
                    service_secret = "\(credentials.serviceSecret)"
                    license_key = "\(credentials.licenseKey)"
                    requests_per_second = 50
                    [fetch]
                    skip_younger_than_minutes = 0
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                chown(config, getpwnam(user)!.pointee.pw_uid, getpwnam(user)!.pointee.pw_gid)
                chmod(config, 0o600)
            }
            let command = ["-u", user, "--", "/usr/bin/env", "-i", "HOME=\(home)", "LANG=C.UTF-8", binary] + arguments + ["--config", home + "/config.toml"]
            // The binary was copied a moment ago: a child another test forked meanwhile may still hold
            // the copy's write descriptor until it execs (exec then fails: Text file busy, seen in CI);
            // it is closed at that exec (copyExecutable), so a moment's wait is enough.
            for _ in 0..<20 {
                let (status, output) = try Self.run("/usr/sbin/runuser", command)
                guard status == 126, output.contains("Text file busy") else { return (status, output) }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return try Self.run("/usr/sbin/runuser", command)
          }
        }
        let (a, b, c) = (Self.members[0], Self.members[1], Self.outsider)
        let (fetched, fetchOut) = try await as_(a, ["fetch"], true)
        #expect(fetched == 0, "\(fetchOut)")
        #expect(StoreAccessEndToEndTests.mode(shop + "/data") == 0o2770)
        #expect(StoreAccessEndToEndTests.mode(database) == 0o660)
        var status = stat()
        #expect(stat(database, &status) == 0 && status.st_gid == getgrnam(Self.group)!.pointee.gr_gid)

        let (confirmed, confirmOut) = try await as_(b, ["confirm", "--status", "新規受付"], true)
        #expect(confirmed == 0 || confirmed == 3, "b writes to a's store: \(confirmOut)")
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(!accepted.isEmpty)
        let (seen, seenOut) = try await as_(a, ["status", "--json"], true)
        #expect(seen == 0 || seen == 3, "a opens the store after b wrote to it (its -wal, -shm and locks b made): \(seenOut)")
        let (listed, operators) = try await offPool { try Self.run("/usr/bin/env", ["python3", "-c",
            "import sqlite3, sys; print(' '.join(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute('SELECT DISTINCT operator FROM journal'))))",
            database]) }
        #expect(listed == 0 && operators.contains(a) && operators.contains(b), "the journal names each user: \(operators)")

        // c names no group (it could not: it is not in it) and is kept out by the modes alone.
        let (outside, outsideOut) = try await as_(c, ["status"], false)
        #expect(outside != 0 && outsideOut.contains("データベース \(database) を開けません: このユーザー（\(c)）には権限がありません"), "c is kept out: \(outsideOut)")
        let (read, _) = try await offPool { try Self.run("/usr/sbin/runuser", ["-u", c, "--", "/bin/cat", database]) }
        #expect(read != 0, "c cannot read the file")
        await sandbox.stop()
    }
}
