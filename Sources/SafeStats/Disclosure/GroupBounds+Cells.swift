extension GroupBounds {
    /// The interval of every cell of the group, in variable order, once the programs over all
    /// cells have run: [0, 0] for the zeros, what the solutions found show for the cells they show
    /// wide enough (when not `exact`), and programs of their own for the others, in order.
    ///
    /// With a `helper` thread, the cells left for programs of their own are cut into runs of
    /// `run`, and every other run is decided on the helper, with its own program, at the same
    /// time; the solutions both found are kept. Which thread decides which cells depends only on
    /// the group, so the intervals do not depend on which thread is faster.
    mutating func decideCells(exact: Bool, in lp: GroupProgram, helper: SolverThread<GroupProgram>?) throws(DisclosureAudit.Failure) -> [DisclosureAudit.Interval] {
        let n = cells.count
        let pending = (0..<n).filter { !zero[$0] && (exact || !spans($0)) }
        guard let helper, pending.count > Self.run else { return try decide(Array(0..<n), exact: exact, in: lp) }
        let theirCells = pending.indices.filter { $0 / Self.run % 2 == 1 }.map { pending[$0] }
        let their = Set(theirCells)
        var other = self
        let (solutionsBefore, provenBefore) = (solutions.count, proven.count)
        var found: Result<[DisclosureAudit.Interval], DisclosureAudit.Failure>?
        helper.start { lp in
            found = Result { () throws(DisclosureAudit.Failure) in try other.decide(theirCells, exact: exact, in: lp) }
        }
        let myCells = (0..<n).filter { !their.contains($0) }
        let mine = Result { () throws(DisclosureAudit.Failure) in try decide(myCells, exact: exact, in: lp) }
        helper.wait()
        var intervals = [DisclosureAudit.Interval?](repeating: nil, count: n)
        for (k, interval) in zip(myCells + theirCells, try mine.get() + found!.get()) { intervals[k] = interval }
        merge(other, solutionsFrom: solutionsBefore, provenFrom: provenBefore)
        return intervals.map { $0! }
    }

    /// Cells in a run that one thread decides (see `decideCells`): long enough that the solutions
    /// found for one cell decide most of the cells after it.
    private static let run = 48

    /// The intervals of cells `ks`, in order (see `decideCells`).
    private mutating func decide(_ ks: [Int], exact: Bool, in lp: GroupProgram) throws(DisclosureAudit.Failure) -> [DisclosureAudit.Interval] {
        var probes = Probes()
        var intervals: [DisclosureAudit.Interval] = []
        for k in ks {
            if zero[k] {
                intervals.append(.init(cell: cells[k], lower: 0, upper: 0, exact: true))
            } else if !exact && spans(k) {
                intervals.append(.init(cell: cells[k], lower: seenLow[k], upper: seenHigh[k], exact: false))
            } else {
                intervals.append(try decide(k, exact: exact, in: lp, probes: &probes))
            }
        }
        return intervals
    }

    /// The interval of cell k, which the solutions found do not show wide enough: from its
    /// minimum and (unless a probe shows it wide enough) its maximum.
    private mutating func decide(_ k: Int, exact: Bool, in lp: GroupProgram, probes: inout Probes) throws(DisclosureAudit.Failure) -> DisclosureAudit.Interval {
        var lower = 0.0
        if seenLow[k] > Tolerance.interval {
            switch try solve(.minimise, [(k, 1)], in: lp) {
            case .optimal(let value): lower = value
            case .infeasible: throw .inconsistent(relation: relation)
            case .unbounded: throw .solver("cell \(cells[k]): no minimum")
            }
        }
        if lower >= threshold(k) {
            settled[k] = true
            prove(upper: false, [k], lp)
        }
        if !exact && (lower >= threshold(k) || seenHigh[k] - lower >= width(k)) {
            return .init(cell: cells[k], lower: lower, upper: seenHigh[k], exact: false)
        }
        if !exact && probes.worthTrying, try probes.count(reaches(k, lower + Double(rules[k].width), in: lp)) {
            return .init(cell: cells[k], lower: lower, upper: seenHigh[k], exact: false)
        }
        switch try solve(.maximise, [(k, 1)], in: lp) {
        case .optimal(let upper):
            if upper < 1 - Tolerance.interval {
                settled[k] = true
                prove(upper: true, [k], lp)
            }
            return .init(cell: cells[k], lower: lower, upper: upper, exact: true)
        case .unbounded: return .init(cell: cells[k], lower: lower, upper: nil, exact: true)
        case .infeasible: throw .solver("cell \(cells[k]): infeasible")
        }
    }

    /// Whether some solution has cell k at `target` or more; the solution found is observed.
    ///
    /// The program gets no objective, so the dual simplex only restores feasibility from the last
    /// basis after x_k's lower bound is raised to `target`: when such a solution exists, far
    /// fewer pivots than maximising x_k (the cells left for programs of their own after a round
    /// of suppression mostly reach their width); when none does, more.
    mutating func reaches(_ k: Int, _ target: Double, in lp: GroupProgram) throws(DisclosureAudit.Failure) -> Bool {
        do {
            try lp.setBounds(k, lower: target, upper: nil)
            try lp.setObjective([])
            let outcome = try lp.solve(.maximise, warm: true, dual: true)
            try lp.setBounds(k, lower: 0, upper: nil)
            guard case .optimal = outcome else { return false }
        } catch {
            throw .solving(error)
        }
        observe((0..<cells.count).map(lp.value))
        return true
    }

    /// Whether trying `reaches` before maximising a cell pays: until it has missed three times,
    /// and while it finds a solution at least as often as it misses (a group whose cells are
    /// mostly narrow, as before suppression, would pay twice for each).
    fileprivate struct Probes {
        private var found = 0, missed = 0

        var worthTrying: Bool { missed < 3 || found >= missed }

        /// Counts one probe's result and returns it.
        mutating func count(_ reached: Bool) -> Bool {
            if reached { found += 1 } else { missed += 1 }
            return reached
        }
    }
}
