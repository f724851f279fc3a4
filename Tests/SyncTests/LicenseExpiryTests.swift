import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Synchronization
import Testing
import TestSupport

/// The licenceKey's expiry, read from RMS (LicenseManagementAPI) rather than typed by hand.
@Suite("licenceKey expiry from RMS")
struct LicenseExpiryTests {
    @Test("the expiry RMS gives (Japan time, no zone) is read over HTTP, recorded for every desk, and told to the desk")
    func readAndRecorded() async throws {
        let expires = try #require(RakutenDate(year: 2027, month: 2, day: 28))
        let sandbox = try await SandboxHarness.start(orders: 3) { $0.keyExpires = expires }
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try OrderStore(path: directory.file("license.sqlite"))
        let told = Mutex<Date?>(nil)
        let service = SyncService(client: sandbox.client, store: store, events: { event in
            if case .licenseExpiry(let date) = event { told.withLock { $0 = date } }
        })
        let expiry = try await service.readLicenseExpiry()
        // 2027-02-28T23:59:59 in Japan.
        #expect(RakutenDateTime(expiry).description == "2027-02-28T23:59:59+0900")
        #expect(told.withLock { $0 } == expiry)
        #expect(try store.licenseExpiry(licenseKey: sandbox.client.configuration.credentials.licenseKey) == expiry)
        #expect(try store.licenseExpiry(licenseKey: "another-key") == nil)
        await sandbox.stop()
    }
}
