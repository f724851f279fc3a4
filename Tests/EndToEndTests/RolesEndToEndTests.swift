import Foundation
import OrderStore
import Testing
import TestSupport

/// config.toml's [operators] from the command line: an action outside the user's role exits 2
/// with the reason, a user no role names does nothing, a group gives its role.
@Suite("End to end: operators' roles on the command line", .serialized)
struct RolesEndToEndTests {
    @Test("a 担当 fetches and looks but cannot confirm, restore or run the rules; a group makes them 管理; one not named is refused at start")
    func roles() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 10, requestsPerSecond: 0)
        let user = OperatorIdentity.current
        let database = juchu.home + "/shop.sqlite"
        func config(_ operators: String) throws -> String {
            try CommandsEndToEndTests.sandboxConfig(
                sandbox, in: juchu, database: database, more: "[fetch]\nskip_younger_than_minutes = 0\n[operators]\n\(operators)")
        }
        let clerk = try config("clerk = [\"\(user)\"]\nmanager = [\"juchu-someone-else\"]")
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", clerk])
        #expect(fetched == 0, "\(fetchErr)")
        let (status, _, statusErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", clerk])
        #expect(status == 0 || status == 3, "\(statusErr)")
        for arguments in [["confirm", "--status", "新規受付"], ["cancel", "--status", "新規受付", "--reason", "8"], ["push", "--status", "新規受付"],
                          ["restore", juchu.home + "/none.sqlite"], ["rules", "run", "--status", "新規受付"], ["backup"],
                          ["store", "copy", "--to", "postgresql://juchu@127.0.0.1/juchu"]] {
            let (refused, out, err) = try await CommandsEndToEndTests.run(juchu, arguments + ["--config", clerk])
            #expect(refused == 2 && out.isEmpty, "\(arguments): \(out)")
            #expect(err.contains("には管理の権限が必要です（\(user) は担当）。権限は \(clerk) の [operators] で決まります"), "\(arguments): \(err)")
        }
        #expect(await sandbox.server.acceptedConfirmations().isEmpty, "nothing was sent")

        let group = String(cString: getgrgid(getegid())!.pointee.gr_name)
        let manager = try config("viewer = [\"\(user)\"]\nmanager = [\"@\(group)\"]")
        let (confirmed, confirmOut, confirmErr) = try await CommandsEndToEndTests.run(juchu, ["confirm", "--status", "新規受付", "--config", manager])
        #expect(confirmed == 0 || confirmed == 3, "\(confirmOut)\(confirmErr)")
        #expect(await !sandbox.server.acceptedConfirmations().isEmpty)

        let nobody = try config("manager = [\"juchu-someone-else\"]")
        let (unnamed, _, unnamedErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", nobody])
        #expect(unnamed == 2 && unnamedErr.contains("このユーザー（\(user)）はどの権限（viewer 閲覧・clerk 担当・manager 管理）にも書かれていないため、使えません"), "\(unnamedErr)")
        let noManager = try config("clerk = [\"\(user)\"]")
        let (bad, _, badErr) = try await CommandsEndToEndTests.run(juchu, ["status", "--config", noManager])
        #expect(bad == 2 && badErr.contains("operators.manager"), "\(badErr)")
        await sandbox.stop()
    }
}
