import Foundation
import Testing
@testable import SafeStats

/// `LinearProgram`, the one type that owns a GLPK problem, tested directly: optima, verdicts,
/// warm starts, reduced costs, refused arguments and the branch and bound.
@Suite struct LinearProgramTests {
    /// max 3x + 2y subject to x + y ≤ 4, x + 3y ≤ 6, x ≤ 3: optimum 11 at (3, 1).
    private func small() throws -> LinearProgram {
        let lp = LinearProgram(variableCount: 2)
        try lp.addAtMost([(0, 1), (1, 1)], 4)
        try lp.addAtMost([(0, 1), (1, 3)], 6)
        try lp.setBounds(0, lower: 0, upper: 3)
        try lp.setObjective([(0, 3), (1, 2)])
        return lp
    }

    @Test func optimaAndVerdicts() throws {
        let lp = try small()
        #expect(try lp.solve(.maximise) == .optimal(11))
        #expect(abs(lp.value(0) - 3) < 1e-9 && abs(lp.value(1) - 1) < 1e-9)
        #expect(try lp.solve(.minimise) == .optimal(0))
        // Warm from the last basis after a bound moved: the same optimum as a cold solve (26/3 at
        // x = 2, y = 4/3).
        func optimum(_ outcome: LinearProgram.Outcome) -> Double? { if case .optimal(let v) = outcome { v } else { nil } }
        try lp.setBounds(0, lower: 0, upper: 2)
        let warm = try #require(optimum(try lp.solve(.maximise, warm: true, dual: true)))
        let cold = try small()
        try cold.setBounds(0, lower: 0, upper: 2)
        let coldly = try #require(optimum(try cold.solve(.maximise)))
        #expect(abs(warm - 26.0 / 3) < 1e-9 && abs(coldly - 26.0 / 3) < 1e-9)
        // A row added after a solve keeps the warm start valid.
        try lp.addAtMost([(1, 1)], 1)
        #expect(try lp.solve(.maximise, warm: true, dual: true) == .optimal(8))
        // Infeasible and unbounded.
        let infeasible = LinearProgram(variableCount: 1)
        try infeasible.addEquality([(0, 1)], equals: -1)
        #expect(try infeasible.solve(.minimise) == .infeasible)
        let unbounded = LinearProgram(variableCount: 1)
        try unbounded.setObjective([(0, 1)])
        #expect(try unbounded.solve(.maximise) == .unbounded)
    }

    /// Secondary suppression's programs: a change y = up − down of a total and its parts at
    /// non-negative prices, where no change at all is optimal until a cell's change is fixed. From
    /// the slack basis the dual simplex finds the same optimum as a cold solve, each time.
    @Test func theSlackBasisStartsEachChangeFromNothing() throws {
        // y0 = y1 + y2 + y3, variables up_k = k, down_k = 4 + k; prices 5 (total), 1, 2, 3.
        func program() throws -> LinearProgram {
            let lp = LinearProgram(variableCount: 8)
            try lp.addEquality([(0, -1), (4, 1), (1, 1), (5, -1), (2, 1), (6, -1), (3, 1), (7, -1)], equals: 0)
            try lp.setObjective([5.0, 1, 2, 3].enumerated().flatMap { [($0.offset, $0.element), ($0.offset + 4, $0.element)] })
            return lp
        }
        let warm = try program()
        #expect(try warm.solve(.minimise) == .optimal(0))
        // Raise part 3 by 2: the cheapest change lowers part 1 by 2 (2 · 3 + 2 · 1 = 8). Then
        // raise part 1 by 4: part 2 goes down by 4 (4 · 1 + 4 · 2 = 12).
        for (cell, by, cost, down) in [(3, 2.0, 8.0, 1), (1, 4.0, 12.0, 2)] {
            try warm.setBounds(cell, lower: by, upper: by)
            try warm.setBounds(4 + cell, lower: 0, upper: 0)
            warm.startFromSlackBasis()
            #expect(try warm.solve(.minimise, warm: true, dual: true) == .optimal(cost))
            let cold = try program()
            try cold.setBounds(cell, lower: by, upper: by)
            try cold.setBounds(4 + cell, lower: 0, upper: 0)
            #expect(try cold.solve(.minimise) == .optimal(cost))
            #expect(abs(warm.value(4 + down) - by) < 1e-9 && abs(cold.value(4 + down) - by) < 1e-9)
            try warm.setBounds(cell, lower: 0, upper: nil)
            try warm.setBounds(4 + cell, lower: 0, upper: nil)
        }
    }

    /// At an optimum of max c·y over A·y = 0 and bounds, the reduced costs d price the bounds:
    /// Σ d_j·(the bound y_j sits at) is the optimum (what `PatternRoom`'s cuts rely on).
    @Test func reducedCostsPriceTheBoundsAtTheOptimum() throws {
        // y0 = y1 + y2 (a total and its parts), y0 in [-2, 7], y1 in [-8, 3], y2 in [0, 4]: max y0 = 7.
        let lp = LinearProgram(variableCount: 3)
        try lp.addEquality([(0, -1), (1, 1), (2, 1)], equals: 0)
        let bounds: [(Double, Double)] = [(-2, 7), (-8, 3), (0, 4)]
        for (j, b) in bounds.enumerated() { try lp.setBounds(j, lower: b.0, upper: b.1) }
        try lp.setObjective([(0, 1)])
        #expect(try lp.solve(.maximise) == .optimal(7))
        let priced = bounds.indices.reduce(0.0) { sum, j in
            let d = lp.reducedCost(j)
            return sum + max(d * bounds[j].1, d * bounds[j].0)
        }
        #expect(abs(priced - 7) < 1e-9)
    }

    @Test func argumentsGLPKWouldAbortOnAreRefused() throws {
        let lp = LinearProgram(variableCount: 2)
        #expect(throws: LinearProgram.Failure.invalidArgument("variable 2 out of range")) { try lp.setBounds(2, lower: 0, upper: 1) }
        #expect(throws: LinearProgram.Failure.invalidArgument("bounds of variable 0 are not finite and ordered")) {
            try lp.setBounds(0, lower: 1, upper: 0)
        }
        #expect(throws: LinearProgram.Failure.self) { try lp.addEquality([(0, 1), (0, 1)], equals: 0) }
        #expect(throws: LinearProgram.Failure.self) { try lp.addAtMost([(0, .nan)], 0) }
        #expect(throws: LinearProgram.Failure.self) { try lp.setObjective([(5, 1)]) }
        #expect(throws: LinearProgram.Failure.self) { try lp.solveInteger(.minimise, timeLimit: 0) }
        #expect(LinearProgram.Failure.solverError(code: 5).description == "GLPK returned GLP_EFAIL (solver failed)")
    }

    /// A knapsack against brute force: max Σ v_j·x_j with Σ w_j·x_j ≤ capacity, x binary.
    @Test func theBranchAndBoundFindsTheBestBinarySolution() throws {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<10 {
            let n = 10
            let value = (0..<n).map { _ in Double(generator.int(1...30)) }, weight = (0..<n).map { _ in Double(generator.int(1...20)) }
            let capacity = weight.reduce(0, +) / 2
            let lp = LinearProgram(variableCount: n)
            for j in 0..<n { try lp.setBinary(j) }
            try lp.addAtMost((0..<n).map { ($0, weight[$0]) }, capacity)
            try lp.setObjective((0..<n).map { ($0, value[$0]) })
            let outcome = try lp.solveInteger(.maximise, timeLimit: 10)
            var best = 0.0
            for mask in 0..<(1 << n) {
                let chosen = (0..<n).filter { mask & (1 << $0) != 0 }
                if chosen.reduce(0.0, { $0 + weight[$1] }) <= capacity { best = max(best, chosen.reduce(0.0) { $0 + value[$1] }) }
            }
            #expect(outcome.status == .optimal && outcome.objective == best && outcome.bound == best)
            #expect((0..<n).reduce(0.0) { $0 + value[$1] * lp.integerValue($1) } == best)
        }
        let none = LinearProgram(variableCount: 1)
        try none.setBinary(0)
        try none.addEquality([(0, 2)], equals: 1)
        #expect(try none.solveInteger(.minimise, timeLimit: 10).status == .infeasible)
    }

    /// A program's deadline stops every solve once it has passed (the simplex and the branch and
    /// bound), and without it the same program solves again.
    @Test func aDeadlineThatHasPassedStopsEverySolve() throws {
        let lp = try small()
        lp.deadline = Date(timeIntervalSinceNow: -1)
        #expect(throws: LinearProgram.Failure.timeLimit) { try lp.solve(.maximise) }
        #expect(throws: LinearProgram.Failure.timeLimit) { try lp.solve(.maximise, warm: true, dual: true) }
        #expect(throws: LinearProgram.Failure.timeLimit) { try lp.solveInteger(.maximise, timeLimit: 10) }
        lp.deadline = .distantFuture
        #expect(try lp.solve(.maximise) == .optimal(11))
        lp.deadline = nil
        #expect(try lp.solve(.maximise, warm: true) == .optimal(11))
        #expect(LinearProgram.Failure.timeLimit.description == "the time limit passed")
    }
}
