import Foundation
import HTTPTypes
import RakutenPay

/// Control of the sandbox over HTTP, for tests and demos in other processes:
/// `/sandbox/admin/<command>` on the sandbox's own (loopback) address, without the ESA header.
///
/// - `GET stats` — accepted confirmations and writes per order, requests per function, faults
///   injected by kind, orders held
/// - `POST faults {"faultRate": 0.2}` · `POST maintenance {"on": true}` · `POST qps {"requestsPerSecond": 1}`
/// - `POST orders {"count": 5}` — new orders arrive now
/// - `POST clock {"advanceSeconds": 86400}` — RMS's clock moves forward (発送済 the next day)
/// - `POST progress {"orderNumber": "...", "progress": 900}` — as if RMS or the customer moved it
/// - `POST gift-recipient {"orderNumber": "..."}` — a ソーシャルギフト's recipient enters the address
struct SandboxAdmin {
    let server: SandboxServer

    static let prefix = "/sandbox/admin/"

    struct Stats: Codable, Sendable {
        var acceptedConfirmations: [String: Int]
        /// Writes RMS carried out, per function and order.
        var acceptedWrites: [String: [String: Int]]
        var requests: [String: Int]
        /// Faults injected, by kind: each is a failure some client must have seen and logged.
        var faultsInjected: [String: Int]
        var orderCount: Int
        /// Requests turned away for going over the requests per second (ES03-01).
        var qpsRefusals: Int
        /// The shortest time between two API requests' arrivals since the last reset.
        var shortestGapMilliseconds: Int?
    }

    func respond(command: String, method: HTTPRequest.Method, body: [UInt8]) async -> SandboxAnswer {
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(body))) ?? .null
        switch (method, command) {
        case (.get, "stats"):
            return .json(.ok, await server.stats())
        case (.post, "faults"):
            guard let rate = json["faultRate"].flatMap(Self.number), (0...1).contains(rate) else { return Self.bad("faultRate は 0〜1") }
            server.setFaultRate(rate)
        case (.post, "maintenance"):
            guard case .bool(let on)? = json["on"] else { return Self.bad("on は true / false") }
            server.setMaintenance(on)
        case (.post, "qps"):
            guard let rate = json["requestsPerSecond"].flatMap(Self.number), rate >= 0 else { return Self.bad("requestsPerSecond は 0 以上") }
            server.setRequestsPerSecond(rate)
        case (.post, "orders"):
            guard let count = json["count"]?.intValue, (1...10_000).contains(count) else { return Self.bad("count は 1〜10000") }
            await server.addNewOrders(count)
        case (.post, "clock"):
            guard let seconds = json["advanceSeconds"]?.intValue, seconds >= 0 else { return Self.bad("advanceSeconds は 0 以上") }
            await server.advanceClock(seconds: Int64(seconds))
        case (.post, "progress"):
            guard let number = json["orderNumber"]?.stringValue, let progress = json["progress"]?.intValue,
                RMSProgressCodes.all.contains(progress)
            else { return Self.bad("orderNumber と progress（100〜900）") }
            guard await server.setProgress(number, to: progress) else { return Self.bad("注文 \(number) はありません") }
        case (.post, "gift-recipient"):
            guard let number = json["orderNumber"]?.stringValue else { return Self.bad("orderNumber") }
            guard await server.enterGiftRecipient(number) else { return Self.bad("注文 \(number) は受取人の入力待ちのソーシャルギフトではありません") }
        default:
            return .json(.notFound, ["error": "不明な管理コマンド \(method) \(command)"])
        }
        return .json(.ok, ["result": "ok"])
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let n): Double(n)
        case .double(let n): n
        default: nil
        }
    }

    static func bad(_ what: String) -> SandboxAnswer {
        .json(.badRequest, ["error": "値が不正です: \(what)"])
    }
}
