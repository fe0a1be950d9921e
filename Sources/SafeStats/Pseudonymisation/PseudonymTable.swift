import CPrefetch

/// A hash table from pseudonyms to node numbers, for linkage. Pseudonyms are HMAC output, already
/// uniformly random, so their low bits are the hash: no hashing function runs, unlike `Dictionary`.
/// Open addressing with linear probing; the capacity is a power of two kept under 50% full. Each
/// key sits beside its value, so that a probe of this large table misses the cache once, not twice.
struct PseudonymTable {
    private struct Slot {
        var key: Pseudonym
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    private static let empty: Int32 = -1

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = Array(repeating: Slot(key: Pseudonym(high: 0, low: 0), value: Self.empty), count: capacity)
        mask = capacity - 1
    }

    /// The node of `key`, inserting `make()` for a new key.
    mutating func node(for key: Pseudonym, make: () -> Int32) -> Int32 {
        if (count + 1) * 2 > slots.count { grow(minimumCapacity: count + 1) }
        var i = Int(truncatingIfNeeded: key.low) & mask
        while slots[i].value != Self.empty {
            if slots[i].key == key { return slots[i].value }
            i = (i + 1) & mask
        }
        let value = make()
        slots[i] = Slot(key: key, value: value)
        count += 1
        return value
    }

    /// Starts loading the slot where a probe for `key` begins: a lookup of it soon after waits less.
    func prefetch(_ key: Pseudonym) {
        slots.withUnsafeBufferPointer { safestats_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: key.low) & mask)) }
    }

    /// Makes room for `minimumCapacity` keys without further growth.
    mutating func reserve(_ minimumCapacity: Int) {
        if minimumCapacity * 2 > slots.count { grow(minimumCapacity: minimumCapacity) }
    }

    private mutating func grow(minimumCapacity: Int) {
        var bigger = PseudonymTable(minimumCapacity: max(minimumCapacity, slots.count))
        for slot in slots where slot.value != Self.empty {
            _ = bigger.node(for: slot.key) { slot.value }
        }
        self = bigger
    }
}
