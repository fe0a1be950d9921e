import Testing
@testable import SafeStats

/// Thorough protection decides each candidate from the audit's programs kept with their solutions
/// (`GroupBounds.publish`); these tests hold it to the plain way: publish the candidate, audit the
/// whole release again, keep it published only if the audit passes.
@Suite struct RedundantSuppressionTests {
    let rule = ProtectionRule(threshold: 5, width: 3)

    /// The reference: one full audit per candidate, dearest first (the order `publishAgain` uses).
    func publishAgainByAuditing(_ candidates: [Int], in release: inout CellUniverse) throws -> Int {
        let weights = release.costWeights
        func price(_ j: Int) -> Double { Double(release.cells[j].value + 1) * weights[j] }
        var published = 0
        for j in candidates.sorted(by: { (price($0), $0) > (price($1), $1) }) {
            release.cells[j].status = .published
            if try DisclosureAudit(release, rule: rule).passed { published += 1 } else { release.cells[j].status = .secondary }
        }
        return published
    }

    @Test(arguments: [(3, 3), (4, 5), (6, 4)]) func decidesEveryCandidateAsAFullAuditDoes(rows: Int, cols: Int) throws {
        var generator = SeededGenerator(seed: UInt64(100 * rows + cols))
        var tried = 0, publishedAgain = 0
        for trial in 0..<12 {
            var release = randomLinked(&generator, rows: rows, cols: cols)
            release.applyPrimarySuppression(rule)
            try SecondarySuppression.protect(&release, rule: rule, again: .none)
            let candidates = release.cells.indices.filter { release.cells[$0].status == .secondary }
            var groups: [GroupBounds]? = []
            #expect(try DisclosureAudit(release, rule: rule, keeping: &groups).passed)
            var fast = release, reference = release
            let (published, untried, changed) = try RedundantSuppression.publishAgain(candidates, in: &fast, rule: rule, groups: groups!)
            #expect(untried == 0)
            // The audit that reuses the groups nothing was published in agrees with a full one.
            var none: [GroupBounds]?
            let before = try DisclosureAudit(release, rule: rule)
            #expect(try DisclosureAudit(fast, rule: rule, keeping: &none, reusing: (before, changed)) == (try DisclosureAudit(fast, rule: rule)))
            #expect(published == (try publishAgainByAuditing(candidates, in: &reference)), "trial \(trial)")
            #expect(fast == reference, "trial \(trial): the same cells published again")
            #expect(try DisclosureAudit(fast, rule: rule).passed, "trial \(trial)")
            tried += candidates.count
            publishedAgain += published
        }
        // The tables are such that some candidates are published again and some are not.
        #expect(publishedAgain > 0 && publishedAgain < tried, "\(publishedAgain) of \(tried)")
    }

    /// A candidate whose group of linked hidden cells was not handed over is not tried: only a
    /// cell the published zeros show to be 0 is published without its group's programs.
    @Test func aCandidateWithoutItsGroupIsNotTried() throws {
        var generator = SeededGenerator(seed: 405)
        var notTried = 0
        for trial in 0..<12 {
            var release = randomLinked(&generator, rows: 4, cols: 5)
            release.applyPrimarySuppression(rule)
            try SecondarySuppression.protect(&release, rule: rule, again: .none)
            let candidates = release.cells.indices.filter { release.cells[$0].status == .secondary }
            let known = release.knownZeros()
            var withoutGroups = release
            let (published, untried, _) = try RedundantSuppression.publishAgain(candidates, in: &withoutGroups, rule: rule, groups: [])
            #expect(published == candidates.filter { known[$0] }.count && untried == candidates.filter { !known[$0] }.count, "trial \(trial)")
            #expect(candidates.allSatisfy { known[$0] || withoutGroups.cells[$0].status == .secondary }, "trial \(trial)")
            #expect(try DisclosureAudit(withoutGroups, rule: rule).passed, "trial \(trial)")
            notTried += untried
        }
        #expect(notTried > 0)
    }

    /// 3 | 7 | 10 over 7 | 3 | 10, inner cells hidden, margins published: two degrees of freedom.
    /// Publishing a 10 leaves the 3s free to move by more than the width; publishing a 7 as well
    /// would pin them: refused, and the program is as before.
    @Test func publishingKeepsOnlySolutionsThatHoldTheValueAndRefusesWhatPinsASmallCount() throws {
        var release = CellUniverse.table([[3, 7, 10], [7, 3, 10]])
        for i in 0..<6 { release.cells[i].status = release.cells[i].value == 3 ? .primary : .secondary }
        var groups: [GroupBounds]? = []
        #expect(try DisclosureAudit(release, rule: rule, keeping: &groups).passed)
        var group = try #require(groups?.first)
        #expect(group.cells == [0, 1, 2, 3, 4, 5])
        #expect(try group.publish(2, at: 10))
        #expect(!group.solutions.isEmpty && group.solutions.allSatisfy { abs($0[2] - 10) < 1e-9 })
        let kept = group.solutions
        #expect(try !group.publish(1, at: 7))
        #expect(try !group.publish(1, at: 7))
        #expect(group.solutions.count >= kept.count)
        // What is left: x1 = 10 − x0, x3 = 10 − x0, x4 = x0 (0 ≤ x0 ≤ 10): the solutions kept still
        // show cell 0 moving by at least the width.
        let values = group.solutions.map { $0[0] }
        #expect(values.max()! - values.min()! >= 3 - 1e-9)
    }
}
