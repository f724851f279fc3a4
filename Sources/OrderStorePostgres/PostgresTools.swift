import Foundation
import OrderStore
import Synchronization

/// PostgreSQL's own programs (pg_dump, pg_restore), run for the store's backups: the newest
/// installed (Debian keeps each version under /usr/lib/postgresql/N/bin; a pg_dump older than
/// the server refuses to dump it), else the one on PATH. The connection is given as libpq's
/// environment (https://www.postgresql.org/docs/current/libpq-envars.html); the password is in a
/// passfile only this user reads, for that one run — never on the command line or in the
/// environment, which libpq's manual warns other users of some hosts can see.
enum PostgresTools {
    /// The program's path, or why there is none.
    static func path(of program: String) throws -> String {
        let installed = "/usr/lib/postgresql"
        let versions = FileManager.default.fileExists(atPath: installed) ? try FileManager.default.contentsOfDirectory(atPath: installed) : []
        let newest = versions.compactMap { Int($0) }.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/\(program)" }
        let onPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(program)" }
        guard let found = (newest + onPath).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw StoreError("\(program) がありません（PostgreSQL のクライアント: apt-get install postgresql-client）")
        }
        return found
    }

    /// Runs `program` with `arguments` (connected to `location` when given); `line` is handed
    /// each line of its output as it comes. A failure is said with the program's own words.
    static func run(
        _ program: String, _ arguments: [String], on location: PostgresLocation?, line: ((Substring) throws -> Void)? = nil
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: program))
        // Neither libpq's settings nor Juchu's (JUCHU_DB_PASSWORD) pass on: the connection is only the one given.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("JUCHU_") }
        let passFile = try location?.password.map { try PrivateTemporaryFile(named: "pgpass", holding: Self.passFileLine($0)) }
        defer { passFile?.remove() }
        if let passFile { environment["PGPASSFILE"] = passFile.path }
        if let location {
            environment["PGHOST"] = location.host
            environment["PGPORT"] = String(location.port)
            environment["PGUSER"] = location.user
            environment["PGDATABASE"] = location.database
            environment["PGSSLMODE"] = location.sslMode.rawValue
            environment["PGCONNECT_TIMEOUT"] = "10"
            if let roots = location.rootCertificates { environment["PGSSLROOTCERT"] = roots }
        }
        process.environment = environment
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = line == nil ? FileHandle.nullDevice : output
        process.standardError = errors
        // Read while it runs: a full pipe would stop it.
        let said = Mutex(Data())
        let read = DispatchSemaphore(value: 0)
        do {
            try process.run()
        } catch {
            throw StoreError("\(program) を起動できません: \(error.localizedDescription)")
        }
        Thread.detachNewThread {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            said.withLock { $0 = data }
            read.signal()
        }
        let failure = line.flatMap { Self.readLines(output.fileHandleForReading, $0) }
        process.waitUntilExit()
        read.wait()
        if let failure { throw failure }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: said.withLock { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StoreError("\(program) が失敗しました（終了コード \(process.terminationStatus)）: \(text.isEmpty ? "説明なし" : text)")
        }
    }

    /// libpq's passfile giving `password` for whatever the program connects to
    /// (https://www.postgresql.org/docs/current/libpq-pgpass.html: `host:port:database:user:password`,
    /// `*` for any, `:` and `\` escaped with `\`).
    private static func passFileLine(_ password: String) -> String {
        "*:*:*:*:" + password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:") + "\n"
    }

    /// Hands `line` each line of `handle` until its end; the first error `line` throws, or nil.
    private static func readLines(_ handle: FileHandle, _ line: (Substring) throws -> Void) -> (any Error)? {
        var pending = Data()
        do {
            while true {
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                pending.append(chunk)
                guard let last = pending.lastIndex(of: 0x0A) else { continue }
                let text = String(decoding: pending[..<last], as: UTF8.self)
                for piece in text.split(separator: "\n", omittingEmptySubsequences: false) { try line(piece) }
                pending.removeSubrange(...last)
            }
            if !pending.isEmpty { try line(Substring(String(decoding: pending, as: UTF8.self))) }
            return nil
        } catch {
            // The rest read all the same, so that the program is not left blocked on a full pipe.
            while !handle.readData(ofLength: 1 << 20).isEmpty {}
            return error
        }
    }
}
