import CPrefetch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table keyed by byte strings (the UTF-8 of ids and names), for the tables that every input
/// row reaches: uniqueness of ids, case references, the name and case caches.
///
/// Keys are stored one after another in one buffer and compared as bytes, so a lookup allocates
/// nothing and hashes eight bytes at a time; `Dictionary<String, _>` hashes through SipHash and
/// compares keys by Unicode canonical equivalence. Callers pass normalised text wherever canonically
/// equivalent keys must meet. Entries keep their insertion order. Open addressing with linear
/// probing, under half full.
struct ByteKeyTable<Value> {
    /// Every key's bytes, one after another.
    private var arena: [UInt8] = []
    /// Per entry, in insertion order: where its key ends in `arena` (it starts where the one before ends).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    private var entryValues: [Value] = []
    /// Per slot: 0 when empty, else the entry number + 1 in the low `shift` bits and the key's top
    /// hash bits above them, so that a probe reads only this array (4 bytes a slot, to keep a large
    /// table's probes in cache) until the hashes match.
    private var slots: [UInt32]
    private var mask: Int
    /// log2 of the slot count: an entry number + 1 fits in that many bits, the table being under half full.
    private var shift: Int

    /// The number of keys.
    var count: Int { entryValues.count }

    init(minimumCapacity: Int = 8) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        shift = capacity.trailingZeroBitCount
    }

    /// An equal table with storage of its own, for another thread: storage shared between threads
    /// would make its reference count a point of contention.
    func independentCopy() -> ByteKeyTable {
        var copy = ByteKeyTable(minimumCapacity: 8)
        copy.arena = arena.withUnsafeBufferPointer { Array($0) }
        copy.ends = ends.withUnsafeBufferPointer { Array($0) }
        copy.hashes = hashes.withUnsafeBufferPointer { Array($0) }
        copy.entryValues = entryValues.withUnsafeBufferPointer { Array($0) }
        copy.slots = slots.withUnsafeBufferPointer { Array($0) }
        copy.mask = mask
        copy.shift = shift
        return copy
    }

    /// The value of `key`, if it is in the table.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let h = Self.hash(key)
        let slot = find(key, hash: h)
        return slots[slot] == 0 ? nil : entryValues[entry(slots[slot])]
    }

    /// Starts loading the slot where a probe for `key` begins: a lookup of it soon after waits less.
    func prefetch(_ key: UnsafeBufferPointer<UInt8>) {
        prefetch(hash: Self.hash(key))
    }

    func prefetch(hash h: UInt64) {
        let i = Int(truncatingIfNeeded: h) & mask
        slots.withUnsafeBufferPointer { safestats_prefetch($0.baseAddress! + i) }
    }

    /// Calls `body` with every entry's number, key and value, in insertion order, and the value
    /// the same key has in `other` if any. Both tables hash alike, so each key's stored hash finds
    /// it in `other`, whose slots are fetched a few keys ahead.
    func forEach(lookingUpIn other: ByteKeyTable, _ body: (Int, UnsafeBufferPointer<UInt8>, Value, Value?) -> Void) {
        let ahead = 8
        arena.withUnsafeBufferPointer { all in
            var start = 0
            for (e, end) in ends.enumerated() {
                if e + ahead < hashes.count { other.prefetch(hash: hashes[e + ahead]) }
                let key = UnsafeBufferPointer(rebasing: all[start..<end])
                let slot = other.find(key, hash: hashes[e])
                body(e, key, entryValues[e], other.slots[slot] == 0 ? nil : other.entryValues[other.entry(other.slots[slot])])
                start = end
            }
        }
    }

    /// Adds `key` with `value` unless it is there already; returns the value it already had.
    /// - Parameter hash: `hash(key)`, when the caller has it already.
    mutating func insertIfAbsent(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil, _ value: Value) -> Value? {
        let h = hash ?? Self.hash(key)
        let slot = find(key, hash: h)
        if slots[slot] != 0 { return entryValues[entry(slots[slot])] }
        add(key, hash: h, at: slot, value)
        return nil
    }

    /// The value of `key`, adding `make()` for it first if it is not there: one probe either way.
    mutating func value(for key: UnsafeBufferPointer<UInt8>, orAdd make: () -> Value) -> Value {
        let h = Self.hash(key)
        let slot = find(key, hash: h)
        if slots[slot] != 0 { return entryValues[entry(slots[slot])] }
        let value = make()
        add(key, hash: h, at: slot, value)
        return value
    }

    /// Adds a key that `find` placed at the empty `slot`.
    private mutating func add(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, at slot: Int, _ value: Value) {
        var slot = slot
        if (count + 1) * 2 > slots.count {
            grow(to: slots.count * 2)
            slot = find(key, hash: h)
        }
        slots[slot] = self.slot(entry: count, hash: h)
        arena.append(contentsOf: key)
        ends.append(arena.count)
        hashes.append(h)
        entryValues.append(value)
    }

    /// Empties the table, keeping its storage.
    mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        entryValues.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = 0 }
    }

    /// Calls `body` with every key and value, in insertion order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Value) -> Void) {
        arena.withUnsafeBufferPointer { all in
            var start = 0
            for (e, end) in ends.enumerated() {
                body(UnsafeBufferPointer(rebasing: all[start..<end]), entryValues[e])
                start = end
            }
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        let tag = self.tag(h)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return i }
            if s >> UInt32(shift) == tag && equalKey(entry(s), key) { return i }
            i = (i + 1) & mask
        }
    }

    /// The hash's top bits that a slot keeps above its entry number (none in a table of 2^32 slots).
    private func tag(_ hash: UInt64) -> UInt32 {
        shift >= 32 ? 0 : UInt32(truncatingIfNeeded: hash >> UInt64(32 + shift))
    }

    private func slot(entry: Int, hash: UInt64) -> UInt32 {
        (shift >= 32 ? 0 : tag(hash) << UInt32(shift)) | UInt32(entry + 1)
    }

    private func entry(_ slot: UInt32) -> Int {
        Int(slot & UInt32(truncatingIfNeeded: mask)) - 1
    }

    private func equalKey(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = e == 0 ? 0 : ends[e - 1]
        guard ends[e] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { all in
            key.isEmpty || memcmp(all.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow(to capacity: Int) {
        precondition(capacity <= 1 << 32, "a byte-keyed table holds fewer than 2^31 keys")
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        shift = capacity.trailingZeroBitCount
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = slot(entry: e, hash: h)
        }
    }

    /// A multiply–xor hash over eight bytes at a time, seeded once per process.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = byteKeyTableSeed ^ (UInt64(key.count) &* m)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* m
            h ^= h >> 29
            i += 8
        }
        if i < key.count {
            var tail: UInt64 = 0
            for j in i..<key.count { tail |= UInt64(base[j]) << UInt64(8 * (j - i)) }
            h = (h ^ tail) &* m
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* m
        return h ^ (h >> 29)
    }
}

extension ByteKeyTable {
    /// The value of `key`'s UTF-8, if it is in the table.
    func value(for key: String) -> Value? {
        var key = key
        return key.withUTF8 { value(for: $0) }
    }

    /// Adds `key`'s UTF-8 with `value` unless it is there already; returns the value it already had.
    mutating func insertIfAbsent(_ key: String, _ value: Value) -> Value? {
        var key = key
        return key.withUTF8 { insertIfAbsent($0, value) }
    }

    /// The value of `key`'s UTF-8, adding `make()` for it first if it is not there.
    mutating func value(for key: String, orAdd make: () -> Value) -> Value {
        var key = key
        return key.withUTF8 { value(for: $0, orAdd: make) }
    }
}

/// The seed of every `ByteKeyTable` of this process: random, so that no input can be built to
/// collide. Iteration follows insertion order, so output never depends on it.
private let byteKeyTableSeed: UInt64 = UInt64.random(in: .min ... .max)
