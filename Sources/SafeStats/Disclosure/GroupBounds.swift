import Foundation

/// The attacker's bounds for one group of linked hidden cells: one program over the group, whose
/// cells are minimised and maximised one after the other from the previous optimal basis.
///
/// Every solution is a table the attacker cannot rule out, so the smallest and largest value each
/// cell takes across the solutions found lie inside its interval. Two programs over all cells
/// (minimise and maximise their sum) start this collection; then programs that maximise the sum of
/// the cells never seen above 0, which proves all of them 0 at once when the optimum is 0; then
/// programs that move as many undecided cells as they can by their protection width at once (see
/// `spread`). A cell already
/// seen to move by its width, or whose exact minimum is at least its threshold, is not narrow
/// whatever its exact bounds, and gets no program of its own.
struct GroupBounds {
    typealias Row = (terms: [(variable: Int, coefficient: Double)], rhs: Double)

    /// The release's cell behind each variable.
    let cells: [Int]
    /// Σ coefficient × variable = rhs, over this group's variables.
    let rows: [Row]
    /// Each variable's rule.
    let rules: [ProtectionRule]
    /// The relation reported when the group cannot hold.
    let relation: Int
    /// The release's relation behind each row.
    let rowRelations: [Int]

    var seenLow: [Double]
    var seenHigh: [Double]
    /// Cells shown to be 0 in every solution.
    var zero: [Bool]
    /// Whether `solutions` keeps every solution found.
    let keepsSolutions: Bool
    /// Every solution found (when `keepsSolutions`), as the values of the group's cells: tables the
    /// attacker cannot rule out.
    var solutions: [[Double]] = []
    /// Cells that publishing more cells cannot make narrow: shown to be 0, at least their
    /// threshold or below 1 in every solution (or published; see `publish`).
    var settled: [Bool]
    /// The group's program, once `intervals` has run.
    private(set) var program: GroupProgram?
    /// The exact reduction of `rows` that the group's programs are solved in, when it is reduced
    /// (see `GroupProgram`).
    let reduction: GroupProgram.Reduction?
    /// Cells published at these values since (see `publish`).
    var published: [Int: Double] = [:]
    /// When set, no program of the group runs past it (`DisclosureAudit.Failure.timeLimit`).
    let deadline: Date?

    /// A bound on the sum of some of the group's cells that the program proved, with the row duals
    /// that prove it (see `AuditCertificate`): `upper` Σ cells ≤ the optimum, or a lower bound of
    /// one cell.
    struct ProvenBound {
        let upper: Bool
        /// Variables of the group.
        let cells: [Int]
        /// One per row.
        let duals: [Double]
    }

    /// Bounds proved on the way (when `keepsSolutions`): the zeros, and the cells found never to
    /// go below their threshold or never to reach 1.
    var proven: [ProvenBound] = []

    /// With `reducing`, a group that keeps no solutions is solved in its reduced program.
    init(cells: [Int], rows: [Row], rules: [ProtectionRule], relation: Int, rowRelations: [Int] = [], keepsSolutions: Bool = false,
         reducing: Bool = false, deadline: Date? = nil) {
        self.deadline = deadline
        self.cells = cells
        self.rows = rows
        self.rules = rules
        self.relation = relation
        self.rowRelations = rowRelations
        self.keepsSolutions = keepsSolutions
        seenLow = [Double](repeating: .infinity, count: cells.count)
        seenHigh = [Double](repeating: -.infinity, count: cells.count)
        zero = [Bool](repeating: false, count: cells.count)
        settled = zero
        reduction = reducing && !keepsSolutions ? GroupProgram.Reduction(cells: cells.count, rows: rows) : nil
    }

    func width(_ k: Int) -> Double { Double(rules[k].width) - Tolerance.interval }
    func threshold(_ k: Int) -> Double { Double(rules[k].threshold) - Tolerance.interval }
    func spans(_ k: Int) -> Bool { seenHigh[k] - seenLow[k] >= width(k) }

    mutating func observe(_ values: [Double]) {
        for k in values.indices {
            seenLow[k] = min(seenLow[k], values[k])
            seenHigh[k] = max(seenHigh[k], values[k])
        }
        if keepsSolutions { solutions.append(values) }
    }

    /// The group's program, with `extra` more variables after the cells'; cells known to be 0 are
    /// fixed at 0, and published ones at their values.
    func program(extra: Int) throws(DisclosureAudit.Failure) -> GroupProgram {
        do {
            let lp = try GroupProgram(cells: cells.count, rows: rows, extra: extra, reduction: reduction)
            lp.deadline = deadline
            for k in cells.indices where zero[k] { try lp.setBounds(k, lower: 0, upper: 0) }
            for (k, value) in published { try lp.setBounds(k, lower: value, upper: value) }
            return lp
        } catch { throw .solving(error) }
    }

    /// The interval of every cell of the group, in variable order.
    /// - Parameters:
    ///   - exact: the exact minimum and maximum of every cell.
    ///   - parallel: a second thread for groups of `parallelFrom` cells or more (see `proveZeros`
    ///     and `decideCells`).
    mutating func intervals(exact: Bool, parallel: Bool = true) throws(DisclosureAudit.Failure) -> [DisclosureAudit.Interval] {
        let n = cells.count
        // A second thread with a program of its own, for large groups (made before this thread's
        // program is kept: the copy it is made from must hold none).
        let copy = self
        let helper = parallel && !exact && n >= Self.parallelFrom ? try SolverThread { () throws(DisclosureAudit.Failure) in try copy.program(extra: 0) } : nil
        let lp = try program(extra: 0)
        program = lp
        func solve(_ direction: LinearProgram.Direction, _ objective: [(variable: Int, coefficient: Double)]) throws(DisclosureAudit.Failure) -> LinearProgram.Outcome {
            try self.solve(direction, objective, in: lp)
        }
        let all = (0..<n).map { (variable: $0, coefficient: 1.0) }
        if try solve(.minimise, all) == .infeasible { throw .inconsistent(relation: relation) }
        if !exact {
            _ = try solve(.maximise, all)
            try proveZeros(in: lp, helper: helper)
            try spread(upwards: true)
            try spread(upwards: false)
        }
        return try decideCells(exact: exact, in: lp, helper: helper)
    }

    /// Optimises `objective` over `lp` from its last basis; the solution found is observed.
    mutating func solve(_ direction: LinearProgram.Direction, _ objective: [(variable: Int, coefficient: Double)],
                        in lp: GroupProgram) throws(DisclosureAudit.Failure) -> LinearProgram.Outcome {
        do {
            try lp.setObjective(objective)
            let outcome = try lp.solve(direction, warm: true)
            if case .optimal = outcome { observe((0..<cells.count).map(lp.value)) }
            return outcome
        } catch {
            throw .solving(error)
        }
    }

    /// Keeps the duals of `lp`'s optimum, which bound the sum of `cells` (when solutions are kept).
    mutating func prove(upper: Bool, _ cells: [Int], _ lp: GroupProgram) {
        guard keepsSolutions else { return }
        proven.append(ProvenBound(upper: upper, cells: cells, duals: lp.rowDuals))
    }

    /// Keeps what `other`, a copy of this group that another thread worked on, found: the
    /// ranges seen, the cells settled, its solutions from `solutionsFrom` on and its proofs from
    /// `provenFrom` on.
    mutating func merge(_ other: GroupBounds, solutionsFrom solutionsBefore: Int, provenFrom provenBefore: Int? = nil) {
        for k in cells.indices {
            seenLow[k] = min(seenLow[k], other.seenLow[k])
            seenHigh[k] = max(seenHigh[k], other.seenHigh[k])
            settled[k] = settled[k] || other.settled[k]
        }
        solutions += other.solutions[solutionsBefore...]
        if let provenBefore { proven += other.proven[provenBefore...] }
    }

    /// Looks for solutions that move many undecided cells by their width at once: maximise Σ z_k
    /// with 0 ≤ z_k ≤ p_k and z_k ≤ x_k − low_k (upwards; low_k the smallest value seen) or
    /// z_k ≤ high_k − x_k (downwards), over the cells not yet seen to move by p_k. A cell whose z_k
    /// reaches p_k is decided by that solution alone; passes repeat while they decide a quarter of
    /// the undecided cells or more.
    mutating func spread(upwards: Bool) throws(DisclosureAudit.Failure) {
        let n = cells.count
        for _ in 0..<8 {
            let undecided = (0..<n).filter { !settled[$0] && published[$0] == nil && !spans($0) && (upwards || seenHigh[$0] >= width($0)) }
            guard undecided.count > 1 else { return }
            let lp = try program(extra: undecided.count)
            do {
                for (j, k) in undecided.enumerated() {
                    try lp.setBounds(n + j, lower: 0, upper: Double(rules[k].width))
                    if upwards {
                        try lp.addAtMost([(n + j, 1), (k, -1)], -seenLow[k])
                    } else {
                        try lp.addAtMost([(n + j, 1), (k, 1)], seenHigh[k])
                    }
                }
                try lp.setObjective(undecided.indices.map { (n + $0, 1.0) })
                guard case .optimal = try lp.solve(.maximise) else { return }
            } catch {
                throw .solving(error)
            }
            observe((0..<n).map(lp.value))
            let decided = undecided.filter(spans).count
            // A pass costs about as much as a thousand programs of one cell: go on only while
            // passes decide a good share of what is left.
            guard decided * 4 >= undecided.count else { return }
        }
    }
}
