import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import RakutenPay

/// `juchu check` (接続確認): proves the settings against the API and says what is wrong in the
/// operator's words.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "接続確認: 設定を読み、RMSに接続できるか確かめます",
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
                throw UserFacingError("接続できません: \(error.errorClass.messageWithRemedy)")
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
        }
    }
}
