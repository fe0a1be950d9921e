import Foundation
extension GroupBounds {
    /// The interval of every cell of the group, in variable order, once the programs over all
    /// cells have run: [0, 0] for the zeros, what the solutions found show for the cells they show
    /// wide enough (when not `exact`), and programs of their own for the others.
    ///
    /// With many cells left, a second thread decides the cells from the middle one of those on,
    /// with a program of its own, from the solutions found so far; what both find is kept. Which
    /// thread decides which cells depends only on the group, so the intervals do not depend on
    /// which thread is faster.
    mutating func decideCells(exact: Bool, in lp: LinearProgram, helper: SolverThread<LinearProgram>?) throws(DisclosureAudit.Failure) -> [DisclosureAudit.Interval] {
        let n = cells.count
        let pending = (0..<n).filter { !zero[$0] && (exact || !spans($0)) }
        guard let helper, pending.count > 1 else { return try decide(Array(0..<n), exact: exact, in: lp) }
        // Runs of `Self.run` cells, every other one on the second thread.
        let theirCells = pending.indices.filter { $0 / Self.run % 2 == 1 }.map { pending[$0] }
        let their = Set(theirCells)
        let myCells = (0..<n).filter { !their.contains($0) }
        let t0 = Date()
        defer { FileHandle.standardError.write("CELLS n=\(n) pending=\(pending.count) total=\(Date().timeIntervalSince(t0))\n".data(using: .utf8)!) }
        var other = self
        let (solutionsBefore, provenBefore) = (solutions.count, proven.count)
        let thread = helper
        var theirs: Result<[DisclosureAudit.Interval], DisclosureAudit.Failure>?
        thread.start { lp in
            theirs = Result { () throws(DisclosureAudit.Failure) in try other.decide(theirCells, exact: exact, in: lp) }
        }
        let mine: [DisclosureAudit.Interval]
        let t1 = Date()
        do { mine = try decide(myCells, exact: exact, in: lp) } catch {
            thread.wait()
            throw error
        }
        let t2 = Date()
        thread.wait()
        FileHandle.standardError.write("CELLS start=\(t1.timeIntervalSince(t0)) mine=\(t2.timeIntervalSince(t1)) waitother=\(Date().timeIntervalSince(t2))\n".data(using: .utf8)!)
        let rest = try theirs!.get()
        for k in 0..<n {
            seenLow[k] = min(seenLow[k], other.seenLow[k])
            seenHigh[k] = max(seenHigh[k], other.seenHigh[k])
            settled[k] = settled[k] || other.settled[k]
        }
        solutions += other.solutions[solutionsBefore...]
        proven += other.proven[provenBefore...]
        return (mine + rest).sorted { $0.cell < $1.cell }
    }

    /// Cells in a row that one thread decides.
    private static let run = 48

    /// The intervals of the cells `range`, in order (see `decideCells`).
    private mutating func decide(_ range: [Int], exact: Bool, in lp: LinearProgram) throws(DisclosureAudit.Failure) -> [DisclosureAudit.Interval] {
        var intervals: [DisclosureAudit.Interval] = []
        var probes = Probes()
        var nmin = 0, nprobe = 0, nmax = 0, tmin = 0.0, tprobe = 0.0, tmax = 0.0
        defer { if cells.count > 1000 { FileHandle.standardError.write("DECIDE cells=\(range.count) min=\(nmin) \(tmin) probe=\(nprobe) \(tprobe) max=\(nmax) \(tmax)\n".data(using: .utf8)!) } }
        for k in range {
            if zero[k] {
                intervals.append(.init(cell: cells[k], lower: 0, upper: 0, exact: true))
                continue
            }
            if !exact && spans(k) {
                intervals.append(.init(cell: cells[k], lower: seenLow[k], upper: seenHigh[k], exact: false))
                continue
            }
            var lower = 0.0
            if seenLow[k] > Tolerance.interval {
                nmin += 1; let t = Date(); defer { tmin += Date().timeIntervalSince(t) }
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
                intervals.append(.init(cell: cells[k], lower: lower, upper: seenHigh[k], exact: false))
                continue
            }
            let tp = Date()
            if !exact && probes.worthTrying { nprobe += 1 }
            defer { if !exact { tprobe += Date().timeIntervalSince(tp) } }
            if !exact && probes.worthTrying, try probes.count(reaches(k, lower + Double(rules[k].width), in: lp)) {
                intervals.append(.init(cell: cells[k], lower: lower, upper: seenHigh[k], exact: false))
                continue
            }
            nmax += 1
            switch try solve(.maximise, [(k, 1)], in: lp) {
            case .optimal(let upper):
                if upper < 1 - Tolerance.interval {
                    settled[k] = true
                    prove(upper: true, [k], lp)
                }
                intervals.append(.init(cell: cells[k], lower: lower, upper: upper, exact: true))
            case .unbounded: intervals.append(.init(cell: cells[k], lower: lower, upper: nil, exact: true))
            case .infeasible: throw .solver("cell \(cells[k]): infeasible")
            }
        }
        return intervals
    }

    /// Whether some solution has cell k at `target` or more; the solution found is observed.
    ///
    /// The program gets no objective, so the dual simplex only restores feasibility from the last
    /// basis after x_k's lower bound is raised to `target`: when such a solution exists, far
    /// fewer pivots than maximising x_k (the cells left for programs of their own after a round
    /// of suppression mostly reach their width); when none does, more.
    mutating func reaches(_ k: Int, _ target: Double, in lp: LinearProgram) throws(DisclosureAudit.Failure) -> Bool {
        do {
            try lp.setBounds(k, lower: target, upper: nil)
            try lp.setObjective([])
            let outcome = try lp.solve(.maximise, warm: true, dual: true)
            try lp.setBounds(k, lower: 0, upper: nil)
            guard case .optimal = outcome else { return false }
        } catch {
            throw .solver("\(error)")
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
