/// Bytes bound to one statement until it has run. SQLite reads them where they are
/// (`SQLITE_STATIC`) instead of copying each value into an allocation of its own, which an import
/// did some thirty times per order. Reset once the statement has run; a value that does not fit
/// is bound as a copy.
final class BindingArena {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// A copy of `bytes` that stays until the next reset; nil when there is no room.
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        guard bytes.count <= capacity - used else { return nil }
        let start = base + used
        if let source = bytes.baseAddress, bytes.count > 0 { start.copyMemory(from: source, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeRawPointer(start)
    }

    func reset() { used = 0 }
}
