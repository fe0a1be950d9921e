import Testing
@testable import SafeStats

/// `GroupProgram.Reduction` takes the rows that tie two cells out of the attacker's program: the
/// program must have the same optima, bound for bound, as the program with every row.
@Suite struct GroupProgramTests {
    /// x0 + x1 = 5 (a published total of two hidden cells), x3 = x1 + x2, x3 + x4 = 9, x2 − x5 = 0.
    private static let rows: [GroupBounds.Row] = [
        ([(0, 1), (1, 1)], 5), ([(1, 1), (2, 1), (3, -1)], 0), ([(3, 1), (4, 1)], 9), ([(2, 1), (5, -1)], 0),
    ]

    private func programs(extra: Int = 0) throws -> (full: GroupProgram, reduced: GroupProgram) {
        let reduction = try #require(GroupProgram.Reduction(cells: 6, rows: Self.rows))
        #expect(reduction.rows.count == 1, "three of the four rows tie two cells")
        #expect(reduction.members.count == 3)
        return (try GroupProgram(cells: 6, rows: Self.rows, extra: extra, reduction: nil),
                try GroupProgram(cells: 6, rows: Self.rows, extra: extra, reduction: reduction))
    }

    /// The minimum and maximum of every cell in both programs.
    private func bounds(_ lp: GroupProgram) throws -> [[LinearProgram.Outcome]] {
        try (0..<6).map { k in
            try [LinearProgram.Direction.minimise, .maximise].map { direction in
                try lp.setObjective([(k, 1)])
                return try lp.solve(direction, warm: true)
            }
        }
    }

    @Test func theReducedProgramHasTheSameBounds() throws {
        let (full, reduced) = try programs()
        let expected: [[LinearProgram.Outcome]] = [[.optimal(0), .optimal(5)], [.optimal(0), .optimal(5)], [.optimal(0), .optimal(9)],
                                                   [.optimal(0), .optimal(9)], [.optimal(0), .optimal(9)], [.optimal(0), .optimal(9)]]
        #expect(try bounds(full) == expected)
        #expect(try bounds(reduced) == expected)
        // Bounds set on cells: x2 at least 6 leaves x3 in 6...9, x4 in 0...3 and x1 in 0...3.
        for lp in [full, reduced] { try lp.setBounds(2, lower: 6, upper: nil) }
        #expect(try bounds(reduced) == bounds(full))
        #expect(try bounds(reduced)[4] == [.optimal(0), .optimal(3)])
        // Solutions map back to values that keep every row.
        try reduced.setObjective([(1, 1), (4, -1)])
        guard case .optimal = try reduced.solve(.maximise) else { Issue.record("no optimum"); return }
        let x = (0..<6).map(reduced.value)
        for row in Self.rows { #expect(abs(row.terms.reduce(0) { $0 + $1.coefficient * x[$1.variable] } - row.rhs) < 1e-9) }
        #expect(x.allSatisfy { $0 >= -1e-9 } && x[2] >= 6 - 1e-9)
        // Bounds no solution meets: x0 above 5 cannot hold with x1 not negative.
        for lp in [full, reduced] {
            try lp.setBounds(2, lower: 0, upper: nil)
            try lp.setBounds(0, lower: 6, upper: nil)
            try lp.setObjective([(3, 1)])
            #expect(try lp.solve(.maximise, warm: true) == .infeasible)
            try lp.setBounds(0, lower: 0, upper: nil)
        }
        #expect(try bounds(reduced) == expected)
    }

    @Test func extraVariablesAndInequalitiesOverCells() throws {
        let (full, reduced) = try programs(extra: 2)
        for lp in [full, reduced] {
            // z6 ≤ x1 + 1 − ... as spread adds them: z6 − x1 ≤ 0, z7 − x4 ≤ 0, each z at most 3.
            try lp.setBounds(6, lower: 0, upper: 3)
            try lp.setBounds(7, lower: 0, upper: 3)
            try lp.addAtMost([(6, 1), (1, -1)], 0)
            try lp.addAtMost([(7, 1), (4, -1)], 0)
            try lp.setObjective([(6, 1), (7, 1)])
            #expect(try lp.solve(.maximise) == .optimal(6))
            #expect(abs(lp.value(6) - 3) < 1e-9 && lp.value(1) >= 3 - 1e-9 && lp.value(4) >= 3 - 1e-9)
        }
    }

    @Test func noRowTiesTwoCellsOrTheRowsCannotHold() {
        #expect(GroupProgram.Reduction(cells: 3, rows: [([(0, 1), (1, 1), (2, -1)], 0)]) == nil)
        // x0 + x1 = 5 and x0 + x1 = 6: after the first, the second is 0 = 1.
        #expect(GroupProgram.Reduction(cells: 2, rows: [([(0, 1), (1, 1)], 5), ([(0, 1), (1, 1)], 6)]) == nil)
    }

    /// On the audit groups of a protected release with the TIP year beside the calendar year, the
    /// exact audit of each group agrees with and without the reduction.
    @Test func exactIntervalsAgreeOnAReleaseWithOverlappingPeriods() throws {
        var protected = TwoThreadsTests.release.universe
        try SecondarySuppression.protect(&protected, rule: ProtectionRule(), first: TwoThreadsTests.release.inTables)
        var groups: [GroupBounds]? = []
        _ = try DisclosureAudit(protected, rule: ProtectionRule(), keeping: &groups, solutionsUpTo: 0, reducing: true, parallel: false)
        var reducedGroups = 0
        for group in try #require(groups) where group.reduction != nil {
            reducedGroups += 1
            var full = GroupBounds(cells: group.cells, rows: group.rows, rules: group.rules, relation: 0, keepsSolutions: true)
            var reduced = GroupBounds(cells: group.cells, rows: group.rows, rules: group.rules, relation: 0, reducing: true)
            #expect(full.reduction == nil && reduced.reduction != nil)
            let a = try full.intervals(exact: true, parallel: false), b = try reduced.intervals(exact: true, parallel: false)
            #expect(a.count == b.count && a.count == group.cells.count)
            for (x, y) in zip(a, b) {
                #expect(abs(x.lower - y.lower) < 1e-6 && abs((x.upper ?? -1) - (y.upper ?? -1)) < 1e-6, "cell \(x.cell)")
            }
        }
        #expect(reducedGroups > 0)
    }

    /// An audit that is not exact is solved as anyone recomputing it from the published tables
    /// solves it (no reduction), so `audit.json` and `safestats audit` agree range for range;
    /// protection's own audits reduce, with the same verdict.
    @Test func anAuditThatIsNotExactIsTheOneAnyoneRecomputes() throws {
        var protected = TwoThreadsTests.release.universe
        try SecondarySuppression.protect(&protected, rule: ProtectionRule(), first: TwoThreadsTests.release.inTables)
        let anyone = try DisclosureAudit(protected, rule: ProtectionRule())
        var groups: [GroupBounds]? = []
        let certified = try DisclosureAudit(protected, rule: ProtectionRule(), keeping: &groups)
        #expect(anyone == certified && !anyone.reduced)
        var none: [GroupBounds]?
        let reduced = try DisclosureAudit(protected, rule: ProtectionRule(), keeping: &none, reducing: true)
        #expect(reduced.reduced)
        #expect(reduced.intervals.map(\.cell) == anyone.intervals.map(\.cell))
        #expect(reduced.narrow == anyone.narrow && reduced.passed == anyone.passed && reduced.smallPublished == anyone.smallPublished)
        #expect(try DisclosureAudit(protected, rule: ProtectionRule(), exact: true).reduced, "an exact audit reduces")
    }
}
