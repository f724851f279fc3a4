import Foundation

/// A child process on a pseudo-terminal of a given size: what it writes is read from the master.
/// What the desk benchmarks drive `juchu desk` through, as a terminal would.
public final class PseudoTerminalProcess {
    public let master: Int32
    public let pid: pid_t

    /// Why the child could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `executable` with `arguments` in a session of its own on a new pty of this size.
    public init(executable: String, arguments: [String], width: Int, height: Int, environment: [String]) throws {
        // /dev/ptmx by hand: posix_openpt and its kin are not in Swift's Glibc module. The ioctls
        // are Linux's TIOCSPTLCK (unlock) and TIOCGPTN (the slave's number).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw StartError(description: "擬似端末を開けません")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        let slave = open(slavePath, O_RDWR)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        close(slave)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A session of its own, with the pty as its controlling terminal (opened after setsid).
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID (glibc), not in the Swift module
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        guard posix_spawn(&child, executable, &actions, &attributes, argv, envp) == 0 else { throw StartError(description: "\(executable) を起動できません") }
        pid = child
    }

    /// What the child wrote within `timeoutMilliseconds`, or nil when it wrote nothing.
    public func read(timeoutMilliseconds: Int32) -> Data? {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = Glibc.read(master, &buffer, buffer.count)
        return count > 0 ? Data(buffer[0..<count]) : nil
    }

    /// Reads until the child has been quiet for `quietMilliseconds`; returns the bytes read.
    public func drain(quietMilliseconds: Int32) -> Int {
        var total = 0
        while let chunk = read(timeoutMilliseconds: quietMilliseconds) { total += chunk.count }
        return total
    }

    /// Reads whatever the child writes during the next `milliseconds`; returns the bytes read.
    public func collect(milliseconds: Int) -> Int {
        let end = ContinuousClock.now + .milliseconds(milliseconds)
        var total = 0
        while case let left = end - ContinuousClock.now, left > .zero {
            let wait = Int32(max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            total += read(timeoutMilliseconds: wait)?.count ?? 0
        }
        return total
    }

    /// Reads the frame that answers a key: waits up to `milliseconds` for output, then reads until
    /// the child is quiet for `quietMilliseconds`. Returns the bytes and the child's CPU time at the
    /// end of the frame (``cpuNanoseconds()``), so that work done after the frame is not counted.
    public func frame(withinMilliseconds milliseconds: Int32, quietMilliseconds: Int32 = 3) -> (bytes: Int, cpu: Int, cpuAllThreads: Int) {
        var total = 0
        if let first = read(timeoutMilliseconds: milliseconds) {
            total = first.count
            while let chunk = read(timeoutMilliseconds: quietMilliseconds) { total += chunk.count }
        }
        return (total, cpuNanoseconds(), cpuNanoseconds(allThreads: true))
    }

    public func write(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(master, $0.baseAddress, $0.count - 1) }
    }

    /// Time the child has spent on a CPU, in nanoseconds: the first field of
    /// /proc/PID/task/TID/schedstat of its main thread, or of every thread summed.
    public func cpuNanoseconds(allThreads: Bool = false) -> Int {
        let tasks = allThreads ? (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] : ["\(pid)"]
        return tasks.reduce(0) { sum, task in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/schedstat", encoding: .utf8)) ?? "0"
            return sum + (Int(text.split(separator: " ").first ?? "0") ?? 0)
        }
    }

    public func stop() {
        var status: Int32 = 0
        for _ in 0..<20 where waitpid(pid, &status, WNOHANG) == 0 { usleep(50_000) }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(master)
    }
}
