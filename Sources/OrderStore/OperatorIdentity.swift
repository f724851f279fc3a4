#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is at the desk: the OS user, as the journal records it.
public enum OperatorIdentity {
    public static var current: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        if let user = getenv("USER") ?? getenv("LOGNAME") { return String(cString: user) }
        return "unknown"
    }

    /// The names of the groups this process runs with (its own and the supplementary ones): what
    /// config.toml's `[operators]` may name as `@group`.
    public static var groups: [String] {
        let count = getgroups(0, nil)
        var ids = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let filled = getgroups(count, &ids)
        return Array(Set([getegid()] + ids.prefix(Int(max(filled, 0))))).compactMap { id in
            getgrgid(id).flatMap { $0.pointee.gr_name.map { String(cString: $0) } }
        }.sorted()
    }

    /// Whether the OS knows this user by its id (not only by $USER, which anyone may set).
    public static var isKnownUser: Bool { getpwuid(geteuid()) != nil }

    /// The host and pid of a process as ``process`` names it (`user@host:pid`).
    public static func hostAndPID(of process: String) -> (host: String, pid: Int32)? {
        guard let at = process.lastIndex(of: "@"), let colon = process.lastIndex(of: ":"), at < colon,
            let pid = Int32(process[process.index(after: colon)...])
        else { return nil }
        return (String(process[process.index(after: at)..<colon]), pid)
    }

    /// Whether a process of this host is still running (signal 0 checks without sending).
    public static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// `user@host:pid`, to tell processes apart in the outbox.
    public static var process: String {
        "\(current)@\(host):\(getpid())"
    }

    /// This host's name as the store records it: `JUCHU_HOST_ID` where set — each host of a shop
    /// must have its own, and containers often share a hostname — else the hostname.
    public static var host: String {
        if let id = getenv("JUCHU_HOST_ID"), case let named = String(cString: id), !named.isEmpty { return named }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        return host.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
