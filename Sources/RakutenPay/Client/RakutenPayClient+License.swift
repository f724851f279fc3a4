import Foundation

/// LicenseManagementAPI: when the licenceKey stops working (90 days after it was issued).
extension RakutenPayClient {
    /// `{"expiryDate":"2026-11-28T23:59:59"}`: Japan time, without a zone.
    struct LicenseExpiryResponse: Decodable {
        let expiryDate: String
    }

    /// The last moment the licenceKey works, as RMS says. The function must be enabled for the
    /// key in RMS (WEB APIサービス → 利用機能編集: license.expiryDate.get); without it RMS refuses.
    public func licenseKeyExpiry() async throws -> Date {
        let (response, _) = try await retrying(.licenseKeyExpiryDate, body: nil, as: LicenseExpiryResponse.self)
        guard let date = RakutenDateTime(parsing: response.expiryDate + "+0900") ?? RakutenDateTime(parsing: response.expiryDate) else {
            throw RakutenPayError(
                .temporary, function: .licenseKeyExpiryDate, httpStatus: 200,
                detail: "有効期限を読めません: \(response.expiryDate)")
        }
        return date.date
    }
}
