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

    /// `user@host:pid`, to tell processes apart in the outbox.
    public static var process: String {
        "\(current)@\(host):\(getpid())"
    }

    public static var host: String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count)
        return host.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
