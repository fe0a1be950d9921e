/// A hash table from pseudonyms to node numbers, for linkage. Pseudonyms are HMAC output, already
/// uniformly random, so their low bits are the hash: no hashing function runs, unlike `Dictionary`.
/// Open addressing with linear probing; the capacity is a power of two kept under 50% full.
struct PseudonymTable {
    private var keys: [Pseudonym]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0
    private static let empty: Int32 = -1

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        keys = Array(repeating: Pseudonym(high: 0, low: 0), count: capacity)
        values = Array(repeating: Self.empty, count: capacity)
        mask = capacity - 1
    }

    /// The node of `key`, inserting `make()` for a new key.
    mutating func node(for key: Pseudonym, make: () -> Int32) -> Int32 {
        if (count + 1) * 2 > values.count { grow(minimumCapacity: count + 1) }
        var i = Int(truncatingIfNeeded: key.low) & mask
        while values[i] != Self.empty {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        let value = make()
        keys[i] = key
        values[i] = value
        count += 1
        return value
    }

    /// Makes room for `minimumCapacity` keys without further growth.
    mutating func reserve(_ minimumCapacity: Int) {
        if minimumCapacity * 2 > values.count { grow(minimumCapacity: minimumCapacity) }
    }

    private mutating func grow(minimumCapacity: Int) {
        var bigger = PseudonymTable(minimumCapacity: max(minimumCapacity, values.count))
        for i in values.indices where values[i] != Self.empty {
            let value = values[i]
            _ = bigger.node(for: keys[i]) { value }
        }
        self = bigger
    }
}
