import Foundation
import Testing
@testable import SafeStats

/// Releases made one after another: each protected alone, quarters and then their year let an
/// attacker recompute small counts by differencing; protected together with what was published
/// before, they do not.
@Suite(.serialized) struct ReleaseHistoryTests {
    static let units: TabulationInput = {
        let dir = TestSupport.temporaryDirectory() + "/records"
        _ = try! SyntheticRegister(victimRecords: 400, seed: 5).write(to: dir, replace: false)
        return try! TabulationInput.read(InputDirectory(path: dir), key: TestSupport.exampleKey(), today: ISODate("2026-06-01")!, problems: ProblemLog())
    }()

    /// GRETA's tables for the four quarters of 2023, then for 2023, each released in turn; the
    /// audit of all five together, and the cells the year's release published.
    private func releases(historyAware: Bool) throws -> (audit: AuditReport, yearPublished: Set<String>) {
        let greta = try Profile.named("greta")
        var sent: [SentRelease] = []
        var yearPublished = Set<String>()
        for text in ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2023"] {
            let period = greta.period(text)!
            let e = historyAware ? try Export(Self.units, requests: [(greta, period)], country: "AZE", sent: sent)
                : try Export(Self.units, requests: [(greta, period)], country: "AZE")
            #expect(e.bundles[0].audit.passed)
            sent.append(SentRelease(name: text, requests: [(greta, period)], cells: e.bundles[0].view.historyCells, units: Self.units))
            yearPublished = Set(e.bundles[0].view.cells.filter { $0.value != nil && $0.period == "2023" }.map(\.historyKey))
        }
        return (try Export.auditTogether(Self.units, sent: sent, country: "AZE"), yearPublished)
    }

    @Test func quartersThenTheYearLeakByDifferencingWhenEachIsProtectedAlone() throws {
        let alone = try releases(historyAware: false)
        // Each release passes its own audit, yet together they pin small counts.
        #expect(!alone.audit.passed && alone.audit.narrow.count == 507, "\(alone.audit.narrow.count)")
        let together = try releases(historyAware: true)
        #expect(together.audit.passed, "narrow: \(together.audit.narrow.count), small published: \(together.audit.smallPublished.count)")
        // The year's release hides cells that, published, would complete a difference.
        #expect(!alone.yearPublished.subtracting(together.yearPublished).isEmpty)
    }

    /// A published cell and a hidden one.
    static let recorded: [String: Int?] = ["k1": 7, "k2": Int?.none]

    @Test func theHistoryRecordsReleasesInOrderAndReadsThemBack() throws {
        let dir = TestSupport.temporaryDirectory()
        let history = try ReleaseHistory(output: dir)
        let greta = try Profile.named("greta")
        let bundle = ReleaseHistory.Bundle(name: "greta-2023-Q1", recipient: "greta", profileVersion: "1.0.0", period: greta.period("2023-Q1")!,
                                           manifestSHA256: String(repeating: "a", count: 64), bundleID: String(repeating: "b", count: 32))
        try history.record(release: "greta-2023-Q1", created: "2026-01-01T00:00:00Z", bundles: [bundle], cells: Self.recorded)
        try history.record(release: "greta-2023-Q2", created: "2026-01-01T00:00:00Z", bundles: [], cells: [:])
        // Recording the same release again keeps the first record.
        try history.record(release: "greta-2023-Q1", created: "2027-01-01T00:00:00Z", bundles: [], cells: ["k3": 1])
        let reopened = try ReleaseHistory(output: dir)
        #expect(try reopened.releases() == ["greta-2023-Q1", "greta-2023-Q2"])
        #expect(try reopened.bundles(of: "greta-2023-Q1") == [bundle])
        #expect(try reopened.cells(of: "greta-2023-Q1") == Self.recorded)
        #expect(FileManager.default.fileExists(atPath: dir + "/.state/history.sqlite"))
    }
}
