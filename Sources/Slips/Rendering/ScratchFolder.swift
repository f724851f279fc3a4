import Foundation

/// A folder of its own for one job's working files (the renderer's parts, what a program printed),
/// removed when the job ends however it ends; a failure to remove it is said, after the job's own.
enum ScratchFolder {
    static func using<T>(
        in parent: String, prefix: String, _ body: (String) async throws(SlipRenderError) -> T
    ) async throws(SlipRenderError) -> T {
        let scratch = URL(fileURLWithPath: parent).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw SlipRenderError("\(parent) に書き込めません: \(error.localizedDescription)")
        }
        do {
            let result = try await body(scratch)
            try remove(scratch)
            return result
        } catch let failure {
            do { try remove(scratch) } catch { throw SlipRenderError("\(failure.message)（\(error.message)）") }
            throw failure
        }
    }

    private static func remove(_ scratch: String) throws(SlipRenderError) {
        do { try FileManager.default.removeItem(atPath: scratch) } catch {
            throw SlipRenderError("作業フォルダ \(scratch) を消せません: \(error.localizedDescription)")
        }
    }
}
