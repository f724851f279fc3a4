import OrderEngine
import OrderStore
import OrderSync
import Postcodes
import RMSSandbox
import TestSupport

/// A sandbox whose orders awaiting confirmation are fetched into a new store, as a desk has them
/// after its first fetch.
struct FetchedSandbox {
    let sandbox: SandboxHarness
    let directory: TemporaryDirectory
    let store: OrderStore
    let service: SyncService

    /// `beforeFetch`: what RMS holds changed before the desk first reads it; `postcodes`: the
    /// fetch checks addresses against them.
    static func start(
        orders: Int, configure: (inout SandboxConfiguration) -> Void = { _ in }, postcodes: PostcodeDirectory? = nil,
        beforeFetch: (SandboxHarness) async throws -> Void = { _ in }
    ) async throws -> FetchedSandbox {
        let sandbox = try await SandboxHarness.start(orders: orders, configure: configure)
        try await beforeFetch(sandbox)
        let directory = TemporaryDirectory()
        let store = try OrderStore(path: directory.file("fetched.sqlite"))
        let service = SyncService(client: sandbox.client, store: store, postcodes: postcodes)
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        try await service.fetch(settings)
        return FetchedSandbox(sandbox: sandbox, directory: directory, store: store, service: service)
    }

    /// The fetched orders that can be confirmed and edited: shipping fee set, not bundled.
    func editableRows() throws -> [OrderRow] {
        try store.page(GridFilter(localStatus: .newOrder), limit: 1_000).filter { !$0.isShippingFeeUnset && !$0.isBundled }
    }

    func stop() async {
        await sandbox.stop()
        directory.remove()
    }
}
