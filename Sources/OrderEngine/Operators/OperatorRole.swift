/// What an operator may do (権限), as config.toml's `[operators]` gives it, each role including
/// the ones below it: 閲覧 looks only (the grid, details, mails, search, export, 試す); 担当 works
/// the orders here (statuses, check items, dates and fees, bundles, labels, tracking numbers, the
/// shipping report, slips, mail, fetch, undo, edits saved here); 管理 also sends what changes an
/// order's contract with the buyer at RMS — 注文確認通知, キャンセル, 入力内容の反映 (money and
/// address edits) — runs the rules for real, and makes and restores backups.
public enum OperatorRole: Int, Sendable, CaseIterable, Comparable {
    case viewer
    case clerk
    case manager

    public static func < (lhs: OperatorRole, rhs: OperatorRole) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The operators' word: 閲覧, 担当, 管理.
    public var label: String {
        switch self {
        case .viewer: "閲覧"
        case .clerk: "担当"
        case .manager: "管理"
        }
    }

    /// Its key in config.toml's `[operators]`.
    public var key: String {
        switch self {
        case .viewer: "viewer"
        case .clerk: "clerk"
        case .manager: "manager"
        }
    }
}

extension ActionID {
    /// The least role that may run it.
    public var requiredRole: OperatorRole {
        switch self {
        case .confirm, .cancel, .pushEdit, .runRules: .manager
        case .testRules: .viewer
        case .refreshRMSStatus, .changeStatus, .writeDate, .writeFee, .setCarrier, .setFlag, .clearFlag, .bundle, .unbundle, .duplicate,
             .acceptRMSChanges, .writeLabels, .importTracking, .importRMSCSV, .shipReport, .shipCorrection, .sendMail, .testMail, .printSlips,
             .printReceipt, .undo, .fetch, .enterOrder, .reconcile:
            .clerk
        }
    }
}

/// What an operator does besides the panel's actions, each with the least role it needs: with
/// ``ActionID/requiredRole``, the one table of who may do what, for the desk and the commands alike.
public enum OperatorTask: Sendable, CaseIterable {
    /// 注文内容修正: changes saved here (`e`, `juchu edit`); sending them is 入力内容を反映する.
    case editOrder
    /// 荷物番号の入力・訂正・削除 here.
    case enterTracking
    /// The sync worker: fetches, polls, sends what desks recorded; the rules it runs act in their own names.
    case runWorker
    /// `juchu backup` (the worker's daily backup is the shop's routine, made by whichever worker holds the lease).
    case backup
    case restore
    /// `juchu store copy`: the whole store into a PostgreSQL database.
    case copyStore

    public var title: String {
        switch self {
        case .editOrder: "注文内容の修正"
        case .enterTracking: "荷物番号の入力・訂正"
        case .runWorker: "同期ワーカー"
        case .backup: "バックアップ"
        case .restore: "バックアップから戻す"
        case .copyStore: "データベースを写す"
        }
    }

    public var requiredRole: OperatorRole {
        switch self {
        case .editOrder, .enterTracking, .runWorker: .clerk
        case .backup, .restore, .copyStore: .manager
        }
    }
}

/// Who is working and in which role: the refusal of what the role does not allow, in the
/// operators' words.
public struct OperatorPermission: Sendable, Equatable {
    public let name: String
    public let role: OperatorRole

    public init(name: String, role: OperatorRole) {
        self.name = name
        self.role = role
    }

    /// Why `what` may not be done in this role (it needs `needed`), or nil when it may.
    public func refusal(_ what: String, needs needed: OperatorRole) -> String? {
        role >= needed ? nil : "「\(what)」には\(needed.label)の権限が必要です（\(name) は\(role.label)）"
    }

    /// Why `action` may not be run in this role, or nil when it may.
    public func refusal(for action: ActionID) -> String? {
        refusal(action.title, needs: action.requiredRole)
    }

    /// Why `task` may not be done in this role, or nil when it may.
    public func refusal(for task: OperatorTask) -> String? {
        refusal(task.title, needs: task.requiredRole)
    }
}

/// config.toml's `[operators]`: the OS users (and, written `@name`, the groups) given each role.
public struct OperatorRoles: Sendable, Equatable {
    public var members: [OperatorRole: [String]]

    public init(members: [OperatorRole: [String]]) {
        self.members = members
    }

    /// The highest role `user`, or one of its `groups`, is given; nil when none names it.
    public func role(of user: String, groups: [String]) -> OperatorRole? {
        OperatorRole.allCases.reversed().first { role in
            (members[role] ?? []).contains { $0 == user || ($0.hasPrefix("@") && groups.contains(String($0.dropFirst()))) }
        }
    }
}
