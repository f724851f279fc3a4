import ShopSettings
import ArgumentParser
import Foundation
import OrderSync
import MailTransport
import OrderEngine
import RakutenPay

/// `juchu check` (接続確認): proves the settings against the API — and, with `[mail]`, against the
/// mail relay and the shop's own server (connect, STARTTLS, AUTH; no mail sent) — and says what is
/// wrong in the operator's words.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "接続確認: 設定を読み、RMS（と [mail] があればメールサーバ）に接続できるか確かめます",
        discussion: "終了コード: 0 接続できた、1 接続できない、2 設定の誤り")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            print("設定: \(file)")
            print("店舗ID: \(settings.shopID.isEmpty ? "（未設定）" : settings.shopID)  API: \(settings.baseURL)")
            let client = try options.client(settings, file: file)
            do {
                let answer = try runBlocking { try await client.getSubStatusList() }
                print("接続できました（サブステータス \(answer.statuses.count)件）")
            } catch let error as RakutenPayError {
                // The relay is tried whatever RMS answers: both are needed for a day's work. What
                // stops its check is said after RMS's failure, not instead of it.
                var relay = ""
                do {
                    relay = try checkRelay(settings, file: file).map { "。\($0)" } ?? ""
                } catch {
                    relay = "。\(error)"
                }
                throw UserFacingError("接続できません: \(error.errorClass.messageWithRemedy)" + relay)
            }
            do {
                let expiry = try runBlocking { try await client.licenseKeyExpiry() }
                print("licenseKey の有効期限（RMS）: \(JapanTime(expiry).fullText)。" + LicenseWarning.text(daysLeft: LicenseWarning.daysLeft(until: expiry, on: Date())))
            } catch let error as RakutenPayError {
                // Not a failure of the connection: the function may not be enabled for the key.
                print("licenseKey の有効期限をRMSから読めません: \(error.errorClass.message)（\(error.detail)）。"
                    + "RMSのWEB APIサービス → 利用機能編集で license.expiryDate.get を有効にしてください")
                if let days = settings.licenseDaysLeft() {
                    print(LicenseWarning.text(daysLeft: days) + "（config.toml の api.license_expires より）")
                } else {
                    print("licenseKey の有効期限が設定にもありません（api.license_expires に書くと期限切れの前に知らせます）")
                }
            }
            if let relay = try checkRelay(settings, file: file) { throw UserFacingError(relay) }
        }
    }

    /// With `[mail]`: connects to the relay, STARTTLS, AUTH, then QUIT — no mail sent — and says
    /// so; what failed, in the relay's own words, is returned to be said once. Templates still holding
    /// the shipped placeholder are named.
    private func checkRelay(_ settings: ShopConfig, file: String) throws -> String? {
        guard settings.mail != nil else { return nil }
        let mail = try UserFacingError.settings { try settings.mailSettings(file: file) }
        // Rakuten's relay, then the shop's own server for the orders it took itself ([mail.own_server]).
        let servers = [("メールサーバ", mail.smtp)] + (mail.ownServer.map { [("店舗のメールサーバ（[mail.own_server]）", $0.smtp)] } ?? [])
        for (name, smtp) in servers {
            do {
                try runBlocking {
                    let session = try await SMTPSession.open(smtp)
                    if let failure = await session.close() { print("\(name): 切断の応答がありません（\(failure)）") }
                }
                print("\(name)に接続できました（\(smtp.host):\(smtp.port)、\(smtp.startTLS ? "STARTTLS、" : "")AUTH \(smtp.username)。メールは送っていません）")
            } catch let error as SMTPError {
                return "\(name): \(error.description)"
            }
        }
        let library = try options.mailTemplates(settings)
        for template in library.templates {
            if let problem = library.unfinished(template) { print("メールのテンプレート「\(template.title)」: \(problem)") }
        }
        return nil
    }
}
