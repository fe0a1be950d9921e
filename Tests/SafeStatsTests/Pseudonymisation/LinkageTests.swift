import Testing
@testable import SafeStats

@Suite struct LinkageTests {
    private func p(_ n: UInt64) -> Pseudonym { Pseudonym(high: n, low: n &* 0x9E37_79B9_7F4A_7C15) }

    @Test func recordsSharingAnyIdentifierAreOnePersonNamedByTheSmallest() {
        var linkage = Linkage()
        linkage.add([p(5), p(9)])   // record 0
        linkage.add([p(7)])         // record 1
        linkage.add([p(9), p(3)])   // record 2: joins record 0 through p(9)
        linkage.add([Pseudonym]())  // record 3: no identifier
        linkage.add([p(7), p(4)])   // record 4: joins record 1
        linkage.add([p(3)])         // record 5: joins record 0 through p(3)
        let summary = linkage.finish()
        #expect(summary == LinkageSummary(rows: 6, persons: 3, rowsMerged: 3, unlinkableRows: 1))
        #expect(linkage.person(ofRecord: 0) == p(3))
        #expect(linkage.person(ofRecord: 2) == p(3))
        #expect(linkage.person(ofRecord: 5) == p(3))
        #expect(linkage.person(ofRecord: 1) == p(4))
        #expect(linkage.person(ofRecord: 4) == p(4))
        #expect(linkage.person(ofRecord: 3) == nil)
    }

    @Test func aChainLinksEndToEndThroughTableGrowth() {
        var linkage = Linkage()
        for i in 0..<20_000 as Range<UInt64> { linkage.add([p(i + 1), p(i + 2)]) }
        linkage.add([p(1_000_000)])
        let summary = linkage.finish()
        #expect(summary == LinkageSummary(rows: 20_001, persons: 2, rowsMerged: 19_999, unlinkableRows: 0))
        #expect(linkage.person(ofRecord: 19_999) == p(1))
        #expect(linkage.person(ofRecord: 20_000) == p(1_000_000))
    }

    @Test func pseudonymsOrderAsTheirHexDoes() {
        let a = Pseudonym(high: 1, low: UInt64.max), b = Pseudonym(high: 2, low: 0)
        #expect(a < b)
        #expect(a.description < b.description)
        #expect(b.description == "00000000000000020000000000000000")
    }

    /// Pseudonyms that share their slot bits and their 32 check bits are still told apart by the
    /// pseudonyms themselves, before and after the table grows.
    @Test func pseudonymsAlikeInTheirSlotAndCheckBitsKeepTheirOwnNodes() {
        var table = PseudonymTable()
        let keys = (0..<100).map { Pseudonym(high: 0xABCD_0123_0000_0000 | UInt64($0), low: 0x77) }
        for (n, key) in keys.enumerated() {
            #expect(table.node(for: key) == (Int32(n), true))
        }
        for (n, key) in keys.enumerated().reversed() {
            #expect(table.node(for: key) == (Int32(n), false))
        }
        #expect(table.keys == keys)
        #expect(table.node(for: Pseudonym(high: 0xABCD_0123_0000_0000, low: 0x78)) == (100, true))
    }
}
