import Foundation

/// A benchmark's scratch folder under the temporary directory, removed when the measure is done;
/// one that cannot be removed is said on stderr (it holds databases of gigabytes), not passed over.
enum BenchScratch {
    static func path(_ name: String) -> String {
        NSTemporaryDirectory() + "juchu-bench-\(name)-\(UUID().uuidString.prefix(8))"
    }

    static func remove(_ path: String) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch CocoaError.fileNoSuchFile {
            // Never made: the measure stopped before it wrote anything.
        } catch {
            FileHandle.standardError.write(Data("juchu-bench: 一時フォルダ \(path) を消せません: \(error.localizedDescription)\n".utf8))
        }
    }
}
