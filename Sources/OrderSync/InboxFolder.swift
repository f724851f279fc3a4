import Foundation

/// A folder where the operator puts files to be taken in (荷物番号 from a carrier's software, RMS's
/// order CSV): each file taken in is moved to `取込済` beside them, so the folder holds only what
/// is still to be read.
public enum InboxFolder {
    /// The files waiting in `folder` (made when there is none): CSV and text, not hidden, by name.
    public static func files(in folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".csv") || $0.hasSuffix(".CSV") || $0.hasSuffix(".txt")) }.sorted()
            .map { folder + "/" + $0 }
    }

    /// Moves `path` to `取込済` beside it. A file of the same name taken in before keeps its place:
    /// this one gets a number.
    public static func moveTakenIn(_ path: String) throws {
        let done = (path as NSString).deletingLastPathComponent + "/取込済"
        let name = (path as NSString).lastPathComponent as NSString
        try FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
        var target = done + "/" + (name as String)
        var copy = 2
        while FileManager.default.fileExists(atPath: target) {
            target = done + "/" + name.deletingPathExtension + "-\(copy)" + (name.pathExtension.isEmpty ? "" : "." + name.pathExtension)
            copy += 1
        }
        try FileManager.default.moveItem(atPath: path, toPath: target)
    }
}
