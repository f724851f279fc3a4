import Testing
@testable import OrderEngine

@Suite("Operators' roles: 閲覧, 担当, 管理")
struct OperatorRoleTests {
    @Test("a user gets the highest role that names them or one of their groups; one not named gets none")
    func roles() {
        let roles = OperatorRoles(members: [
            .viewer: ["guest", "@staff"], .clerk: ["hanako", "@shipping"], .manager: ["taro", "@admins"],
        ])
        #expect(roles.role(of: "taro", groups: []) == .manager)
        #expect(roles.role(of: "hanako", groups: ["staff"]) == .clerk)
        #expect(roles.role(of: "jiro", groups: ["staff", "admins"]) == .manager)
        #expect(roles.role(of: "saburo", groups: ["staff"]) == .viewer)
        #expect(roles.role(of: "shipping", groups: []) == nil, "a group is named with @ only")
        #expect(roles.role(of: "nobody", groups: ["users"]) == nil)
    }

    @Test("confirm, cancel, push and running the rules need 管理; shipping, mail and slips 担当; trying the rules 閲覧 — said in the operators' words")
    func needs() {
        #expect(ActionID.allCases.filter { $0.requiredRole == .manager } == [.confirm, .cancel, .pushEdit, .runRules])
        #expect(ActionID.allCases.filter { $0.requiredRole == .viewer } == [.testRules])
        let clerk = OperatorPermission(name: "hanako", role: .clerk)
        #expect(clerk.refusal(for: .shipReport) == nil && clerk.refusal(for: .sendMail) == nil && clerk.refusal(for: .printSlips) == nil)
        #expect(clerk.refusal(for: .confirm) == "「注文確認通知を送る」には管理の権限が必要です（hanako は担当）")
        let viewer = OperatorPermission(name: "guest", role: .viewer)
        #expect(viewer.refusal(for: .changeStatus) != nil && viewer.refusal(for: .testRules) == nil)
        #expect(OperatorPermission(name: "taro", role: .manager).refusal(for: .cancel) == nil)
    }
}
