import Foundation
import Testing
@testable import SafeStats

/// Large protections use a second thread (`ChangeSearch`, `GroupBounds`): on a three-recipient
/// release with the TIP year beside the calendar year, it must hide exactly the cells one thread
/// hides, audit them to the same verdict, and agree with the exact audit.
@Suite(.serialized) struct TwoThreadsTests {
    /// UNODC's and the TIP report's tables of 120 synthetic victims, for 2023 and the TIP
    /// year 2024 (April 2023 to March 2024), primary suppression applied.
    static let release: (universe: CellUniverse, inTables: Set<Int>) = {
        let dir = TestSupport.temporaryDirectory() + "/records"
        _ = try! SyntheticRegister(victimRecords: 120, seed: 11).write(to: dir, replace: false)
        let input = try! TabulationInput.read(InputDirectory(path: dir), key: TestSupport.exampleKey(), today: ISODate("2026-06-01")!, problems: ProblemLog())
        let requests = try! [("unodc", "2023"), ("us-tip", "2024")].map { id, year in
            let profile = try Profile.named(id)
            return (profile: profile, period: profile.period(year)!)
        }
        let (scheduled, _) = try! Export.schedule(requests, earlier: [], country: "AZE", atLeast: nil)
        let tabulation = Tabulation(input, tables: scheduled)
        var universe = tabulation.universe
        universe.applyPrimarySuppression(ProtectionRule())
        return (universe, Set(tabulation.tables.flatMap { $0.cells.map(\.cell) }))
    }()

    /// Raising each small count in turn, hiding what each change touches: a search with a second
    /// thread finds every change a search alone finds, and the second thread's steps are used.
    @Test func aSearchWithASecondThreadFindsTheChangesOfOneAlone() throws {
        var release = Self.release.universe
        let alone = try ChangeSearch(release: release), helped = try ChangeSearch(release: release, parallel: true)
        for i in Self.release.inTables.sorted() where release.cells[i].status == .primary {
            let a = Result { () throws(DisclosureAudit.Failure) in try alone.cheapestChange(raising: i, by: 5, in: release) }
            let b = Result { () throws(DisclosureAudit.Failure) in try helped.cheapestChange(raising: i, by: 5, in: release) }
            #expect(a == b, "cell \(i)")
            guard case .success(let change) = a else { continue }
            for j in change.keys where !release.cells[j].status.isSuppressed { release.cells[j].status = .secondary }
        }
        #expect(helped.stepsFoundAhead > 0)
        #expect(alone.stepsFoundAhead == 0)
    }

    @Test func twoThreadsHideTheCellsOneHides() throws {
        var one = Self.release.universe, two = Self.release.universe
        let alone = try SecondarySuppression.protectAndAudit(&one, rule: ProtectionRule(), first: Self.release.inTables, parallel: false)
        let together = try SecondarySuppression.protectAndAudit(&two, rule: ProtectionRule(), first: Self.release.inTables, parallel: true)
        #expect(one == two)
        #expect(alone.added == together.added && alone.added > 0)
        #expect(alone.audit.passed && together.audit.passed)
        #expect(alone.audit.intervals.map(\.cell) == together.audit.intervals.map(\.cell))
        // Exact bounds are the attacker's minimum and maximum, whichever thread found them.
        for (a, b) in zip(alone.audit.intervals, together.audit.intervals) where a.exact && b.exact {
            #expect(abs(a.lower - b.lower) < 1e-6 && abs((a.upper ?? -1) - (b.upper ?? -1)) < 1e-6, "cell \(a.cell)")
        }
    }

    /// The audit of the protected release with a second thread: a group large enough to use it,
    /// the same verdict as the exact audit, and every range inside the exact interval.
    @Test func theAuditWithTwoThreadsAgreesWithTheExactOne() throws {
        var protected = Self.release.universe
        try SecondarySuppression.protect(&protected, rule: ProtectionRule(), first: Self.release.inTables)
        var groups: [GroupBounds]? = []
        let quick = try DisclosureAudit(protected, rule: ProtectionRule(), keeping: &groups, solutionsUpTo: 0, parallel: true)
        #expect(groups!.contains { $0.cells.count >= GroupBounds.parallelFrom }, "\(groups!.map(\.cells.count).max() ?? 0)")
        let exact = try DisclosureAudit(protected, rule: ProtectionRule(), exact: true)
        #expect(AuditReport(quick).agrees(withExact: AuditReport(exact)))
        #expect(quick.passed && exact.passed)
        // Twice the same intervals: which thread finishes first changes nothing.
        let again = try DisclosureAudit(protected, rule: ProtectionRule(), parallel: true)
        #expect(again.intervals == quick.intervals)
    }
}
