import Foundation
import Testing
@testable import SafeStats

/// A 2×2 table with its margins:
///
///     a  b | r1        cells 0 1 | 4
///     c  d | r2              2 3 | 5
///     -----+---             -----+--
///     c1 c2| n               6 7 | 8
private func table(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> CellUniverse {
    let values = [a, b, c, d, a + b, c + d, a + c, b + d, a + b + c + d]
    return CellUniverse(cells: values.map { Cell(value: $0) }, relations: [
        Additivity(total: 4, parts: [0, 1]), Additivity(total: 5, parts: [2, 3]),
        Additivity(total: 6, parts: [0, 2]), Additivity(total: 7, parts: [1, 3]),
        Additivity(total: 8, parts: [4, 5]), Additivity(total: 8, parts: [6, 7]),
    ])
}

@Suite struct DisclosureAuditTests {
    let rule = ProtectionRule()

    @Test func primarySuppressionMarksSmallCountsOnly() {
        var release = table(2, 10, 8, 20)
        release.applyPrimarySuppression(rule)
        #expect(release.cells.map(\.status) == [.primary] + Array(repeating: .published, count: 8))
        var zeros = table(0, 10, 8, 20)
        zeros.applyPrimarySuppression(rule)
        #expect(zeros.cells.allSatisfy { $0.status == .published })  // zeros are published
    }

    @Test func primarySuppressionAloneIsRecomputedFromTheMargins() throws {
        var release = table(2, 10, 8, 20)
        release.applyPrimarySuppression(rule)
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        #expect(audit.intervals == [DisclosureAudit.Interval(cell: 0, lower: 2, upper: 2, exact: true)])
        #expect(audit.exposed == [0])
        #expect(!audit.passed)
    }

    @Test func aSuppressedRectangleProtectsTheSmallCell() throws {
        var release = table(2, 10, 8, 20)
        release.applyPrimarySuppression(rule)
        for i in [1, 2, 3] { release.cells[i].status = .secondary }
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        // a ∈ [max(0, r1 − c2, c1 − r2), min(r1, c1)] = [0, 10]; the others follow from a.
        #expect(audit.intervals.map { [$0.lower, $0.upper!] } == [[0, 10], [2, 12], [0, 10], [18, 28]])
        #expect(audit.exposed.isEmpty)
        #expect(audit.passed)
    }

    @Test func aNarrowIntervalIsExposed() throws {
        // a = 2 and c = 1 are both small. Hiding them and their column total c1 is not enough:
        // r1 − b and r2 − d still give a and c exactly.
        var release = table(2, 10, 1, 20)
        release.applyPrimarySuppression(rule)
        release.cells[6].status = .secondary
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        #expect(audit.exposed == [0, 2])
        #expect(audit.intervals.first { $0.cell == 0 }.map { [$0.lower, $0.upper!] } == [2, 2])
    }

    /// A hidden cell pinned at 0 reveals a zero, which would be published anyway; pinned at 1 it
    /// reveals a small count.
    @Test func aHiddenCellKnownToBeZeroIsNotNarrow() throws {
        var zero = table(0, 10, 8, 20)
        zero.cells[0].status = .secondary
        let audit = try DisclosureAudit(zero, rule: rule, exact: true)
        #expect(audit.intervals == [DisclosureAudit.Interval(cell: 0, lower: 0, upper: 0, exact: true)])
        #expect(audit.narrow.isEmpty && audit.passed)
        var one = table(1, 10, 8, 20)
        one.cells[0].status = .primary
        #expect(try DisclosureAudit(one, rule: rule).narrow == [0])
    }

    /// z is 0 in every solution (x + y = 5 and x + y + z = 5 are both published), which no published
    /// zero shows: the audit proves it with one program over the cells never seen above 0, and
    /// records what the exact audit records. d, never seen above 0 by the first programs either,
    /// can reach 3 and is not taken for a zero.
    @Test func zerosOnlyTheProgramsShowAreProvenTogether() throws {
        // cells: x y z s1 s2 | c d t
        var release = CellUniverse(cells: [1, 4, 0, 5, 5, 2, 1, 3].map { Cell(value: $0) }, relations: [
            Additivity(total: 3, parts: [0, 1]), Additivity(total: 4, parts: [0, 1, 2]), Additivity(total: 7, parts: [5, 6]),
        ])
        for i in [0, 1, 2, 5, 6] { release.cells[i].status = .secondary }
        #expect(release.knownZeros()[2] == false)
        let fast = try DisclosureAudit(release, rule: rule)
        let exact = try DisclosureAudit(release, rule: rule, exact: true)
        #expect(fast.intervals.first { $0.cell == 2 } == DisclosureAudit.Interval(cell: 2, lower: 0, upper: 0, exact: true))
        #expect(exact.intervals.first { $0.cell == 2 }.map { ($0.lower, $0.upper ?? -1) } ?? (-1, -1) == (0, 0))
        #expect(AuditReport(fast).agrees(withExact: AuditReport(exact)))
        // x and y range over [0, 5], p wide; c and d over [0, 3], narrower than p and small.
        #expect(fast.narrow == [5, 6] && exact.narrow == fast.narrow)
    }

    /// `GroupBounds.reaches` finds a solution with a cell at a target or more without maximising
    /// it, and leaves the program as it was: the exact maximum afterwards is unchanged.
    @Test func aProbeFindsASolutionThatReachesATargetAndLeavesTheProgramAsItWas() throws {
        // x + y = 6 and y + z = 4 published: x in [2, 6], y in [0, 4], z in [0, 4].
        var group = GroupBounds(cells: [0, 1, 2], rows: [([(0, 1), (1, 1)], 6), ([(1, 1), (2, 1)], 4)],
                                rules: Array(repeating: rule, count: 3), relation: 0, reducing: true)
        _ = try group.intervals(exact: true)
        let lp = try #require(group.program)
        #expect(try group.reaches(0, 5.5, in: lp))
        #expect(group.seenHigh[0] >= 5.5 && group.seenHigh[0] <= 6 + 1e-9)
        #expect(try !group.reaches(0, 6.5, in: lp))
        #expect(try !group.reaches(2, 4.5, in: lp))
        func optimum(_ k: Int, _ direction: LinearProgram.Direction) throws -> LinearProgram.Outcome {
            try lp.setObjective([(k, 1)])
            return try lp.solve(direction, warm: true)
        }
        #expect(group.reduction != nil, "both rows tie two cells")
        #expect(try optimum(0, .maximise) == .optimal(6))
        #expect(try optimum(0, .minimise) == .optimal(2))
        #expect(try optimum(2, .maximise) == .optimal(4))
    }

    /// The fast audit (solutions found, zeros proven together, probes) reaches the verdict of the
    /// exact one, cell by cell, on random tables with random hidden cells.
    @Test func theFastAuditAgreesWithTheExactOneOnRandomTables() throws {
        var generator = SeededGenerator(seed: 17)
        var narrowSeen = 0
        for _ in 0..<150 {
            var release = CellUniverse.threeByFour((0..<12).map { _ in Int.random(in: 0...12, using: &generator) })
            for i in release.cells.indices where Int.random(in: 0..<3, using: &generator) == 0 { release.cells[i].status = .secondary }
            let fast = try DisclosureAudit(release, rule: rule)
            let exact = try DisclosureAudit(release, rule: rule, exact: true)
            #expect(AuditReport(fast).agrees(withExact: AuditReport(exact)))
            narrowSeen += exact.narrow.count
        }
        #expect(narrowSeen > 50)  // the tables are not all safe: the verdicts compared mean something
    }

    @Test func aCellInNoRelationIsUnbounded() throws {
        let release = CellUniverse(cells: [Cell(value: 3, status: .primary), Cell(value: 9)], relations: [])
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        #expect(audit.intervals == [DisclosureAudit.Interval(cell: 0, lower: 0, upper: nil, exact: true)])
        #expect(audit.passed)
    }

    @Test func publishedSmallCountsAndInconsistentTablesAreReported() throws {
        let release = table(2, 10, 8, 20)
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        #expect(audit.smallPublished == [0])
        #expect(!audit.passed)
        var broken = table(6, 10, 8, 20)
        broken.cells[8].value = 45
        #expect(throws: DisclosureAudit.Failure.inconsistent(relation: 4)) { try DisclosureAudit(broken, rule: rule) }
    }

    /// A relation that follows from the others is left out of the programs, but what it says of
    /// the published values is still checked: here the inner cells and the grand total are hidden,
    /// and the column totals add up to one more than the row totals. The second column's relation
    /// (3) is the first whose left-hand side follows from those before it and whose total does not.
    @Test func aRelationLeftOutOfTheProgramsStillShowsAnInconsistentTable() throws {
        var broken = table(6, 10, 8, 20)
        for i in [0, 1, 2, 3, 8] { broken.cells[i].status = .secondary }
        #expect(try DisclosureAudit(broken, rule: rule, exact: true).intervals.count == 5)
        broken.cells[7].value += 1
        #expect(throws: DisclosureAudit.Failure.inconsistent(relation: 3)) { try DisclosureAudit(broken, rule: rule) }
        #expect(throws: DisclosureAudit.Failure.inconsistent(relation: 3)) { try DisclosureAudit(broken, rule: rule, exact: true) }
    }

    @Test func intervalsAgreeWithSciPy() throws {
        // An independent solver (scipy.optimize.linprog) computes the same intervals.
        var release = table(2, 10, 8, 20)
        release.applyPrimarySuppression(rule)
        for i in [1, 2, 3] { release.cells[i].status = .secondary }
        let audit = try DisclosureAudit(release, rule: rule, exact: true)
        let script = """
            from scipy.optimize import linprog
            # unknowns a b c d; published r1=12 r2=28 c1=10 c2=30
            A = [[1,1,0,0],[0,0,1,1],[1,0,1,0],[0,1,0,1]]; b = [12,28,10,30]
            out = []
            for i in range(4):
                c = [0]*4; c[i] = 1
                lo = linprog(c, A_eq=A, b_eq=b, bounds=[(0,None)]*4).fun
                c[i] = -1
                hi = -linprog(c, A_eq=A, b_eq=b, bounds=[(0,None)]*4).fun
                out.append("%g %g" % (lo, hi))
            print(";".join(out))
            """
        let r = TestSupport.run(TestSupport.python3, ["-c", script])
        #expect(r.status == 0, "\(r.stderr)")
        let mine = audit.intervals.map { "\(Int($0.lower)) \(Int($0.upper!))" }.joined(separator: ";")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == mine)
    }
}
