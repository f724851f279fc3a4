import ArgumentParser
import OrderSync

extension WriteReport {
    /// Prints each order's result (a line each, or JSON lines) and the counts, and gives the exit:
    /// 0 all sent, 3 some failed or skipped, 1 none sent.
    func print(json: Bool) throws {
        if json {
            let lines = lines.map { ["orderNumber": $0.number.rawValue, "result": $0.ok ? "ok" : "failed", "message": $0.message] }
                + skipped.map { ["orderNumber": $0.number.rawValue, "result": "skipped", "message": $0.reason.text] }
            try printJSON(lines)
        } else {
            for line in lines { juchu.print("\(line.number)\t\(line.ok ? "成功" : "失敗")\t\(line.message)") }
            for skip in skipped { juchu.print("\(skip.number)\tスキップ\t\(skip.reason.text)") }
            juchu.print("成功 \(succeeded)件、失敗 \(failed)件、スキップ \(skipped.count)件")
        }
        if failed > 0 || !skipped.isEmpty {
            throw ExitCode(succeeded > 0 ? 3 : 1)
        }
    }
}
