import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

/// RMS's order CSV into each backend: a preview writes nothing (on PostgreSQL too, where it reads
/// in a snapshot), applying stores the new ones together, a number twice in one file is stored
/// once, and the same file again is the same.
@Suite("Conformance: RMS's order CSV on each backend", .serialized)
struct CSVImportConformanceTests {
    @Test("preview: every order new, nothing stored; applied: stored, journalled once each; the same orders again: all the same; a number twice in one file stored once", arguments: StoreBackend.available)
    func previewApplyAgain(_ backend: StoreBackend) throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try scratch.open()
        let orders = (1...3).map { OrderFixtures.order($0, origin: .csvImport) }
        let csv = (orders + [orders[0]]).map { OrderStore.CSVOrder(order: $0, omitting: { _ in false }, likelyNew: true) }
        let previewed = try store.importCSV(csv, applying: false)
        #expect(previewed.count == 3 && previewed.values.allSatisfy { $0 == .new })
        #expect(try store.countsByStatus().values.reduce(0, +) == 0, "a preview writes nothing")
        let applied = try store.importCSV(csv, applying: true)
        #expect(applied.count == 3 && applied.values.allSatisfy { $0 == .new })
        for order in orders {
            #expect(try store.order(order.number)?.origin == .csvImport)
            #expect(try store.journal(of: order.number).filter { $0.action == "import-rms-csv" }.count == 1)
        }
        #expect(try store.countsByStatus().values.reduce(0, +) == 3)
        let again = try store.importCSV(csv.map { OrderStore.CSVOrder(order: $0.order, omitting: { _ in false }, likelyNew: false) }, applying: true)
        #expect(again.values.allSatisfy { $0 == .same }, "\(again)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 3)
    }
}
