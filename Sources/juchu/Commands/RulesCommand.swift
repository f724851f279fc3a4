import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShopSettings

/// `juchu rules`: the shop's routine (rules.toml) — tried without changing anything, explained for
/// one order, or run now on orders already here.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "ルール（rules.toml）: 試す・理由を見る・今すぐ適用する・取り消す",
        discussion: """
            ルールは $XDG_CONFIG_HOME/juchu/rules.toml（または config.toml の [rules] path）に [[rule]] を上から順に書きます。
            取り込んだ新しい注文には、同期を担当するプロセス（デスクか juchu sync）が上から順に適用します。各ルールは一つの注文に一度だけ働きます。
            """,
        subcommands: [RulesTestCommand.self, RulesWhyCommand.self, RulesRunCommand.self, RulesUndoCommand.self])
}

/// Where the rules come from: config.toml's, or a file given to try.
struct RulesSource: ParsableArguments {
    @Option(help: "試すルールのファイル（既定: config.toml の [rules] path、なければ $XDG_CONFIG_HOME/juchu/rules.toml）")
    var file: String?

    func rules(_ settings: ShopConfig) throws -> (RuleSet, String) {
        try UserFacingError.settings {
            if let file { return try RulesFile.load(path: file, statuses: settings.statuses, flags: settings.flags) }
            return try settings.rules()
        }
    }

    /// What the rules make of the orders `choose` gives, nothing changed: the store and (`withMail`)
    /// the shop's templates are all it needs, no RMS credentials.
    func simulate(
        _ options: ConfigOptions, withMail: Bool, _ choose: (any ShopStore) throws -> [OrderNumber]
    ) throws -> (simulated: [(order: Order, trace: RuleTrace, plan: [RuleTrace.PlannedStep])], rules: RuleSet, file: String, store: any ShopStore) {
        let (settings, file) = try options.load()
        let (rules, rulesFile) = try self.rules(settings)
        let store = try options.openStore(settings, existing: true)
        let mailer = withMail ? try options.mailer(settings, file: file) : nil
        return (try SyncService.simulateRules(rules, on: try choose(store), store: store, mailer: mailer), rules, rulesFile, store)
    }
}

/// `juchu rules test [--file F] [--status S | ORDER…]`: what the rules would do, nothing changed.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "ルールを試します: 注文ごとに、各ルールが合うか（理由）と、何をするか（適用・スキップと理由）を表示します。何も変更しません",
        discussion: "終了コード: 0 表示、1 失敗、2 設定・ルールの誤り")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var source: RulesSource
    @OptionGroup var selection: OrderSelection

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let tried = try source.simulate(options, withMail: true) { try selection.numbers(in: $0) }
            RulesOutput.print(tried.simulated, rulesFile: tried.file, rules: tried.rules, json: json, plans: true)
        }
    }
}

/// `juchu rules why ORDER`: which rules acted on the order and what they matched, and which did not and why.
struct RulesWhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "注文にどのルールが働いたか（何に合ったか）、働かなかったルールとその理由を表示します",
        discussion: "終了コード: 0 表示、1 注文がない・失敗、2 設定・ルールの誤り")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var source: RulesSource

    @Argument(help: "注文番号")
    var orders: [String]

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let numbers = orders.map(OrderNumber.init)
            let why = try source.simulate(options, withMail: false) { _ in numbers }
            let found = Set(why.simulated.map(\.order.number))
            if let missing = numbers.first(where: { !found.contains($0) }) { throw UserFacingError("注文 \(missing) はありません", exitCode: 1) }
            RulesOutput.print(why.simulated, rulesFile: why.file, rules: why.rules, json: json, plans: false, acts: try why.store.ruleActs(of: numbers))
        }
    }
}

/// `juchu rules run [--status S | ORDER…]`: the rules now, on orders already here (each rule still
/// at most once per order).
struct RulesRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "ルールを今すぐ適用します（既にある注文に。各ルールは一つの注文に一度だけ）",
        discussion: "終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 設定・ルールの誤り")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var selection: OrderSelection

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.runRules, settings, file: file)
            let (rules, _) = try UserFacingError.settings { try settings.rules() }
            let service = try options.service(settings, file: file, existingStore: true).mailing(with: try options.mailer(settings, file: file))
            let report = try runBlocking { try await service.applyRules(rules, to: try selection.numbers(in: service.store)) }
            let written = WriteReport(lines: report.lines, skipped: report.skipped.map(\.skip))
            for acted in report.acted { print("ルール「\(acted.rule)」: \(acted.numbers.count)件（取り消し: juchu rules undo --batch \(acted.batchID)）") }
            try written.print(json: json)
        }
    }
}

/// How the rules' verdicts read on a terminal or as JSON.
enum RulesOutput {
    static func print(
        _ simulated: [(order: Order, trace: RuleTrace, plan: [RuleTrace.PlannedStep])], rulesFile: String, rules: RuleSet, json: Bool,
        plans: Bool, acts: [OrderNumber: [RuleAct]] = [:]
    ) {
        if json {
            let orders: [[String: Any]] = simulated.map { entry in
                var object: [String: Any] = [
                    "orderNumber": entry.order.number.rawValue,
                    "rules": entry.trace.steps.map { step -> [String: Any] in
                        ["name": step.rule.name, "verdict": verdictKey(step.verdict), "reason": step.reason]
                    },
                ]
                if plans {
                    object["plan"] = entry.plan.map { step -> [String: Any] in
                        ["rule": step.rule, "action": step.action, "result": step.applies == nil ? "skip" : "apply",
                         "detail": step.applies ?? step.skip?.text ?? ""]
                    }
                }
                if let held = entry.trace.held { object["hold"] = ["rule": held.rule, "reason": held.reason] }
                if let done = acts[entry.order.number] {
                    object["acted"] = done.map {
                        ["rule": $0.rule, "matched": $0.matched, "at": JapanTime($0.at).fullText, "batch": $0.batchID, "waitsToBundle": $0.waitsToBundle]
                    }
                }
                return object
            }
            do {
                try printJSON(["rulesFile": rulesFile, "rules": rules.rules.map(\.name), "orders": orders])
            } catch {
                juchu.print("JSONを書き出せません: \(error)")
            }
            return
        }
        if rules.isEmpty { juchu.print("ルールがありません（\(rulesFile)）") }
        for entry in simulated {
            juchu.print("\(entry.order.number)  \(entry.order.orderer.fullName)  \(entry.order.payment.methodName)")
            for act in acts[entry.order.number] ?? [] {
                juchu.print("  働いた  \(act.rule): \(act.matched)（\(JapanTime(act.at).fullText)）\(act.waitsToBundle ? "  同梱待ち: 同じ送付先の注文がすべて楽天処理済になったら同梱します" : "")")
            }
            for step in entry.trace.steps {
                let word = switch step.verdict {
                case .acts: "合う    "
                case .notMatched: "合わない"
                case .actedBefore: "実行済み"
                case .after: "止まった"
                }
                juchu.print("  \(word)  \(step.rule.name): \(step.reason)")
            }
            if let held = entry.trace.held { juchu.print("  保留    \(held.rule): \(held.reason)") }
            if plans {
                for step in entry.plan {
                    juchu.print("    \(step.applies == nil ? "スキップ" : "適用    ")  \(step.rule): \(step.action)  \(step.applies ?? step.skip?.text ?? "")")
                }
            }
        }
    }

    static func verdictKey(_ verdict: RuleTrace.Verdict) -> String {
        switch verdict {
        case .acts: "matches"
        case .notMatched: "notMatched"
        case .actedBefore: "actedBefore"
        case .after: "stoppedBefore"
        }
    }
}

/// `juchu rules undo [--batch ID] [--preview]`: takes a rule's batch back (the rules' newest by
/// default) — from any desk or script, since no operator made it. Fields changed again since, and
/// what went to RMS, stay as they are and are said.
struct RulesUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "ルールの一括処理を取り消します（既定: ルールの直前の処理）",
        discussion: "終了コード: 0 取り消した、3 一部を戻せなかった、1 取り消せる処理がない・失敗")

    @OptionGroup var options: ConfigOptions

    @Option(help: "取り消す一括処理（juchu rules run が表示するもの）")
    var batch: String?

    @Flag(help: "何が戻るかを見るだけで、取り消しません")
    var preview = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.undo, settings, file: file)
            let store = try options.openStore(settings, existing: true)
            guard let chosen = try store.undoableBatches(limit: 1, byRules: true, batchID: batch).first else {
                throw UserFacingError(batch.map { "一括処理 \($0) は取り消せるルールの処理にありません（取り消し済みか、ルールの処理ではありません）" }
                    ?? "取り消せるルールの処理はありません", exitCode: 1)
            }
            let title = chosen.title(when: JapanTime(chosen.at).fullText)
            let plan = try store.planUndo(batch: chosen.batchID, title: title)
            var kept = plan.skips.map { ($0.number, $0.reason.text) }
            var restored: [OrderNumber] = []
            if !preview {
                let undone = try store.undo(batch: chosen.batchID)
                restored = undone.restored
                kept = undone.keptBack
            }
            if json {
                try printJSON([
                    "batch": chosen.batchID, "rule": chosen.operatorName, "applied": !preview,
                    "orders": plan.changes.map { ["orderNumber": $0.number.rawValue, "fields": $0.fields.map(\.displayText)] },
                    "kept": kept.map { ["orderNumber": $0.0.rawValue, "reason": $0.1] },
                ] as [String: Any])
            } else {
                print("\(title) \(preview ? "を取り消すと" : "を取り消しました")")
                for change in plan.changes { print("\(change.number)\t\(change.fields.map(\.displayText).joined(separator: "、"))") }
                for (number, why) in kept { print("\(number)\t戻さない\t\(why)") }
                if !preview { print("元に戻しました: \(restored.count)件") }
            }
            if !kept.isEmpty { throw ExitCode(3) }
        }
    }
}
