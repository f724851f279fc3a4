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
            let client = RakutenPayClient(configuration: try settingsConfiguration(settings, file))
            do {
                let answer = try runBlocking { try await client.getSubStatusList() }
                print("接続できました（サブステータス \(answer.statuses.count)件）")
            } catch let error as RakutenPayError {
                throw UserFacingError("接続できません: \(error.errorClass.message)（対処: \(error.errorClass.remedy)）")
            }
            if let days = settings.licenseDaysLeft(today: CalendarDate(japanDayOf: JapanTime(Date()))) {
                print(LicenseWarning.text(daysLeft: days))
            } else {
                print("licenseKey の有効期限が設定にありません（api.license_expires に書くと期限切れの前に知らせます）")
            }
        }
    }

    private func settingsConfiguration(_ settings: ShopConfig, _ file: String) throws -> RakutenPayConfiguration {
        do {
            return try settings.clientConfiguration(file: file)
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }
}

/// What the desk and the commands say about the licenceKey's expiry (it lasts three months).
enum LicenseWarning {
    static let warnDays = 14

    static func text(daysLeft: Int) -> String {
        if daysLeft < 0 { return "licenseKey の有効期限が切れています（\(-daysLeft)日前）。RMSで再発行し、設定を書き換えてください" }
        if daysLeft <= warnDays { return "licenseKey の有効期限まであと\(daysLeft)日です。RMSで再発行してください" }
        return "licenseKey の有効期限まであと\(daysLeft)日"
    }
}
