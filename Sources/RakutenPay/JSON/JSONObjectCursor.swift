/// Finds members of one object on the tape. Small objects are searched in order; larger ones get
/// a little hash table of their keys on first use, so that a key that is absent (an optional field
/// RMS left out) costs one probe instead of a pass over every member.
final class ObjectCursor {
    let tape: JSONTape
    let entry: Int
    let path: PathLink?
    /// Tape indices of keys by hash (open addressing); -1 is empty. Built on the first lookup.
    @exclusivity(unchecked) private var table: ContiguousArray<Int32> = []
    /// Tape index of the member after the last one found.
    @exclusivity(unchecked) private var hint: Int
    @exclusivity(unchecked) private var mask = 0

    static let tableThreshold = 8

    init(tape: JSONTape, entry: Int, path: PathLink?) {
        self.tape = tape
        self.entry = entry
        self.path = path
        hint = entry + 1
    }

    /// The tape index of `key`'s value.
    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let first = entry + 1
        let end = Int(tape[entry].next)
        // Keys read in the order they were written are found where the last one ended.
        if hint < end, tape.keyEquals(hint, key) {
            let value = hint + 1
            hint = Int(tape[value].next)
            return value
        }
        if table.isEmpty {
            var count = 0
            var position = first
            while position < end {
                count += 1
                position = Int(tape[position + 1].next)
            }
            if count <= Self.tableThreshold {
                var position = first
                while position < end {
                    if tape.keyEquals(position, key) {
                        hint = Int(tape[position + 1].next)
                        return position + 1
                    }
                    position = Int(tape[position + 1].next)
                }
                return nil
            }
            buildTable(count: count, first: first, end: end)
        }
        var slot = Self.hash(key) & mask
        while true {
            let position = Int(table[slot])
            if position < 0 { return nil }
            if tape.keyEquals(position, key) {
                hint = Int(tape[position + 1].next)
                return position + 1
            }
            slot = (slot + 1) & mask
        }
    }

    private func buildTable(count: Int, first: Int, end: Int) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        mask = size - 1
        table = ContiguousArray(repeating: -1, count: size)
        var position = first
        while position < end {
            let entry = tape[position]
            let start = Int(entry.start) + 1
            let key = UnsafeBufferPointer(rebasing: tape.scanner.bytes[start..<(Int(entry.end) - 1)])
            var slot = Self.hash(key) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(position)
            position = Int(tape[position + 1].next)
        }
    }

    /// Length and a few bytes: enough to tell the keys of one object apart.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        guard count > 0 else { return 0 }
        var h = count
        h = h &* 31 &+ Int(bytes[0])
        h = h &* 31 &+ Int(bytes[count - 1])
        h = h &* 31 &+ Int(bytes[count / 2])
        h = h &* 31 &+ Int(bytes[count / 3])
        h = h &* 31 &+ Int(bytes[(count * 3) / 4])
        return h ^ (h >> 5)
    }

    var keys: [String] {
        var keys: [String] = []
        var position = entry + 1
        let end = Int(tape[entry].next)
        while position < end {
            if let key = try? tape.scanner.string(Int(tape[position].start)) { keys.append(key) }
            position = Int(tape[position + 1].next)
        }
        return keys
    }
}
