import Testing
@testable import SafeStats

/// `RowBasis` leaves out exactly the rows that are combinations of the rows before them.
@Suite struct RowBasisTests {
    private typealias Row = [(variable: Int, coefficient: Double)]

    /// `RowBasis.kept` of rows whose right-hand sides are all 0.
    private func kept(_ rows: [Row], variableCount: Int) -> [Bool] {
        let basis = RowBasis.kept(rows.map { ($0, 0) }, variableCount: variableCount)
        #expect(basis.contradiction == nil)
        return basis.kept
    }

    @Test func combinationsOfEarlierRowsAreLeftOut() {
        let rows: [Row] = [
            [(0, 1), (1, 1), (2, -1)],          // x0 + x1 = x2
            [(2, 1), (3, 1), (4, -1)],          // x2 + x3 = x4
            [(0, 1), (1, 1), (3, 1), (4, -1)],  // the sum of the two: follows
            [(2, -1), (1, 1), (0, 1)],          // the first again, terms in another order
            [(0, 2), (1, 2), (2, -2)],          // twice the first
            [(0, 1), (3, 1)],                   // new
            [(1, 1), (4, -1)],                  // rows 0 + 1 − 5: follows
            [(1, 1)],                           // new
        ]
        #expect(kept(rows, variableCount: 5) == [true, true, false, false, false, true, false, true])
    }

    @Test func aRowWhoseRightHandSideDoesNotFollowIsAContradiction() {
        // x0 + x1 = 5, x1 + x2 = 4, x0 − x2 = 1 follows; x0 − x2 = 2 does not.
        let rows: [RowBasis.Row] = [([(0, 1), (1, 1)], 5), ([(1, 1), (2, 1)], 4), ([(0, 1), (2, -1)], 1), ([(2, -2), (0, 2)], 2),
                                    ([(0, 1), (2, -1)], 2), ([(0, 1)], 3)]
        let basis = RowBasis.kept(rows, variableCount: 3)
        #expect(basis.contradiction == 4)
        #expect(basis.kept == [true, true, false, false, true, true])
        // Right-hand sides that are not whole are left to the program.
        #expect(RowBasis.kept([([(0, 1)], 0.5), ([(0, 1)], 0.75)], variableCount: 1).contradiction == nil)
    }

    @Test func aRowThatIsNotWholeIsKeptAndNotUsed() {
        let rows: [Row] = [[(0, 0.5), (1, 1)], [(0, 0.5), (1, 1)], [(0, 1), (1, 1)], [(0, 1), (1, 1)]]
        // The halves are kept both times (never reduced against), the whole rows once.
        #expect(kept(rows, variableCount: 2) == [true, true, true, false])
    }

    @Test func aReductionThatWouldOverflowKeepsTheRow() {
        let rows: [Row] = [[(0, 3), (1, Double(1 << 62))], [(0, 1), (1, 3)], [(0, 1), (1, 3)]]
        // Reducing the second row by the first needs 3 × 2^62: it is kept and not used, so the
        // third, the same row, is kept too rather than guessed at.
        #expect(kept(rows, variableCount: 2) == [true, true, true])
        // A variable named twice whose coefficients add up past Int.max, and a right-hand side
        // past it: kept, not a crash.
        let huge = Double(1 << 62)
        let basis = RowBasis.kept([([(0, huge), (0, huge)], 0), ([(0, 1)], huge * 4), ([(0, 1)], 1), ([(0, 1)], 1)], variableCount: 1)
        #expect(basis.kept == [true, true, true, false] && basis.contradiction == nil)
    }

    /// On random rows of additivity-like coefficients the rows kept are independent and span all.
    @Test func theRowsKeptAreABasisOfAllOnRandomRows() {
        var generator = SeededGenerator(seed: 29)
        for _ in 0..<40 {
            let variables = Int.random(in: 3...12, using: &generator)
            var rows: [Row] = []
            for _ in 0..<Int.random(in: 2...20, using: &generator) {
                var terms: Row = []
                for v in 0..<variables where Int.random(in: 0..<3, using: &generator) == 0 {
                    terms.append((v, [-2.0, -1, 1, 1, 2].randomElement(using: &generator)!))
                }
                if terms.isEmpty { terms = [(0, 1)] }
                rows.append(terms)
                // Sometimes a combination of two earlier rows, which must be left out.
                if rows.count > 2, Bool.random(using: &generator) {
                    let a = rows[Int.random(in: 0..<rows.count, using: &generator)], b = rows[Int.random(in: 0..<rows.count, using: &generator)]
                    var sum = [Double](repeating: 0, count: variables)
                    for t in a { sum[t.variable] += 2 * t.coefficient }
                    for t in b { sum[t.variable] -= t.coefficient }
                    let combination = sum.indices.filter { sum[$0] != 0 }.map { (variable: $0, coefficient: sum[$0]) }
                    if !combination.isEmpty { rows.append(combination) }
                }
            }
            let isKept = kept(rows, variableCount: variables)
            let basis = rows.indices.filter { isKept[$0] }.map { rows[$0] }
            #expect(rank(basis) == basis.count, "the rows kept are independent")
            #expect(rank(basis) == rank(rows), "and span every row")
        }
    }

    /// The rank of rows of small whole numbers.
    private func rank(_ rows: [Row]) -> Int {
        let columns = (rows.flatMap { $0.map(\.variable) }.max() ?? -1) + 1
        return TestSupport.rank(rows.map { row -> [Double] in
            var d = [Double](repeating: 0, count: columns)
            for t in row { d[t.variable] += t.coefficient }
            return d
        })
    }
}
