import Foundation

/// Who may read what Juchu writes — buyers' names, addresses and phones (個人情報): the owner only
/// (files 0600, folders 0700), or the owner and one group (files 0660, folders 2770: a folder whose
/// new files take its group) when several OS users of the host share one store (`[store] group`).
///
/// What Juchu makes gets these modes; a store or folder that others can read is refused at start
/// with the command that fixes it, as ssh refuses a readable key.
public struct FileAccess: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public let name: String
        public let id: gid_t
    }

    /// The group that shares the files; nil: the owner only.
    public let group: Group?

    public static let ownerOnly = FileAccess(group: nil)

    public init(group: Group?) {
        self.group = group
    }

    /// Shared by the host's group `name`, which this user must belong to (else the files it makes
    /// could not be given to it).
    public static func shared(by name: String) throws(FileAccessError) -> FileAccess {
        guard let entry = getgrnam(name) else { throw FileAccessError("グループ「\(name)」はこのホストにありません（getent group \(name) で確かめてください）") }
        let id = entry.pointee.gr_gid
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let filled = getgroups(count, &groups)
        guard getegid() == id || groups.prefix(Int(max(filled, 0))).contains(id) else {
            throw FileAccessError("このユーザー（\(OperatorIdentity.current)）はグループ「\(name)」に入っていません（sudo usermod -aG \(name) \(OperatorIdentity.current) の後、ログインし直してください）")
        }
        return FileAccess(group: Group(name: name, id: id))
    }

    public var fileMode: mode_t { group == nil ? 0o600 : 0o660 }
    public var folderMode: mode_t { group == nil ? 0o700 : 0o2770 }

    /// Makes every file this process creates from now on (logs, labels, slips, the database's
    /// -wal and -shm) unreadable to others, and to the group unless it shares the store.
    public func applyToProcess() {
        umask(group == nil ? 0o077 : 0o007)
    }

    /// Makes the folder `path` (and its missing parents) when it is not there; the folder itself gets
    /// this access.
    public func makeFolder(_ path: String) throws(FileAccessError) {
        var status = stat()
        guard stat(path, &status) != 0 else { return }
        if errno == EACCES {
            throw FileAccessError("フォルダ \(path) に入れません: このユーザー（\(OperatorIdentity.current)）には権限がありません（共有するグループに入っているか確かめてください）")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileAccessError("フォルダ \(path) を作れません: \(error.localizedDescription)")
        }
        if let group, chown(path, uid_t.max, group.id) != 0 {
            throw FileAccessError("フォルダ \(path) をグループ「\(group.name)」のものにできません: \(String(cString: strerror(errno)))")
        }
        guard chmod(path, folderMode) == 0 else {
            throw FileAccessError("フォルダ \(path) の権限を \(String(folderMode, radix: 8)) にできません: \(String(cString: strerror(errno)))")
        }
    }

    /// Creates the empty file `path` with this access, unless it exists (`new`: refused when it does).
    public func createFile(_ path: String, new: Bool = false) throws(FileAccessError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, fileMode)
        if descriptor < 0 {
            if errno == EEXIST, !new { return }
            throw FileAccessError("ファイル \(path) を作れません: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // The process's umask may have taken bits away that the group needs.
        if let group, fchown(descriptor, uid_t.max, group.id) != 0 {
            throw FileAccessError("ファイル \(path) をグループ「\(group.name)」のものにできません: \(String(cString: strerror(errno)))")
        }
        guard fchmod(descriptor, fileMode) == 0 else {
            throw FileAccessError("ファイル \(path) の権限を \(String(fileMode, radix: 8)) にできません: \(String(cString: strerror(errno)))")
        }
    }

    /// Why the files and folders of `paths` that exist may not be used — each with the command that
    /// fixes it — or nil when none can be read by others than this access allows.
    public func refusal(for paths: [String]) -> FileAccessError? {
        let problems = paths.compactMap(problem(at:))
        return problems.isEmpty ? nil : FileAccessError(problems.joined(separator: "\n"))
    }

    private func problem(at path: String) -> String? {
        var status = stat()
        // What a link points to is what is read through it.
        guard stat(path, &status) == 0 else { return nil }
        let isFolder = status.st_mode & S_IFMT == S_IFDIR
        let mode = status.st_mode & 0o7777
        let wanted = isFolder ? folderMode : fileMode
        let what = isFolder ? "フォルダ" : "ファイル"
        let shown = String(format: "%04o", mode)
        let quoted = Self.shellQuoted(path)
        if mode & 0o007 != 0 {
            return "\(what) \(path) はこのホストのどのユーザーにも読めます（権限 \(shown)）。お客様の個人情報を守るため使いません。直すには: chmod \(String(wanted, radix: 8)) \(quoted)"
        }
        guard let group else {
            if mode & 0o070 != 0 {
                return "\(what) \(path) はグループのユーザーにも読めます（権限 \(shown)）。直すには: chmod \(String(wanted, radix: 8)) \(quoted)"
                    + "（複数のOSユーザーで使うなら config.toml の [store] group にそのグループを書いてください）"
            }
            return nil
        }
        if status.st_gid != group.id {
            return "\(what) \(path) のグループが「\(group.name)」ではありません。直すには: chgrp \(group.name) \(quoted) && chmod \(String(wanted, radix: 8)) \(quoted)"
        }
        if isFolder, mode & 0o2070 != 0o2070 {
            return "フォルダ \(path) はグループ「\(group.name)」で共有する形（2770: 中のファイルがそのグループのものになる）ではありません（権限 \(shown)）。直すには: chmod 2770 \(quoted)"
        }
        if !isFolder, mode & 0o060 != 0o060 {
            return "ファイル \(path) はグループ「\(group.name)」のユーザーが読み書きできません（権限 \(shown)）。直すには: chmod 660 \(quoted)"
        }
        return nil
    }

    /// `path` as a shell reads it back: quoted unless it is made of safe characters only.
    static func shellQuoted(_ path: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+@%=:,")
        if !path.isEmpty, path.allSatisfy(safe.contains) { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A file or folder Juchu may not make or use as it is, with what to do.
public struct FileAccessError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
