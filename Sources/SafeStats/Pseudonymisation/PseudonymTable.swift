import CPrefetch

/// The distinct pseudonyms of a linkage, numbered in the order they were first seen (their nodes),
/// with a hash table to find a pseudonym's node. Pseudonyms are HMAC output, already uniformly
/// random, so their low bits are the hash: no hashing function runs, unlike `Dictionary`.
///
/// Open addressing with linear probing; the capacity is a power of two kept under 50% full. A slot
/// is eight bytes, the node and 32 other bits of the pseudonym, so that this large table stays
/// small; a slot whose bits match is confirmed against `keys`.
struct PseudonymTable {
    /// Every distinct pseudonym, by node.
    private(set) var keys: [Pseudonym] = []
    /// Per slot: 0 when empty, else the pseudonym's top 32 bits above its node + 1.
    private var slots: [UInt64]
    private var mask: Int

    var count: Int { keys.count }

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The node of `key`, adding `key` as the next node if it is new.
    mutating func node(for key: Pseudonym) -> (node: Int32, isNew: Bool) {
        if (count + 1) * 2 > slots.count { grow(minimumCapacity: count + 1) }
        let tag = key.high >> 32
        var i = Int(truncatingIfNeeded: key.low) & mask
        while slots[i] != 0 {
            let node = Int(truncatingIfNeeded: slots[i] & 0xFFFF_FFFF) - 1
            if slots[i] >> 32 == tag && keys[node] == key { return (Int32(node), false) }
            i = (i + 1) & mask
        }
        precondition(count < Int(Int32.max), "a linkage holds fewer than 2^31 distinct pseudonyms")
        slots[i] = tag << 32 | UInt64(count + 1)
        keys.append(key)
        return (Int32(count - 1), true)
    }

    /// Starts loading the slot where a probe for `key` begins: a lookup of it soon after waits less.
    func prefetch(_ key: Pseudonym) {
        slots.withUnsafeBufferPointer { safestats_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: key.low) & mask)) }
    }

    /// Makes room for `minimumCapacity` keys without further growth.
    mutating func reserve(_ minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        if minimumCapacity * 2 > slots.count { grow(minimumCapacity: minimumCapacity) }
    }

    private mutating func grow(minimumCapacity: Int) {
        var capacity = slots.count
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for (node, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key.low) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = (key.high >> 32) << 32 | UInt64(node + 1)
        }
    }
}
