extension GroupBounds {
    /// Publishes cell `k` of the group at `value` if every other hidden cell of the group stays
    /// safe (at least its width wide, or never below its threshold, or never 1 or more), and
    /// returns whether it did. Needs `intervals` to have run with `keepsSolutions`.
    ///
    /// Publishing adds x_k = value to the attacker's program. A solution found before stays one
    /// if it has x_k = value; one that has not is mixed with the solution farthest on the other
    /// side of `value` into one that has (the solutions form a convex set, and the mix keeps most
    /// of it). Most cells are shown wide enough by those alone. The others are decided as
    /// `intervals` decides them, with x_k fixed: first the exact minimum and maximum of each
    /// cell that shares a relation with k (if a cell becomes narrow, it is most likely one of
    /// those), then, when many cells are left, programs that move many of them at once (`spread`),
    /// then the exact bounds of the rest. If some cell would be narrow, x_k is freed again and
    /// nothing changes but the solutions kept (still solutions without x_k fixed).
    mutating func publish(_ k: Int, at value: Double) throws(DisclosureAudit.Failure) -> Bool {
        guard let lp = program, keepsSolutions else { preconditionFailure("publish(_:at:) needs intervals(exact:) with keepsSolutions") }
        let n = cells.count
        let before = solutions
        solutions = []
        seenLow = [Double](repeating: .infinity, count: n)
        seenHigh = [Double](repeating: -.infinity, count: n)
        let highest = before.max { $0[k] < $1[k] }, lowest = before.min { $0[k] < $1[k] }
        for u in before {
            if abs(u[k] - value) <= Tolerance.interval {
                observe(u)
            } else if let w = u[k] > value ? lowest : highest, (w[k] - value) * (u[k] - value) < 0 {
                let share = (value - w[k]) / (u[k] - w[k])
                var mix = (0..<n).map { share * u[$0] + (1 - share) * w[$0] }
                mix[k] = value
                observe(mix)
            }
        }
        let carried = solutions.count
        published[k] = value
        do { try lp.setBounds(k, lower: value, upper: value) } catch { throw .solving(error) }
        func undecided(_ i: Int) -> Bool { i != k && !settled[i] && !spans(i) }
        var settledNow: [Int] = []
        var dual = true  // the first program after x_k is fixed starts from a basis that may break it
        func solve(_ direction: LinearProgram.Direction, _ i: Int) throws(DisclosureAudit.Failure) -> LinearProgram.Outcome {
            do {
                try lp.setObjective([(i, 1)])
                let outcome = try lp.solve(direction, warm: true, dual: dual)
                dual = false
                if case .optimal = outcome { observe((0..<n).map(lp.value)) }
                return outcome
            } catch {
                throw .solving(error)
            }
        }
        /// Whether cell i is narrow with x_k = value, from its exact bounds; a cell they show can
        /// never become narrow joins `settledNow`.
        func isNarrow(_ i: Int) throws(DisclosureAudit.Failure) -> Bool {
            guard case .optimal(let lower) = try solve(.minimise, i) else { throw .solver("cell \(cells[i]): no minimum with a cell published") }
            if lower >= threshold(i) {
                settledNow.append(i)
                return false
            }
            if seenHigh[i] - lower >= width(i) { return false }
            switch try solve(.maximise, i) {
            case .unbounded: return false
            case .optimal(let upper):
                if upper < 1 - Tolerance.interval {
                    settledNow.append(i)
                    return false
                }
                return upper - lower < width(i)
            case .infeasible: throw .solver("cell \(cells[i]): infeasible with a cell published")
            }
        }
        // The cells that share a relation with k first: if one becomes narrow, it is most likely
        // one of them. Then, when many cells are undecided, programs that move many at once; then
        // the rest.
        let neighbours = Set(rows.filter { $0.terms.contains { $0.variable == k } }.flatMap { $0.terms.map(\.variable) })
        var narrow = false
        for i in neighbours.sorted() where undecided(i) {
            narrow = try isNarrow(i)
            if narrow { break }
        }
        if !narrow {
            if (0..<n).filter(undecided).count > Self.spreadFrom {
                try spread(upwards: true)
                try spread(upwards: false)
            }
            for i in 0..<n where !neighbours.contains(i) && undecided(i) {
                narrow = try isNarrow(i)
                if narrow { break }
            }
        }
        if narrow {
            // k stays hidden.
            published[k] = nil
            do { try lp.setBounds(k, lower: 0, upper: zero[k] ? 0 : nil) } catch { throw .solving(error) }
            solutions = Self.extremes(of: before + solutions[carried...], for: (0..<n).filter { !settled[$0] })
            return false
        }
        settled[k] = true
        for i in settledNow { settled[i] = true }
        solutions = Self.extremes(of: solutions, for: (0..<n).filter { !settled[$0] })
        return true
    }

    /// With more undecided cells than this, programs that move many at once come first.
    private static let spreadFrom = 200

    /// Those of `solutions` that hold the smallest or the largest value of some cell of `cells`:
    /// they show every interval the whole set shows.
    static func extremes(of solutions: [[Double]], for cells: [Int]) -> [[Double]] {
        guard solutions.count > 2 else { return solutions }
        var keep = Set<Int>()
        for i in cells {
            var lowest = 0, highest = 0
            for s in solutions.indices {
                if solutions[s][i] < solutions[lowest][i] { lowest = s }
                if solutions[s][i] > solutions[highest][i] { highest = s }
            }
            keep.insert(lowest)
            keep.insert(highest)
        }
        return keep.sorted().map { solutions[$0] }
    }
}
