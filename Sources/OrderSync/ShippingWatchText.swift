import OrderEngine

/// The shipping warnings in the operators' words, for the status bar and `juchu status`.
public enum ShippingWatchText {
    public static func warnings(late: [OrderNumber], stuck: [OrderNumber], leadDays: Int) -> [String] {
        var warnings: [String] = []
        if let first = late.first {
            warnings.append("発送期限（出荷予定日、なければ注文確認から\(leadDays)日）を過ぎて発送完了報告をしていない注文が\(late.count)件あります（\(first)\(late.count > 1 ? " ほか" : "")）")
        }
        if let first = stuck.first {
            warnings.append("発送完了報告から\(ShippingWatch.daysUntilShippedExpected)日たってもRMSで発送済にならない注文が\(stuck.count)件あります（\(first)\(stuck.count > 1 ? " ほか" : "")）。RMSで発送情報を確かめてください")
        }
        return warnings
    }
}
