import Testing
@testable import SafeStats

@Suite struct ByteKeyTableTests {
    @Test func keepsTheFirstValueOfEachKeyThroughGrowth() {
        var table = ByteKeyTable<Int>()
        for i in 0..<50_000 { #expect(table.insertIfAbsent("ID-\(i)", i) == nil) }
        #expect(table.count == 50_000)
        // A repeat is refused and reports the first value, which stays.
        #expect(table.insertIfAbsent("ID-123", 999) == 123)
        #expect(table.value(for: "ID-123") == 123)
        #expect(table.value(for: "ID-49999") == 49_999)
        #expect(table.value(for: "ID-50000") == nil)
        #expect(table.value(for: "id-1") == nil)
        // Keys of every length around the eight-byte steps of the hash, and the empty key.
        var short = ByteKeyTable<Int>()
        let keys = (0...17).map { String(repeating: "x", count: $0) }
        for (i, key) in keys.enumerated() { #expect(short.insertIfAbsent(key, i) == nil) }
        for (i, key) in keys.enumerated() { #expect(short.value(for: key) == i) }
    }

    @Test func addsAValueOnlyWhenTheKeyIsMissing() {
        var table = ByteKeyTable<String>()
        var made = 0
        for key in ["a", "b", "a", "a", "c", "b"] {
            let value = table.value(for: key) { made += 1; return key + "!" }
            #expect(value == key + "!")
        }
        #expect(made == 3)
        #expect(table.count == 3)
    }

    @Test func iteratesInInsertionOrder() {
        var table = ByteKeyTable<String>()
        for key in ["c", "a", "b", "a"] { _ = table.insertIfAbsent(key, key.uppercased()) }
        var seen: [String] = []
        table.forEach { key, value in seen.append(String(decoding: key, as: UTF8.self) + "=" + value) }
        #expect(seen == ["c=C", "a=A", "b=B"])
    }

    @Test func comparesBytesNotCanonicalEquivalence() {
        // "é" precomposed and decomposed: equal Swift strings, different keys here (callers normalise).
        var table = ByteKeyTable<Int>()
        #expect(table.insertIfAbsent("caf\u{E9}", 1) == nil)
        #expect(table.insertIfAbsent("cafe\u{301}", 2) == nil)
        #expect(table.count == 2)
    }

    @Test func copiesAndEmptiesIndependently() {
        var table = ByteKeyTable<Int>()
        for i in 0..<100 { _ = table.insertIfAbsent("k\(i)", i) }
        let copy = table.independentCopy()
        table.removeAll()
        #expect(table.count == 0)
        #expect(table.value(for: "k5") == nil)
        #expect(copy.count == 100)
        #expect(copy.value(for: "k5") == 5)
        #expect(table.insertIfAbsent("k5", 50) == nil)
        #expect(table.value(for: "k5") == 50)
    }
}
