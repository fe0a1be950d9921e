import Foundation

/// The attacker's program over one group of linked hidden cells (see `GroupBounds`), addressed by
/// the group's cells (0..<n) and `extra` more variables after them, as GLPK solves it: as it is,
/// or with the relations between two cells taken out (see `Reduction`).
final class GroupProgram {
    typealias Terms = [(variable: Int, coefficient: Double)]

    /// An exact reduction of a group's rows. A row that ties two cells with coefficients ±1
    /// (a published total of two hidden cells, a period of two hidden atoms) gives one as the other
    /// plus a constant; that cell and the row leave the program, and every cell follows one
    /// variable that stays: x_cell = offset + sign × x_variable. A cell's bounds (0 and up, or
    /// bounds set later) become bounds of its variable. The feasible set is the same, so every
    /// optimum, and every solution mapped back, is one of the group's program; but the row duals
    /// are not kept, and the solutions found are other vertices. So only groups that keep no
    /// solutions, in audits whose ranges nobody recomputes (protection's own) or that are exact,
    /// are reduced (see `DisclosureAudit`). On the demo's release with overlapping periods, 2,256
    /// of the 4,701 rows of its largest group tie two cells.
    struct Reduction: Sendable {
        /// Per cell: the variable it follows, and x_cell = offset + sign × that variable.
        let variable: [Int]
        let offset: [Double]
        let sign: [Double]
        /// The cells that follow each variable.
        let members: [[Int]]
        let rows: [GroupBounds.Row]

        /// The reduction of `rows` over `n` cells; nil when no row ties two cells, or when the
        /// rows cannot all hold (the program as it is reports that).
        init?(cells n: Int, rows original: [GroupBounds.Row]) {
            var rows = original.map { row in Dictionary(row.terms.map { ($0.variable, $0.coefficient) }, uniquingKeysWith: +).filter { $0.value != 0 } }
            var rhs = original.map(\.rhs)
            var alive = [Bool](repeating: true, count: rows.count)
            var occurs = [[Int]](repeating: [], count: n)
            for (r, row) in rows.enumerated() { for v in row.keys { occurs[v].append(r) } }
            var follows = Array(0..<n), offset = [Double](repeating: 0, count: n), sign = [Double](repeating: 1, count: n)
            var members = (0..<n).map { [$0] }
            var pending = rows.indices.filter { rows[$0].count == 2 }
            var reduced = false
            var next = 0
            while next < pending.count {
                let r = pending[next]
                next += 1
                let pair = rows[r].sorted { $0.key < $1.key }
                guard alive[r], pair.count == 2, pair.allSatisfy({ abs($0.value) == 1 }) else { continue }
                // Of the two, the cell in fewer rows leaves (less to substitute).
                func uses(_ v: Int) -> Int { occurs[v].filter { alive[$0] }.count }
                let (keep, leave) = uses(pair[0].key) < uses(pair[1].key) ? (pair[1], pair[0]) : (pair[0], pair[1])
                // α x_keep + β x_leave = c, so x_leave = d + t × x_keep with d = β c, t = −α β.
                let d = leave.value * rhs[r], t = -keep.value * leave.value
                alive[r] = false
                reduced = true
                for s in occurs[leave.key] where alive[s] {
                    guard let gamma = rows[s].removeValue(forKey: leave.key) else { continue }
                    rhs[s] -= gamma * d
                    let coefficient = (rows[s][keep.key] ?? 0) + gamma * t
                    if coefficient == 0 { rows[s][keep.key] = nil } else {
                        if rows[s][keep.key] == nil { occurs[keep.key].append(s) }
                        rows[s][keep.key] = coefficient
                    }
                    if rows[s].isEmpty {
                        guard abs(rhs[s]) <= Tolerance.agreement else { return nil }
                        alive[s] = false
                    } else if rows[s].count == 2 {
                        pending.append(s)
                    }
                }
                for k in members[leave.key] {
                    offset[k] += sign[k] * d
                    sign[k] *= t
                    follows[k] = keep.key
                }
                members[keep.key] += members[leave.key]
                members[leave.key] = []
            }
            guard reduced else { return nil }
            let stays = (0..<n).filter { !members[$0].isEmpty }
            var index = [Int](repeating: -1, count: n)
            for (i, v) in stays.enumerated() { index[v] = i }
            variable = follows.map { index[$0] }
            self.offset = offset
            self.sign = sign
            self.members = stays.map { members[$0] }
            self.rows = rows.indices.filter { alive[$0] }.map { r in
                (terms: rows[r].sorted { $0.key < $1.key }.map { (variable: index[$0.key], coefficient: $0.value) }, rhs: rhs[r])
            }
        }
    }

    private let lp: LinearProgram
    private let reduction: Reduction?
    private let cellCount: Int
    /// Cells plus extra variables.
    let variableCount: Int
    /// When set, no solve runs past it (see `LinearProgram.deadline`).
    var deadline: Date? {
        get { lp.deadline }
        set { lp.deadline = newValue }
    }
    /// With a reduction: the bounds set on each cell (0 and up unless set), the variables whose
    /// cells' bounds cannot all hold, and the constant the current objective leaves out.
    private var cellBounds: [(lower: Double, upper: Double?)]
    private var emptyVariables = Set<Int>()
    private var constant = 0.0
    private var contradicted = false

    /// The program of `rows` over `cells` cells (each 0 and up) and `extra` more variables,
    /// reduced by `reduction` when given (made from the same rows).
    init(cells: Int, rows: [GroupBounds.Row], extra: Int, reduction: Reduction?) throws(LinearProgram.Failure) {
        cellCount = cells
        variableCount = cells + extra
        self.reduction = reduction
        cellBounds = reduction == nil ? [] : [(lower: Double, upper: Double?)](repeating: (0, nil), count: cells)
        lp = LinearProgram(variableCount: (reduction?.members.count ?? cells) + extra)
        for row in reduction?.rows ?? rows { try lp.addEquality(row.terms, equals: row.rhs) }
        if let reduction {
            for v in reduction.members.indices { try updateBounds(of: v) }
        }
    }

    /// Bounds variable `index` (a cell or an extra variable) to `lower...upper`.
    func setBounds(_ index: Int, lower: Double, upper: Double?) throws(LinearProgram.Failure) {
        guard let reduction else { return try lp.setBounds(index, lower: lower, upper: upper) }
        guard index < cellCount else { return try lp.setBounds(reduction.members.count + index - cellCount, lower: lower, upper: upper) }
        cellBounds[index] = (lower, upper)
        try updateBounds(of: reduction.variable[index])
    }

    /// Adds the constraint Σ coefficient × variable ≤ `rhs`.
    func addAtMost(_ terms: Terms, _ rhs: Double) throws(LinearProgram.Failure) {
        let (mapped, shift) = map(terms)
        guard !mapped.isEmpty || reduction == nil else {
            if shift > rhs + Tolerance.agreement { contradicted = true }
            return
        }
        try lp.addAtMost(mapped, rhs - shift)
    }

    /// Replaces the objective by Σ coefficient × variable.
    func setObjective(_ terms: Terms) throws(LinearProgram.Failure) {
        let (mapped, shift) = map(terms)
        constant = shift
        try lp.setObjective(mapped)
    }

    /// Solves for the current objective (see `LinearProgram.solve`).
    func solve(_ direction: LinearProgram.Direction, warm: Bool = false, dual: Bool = false) throws(LinearProgram.Failure) -> LinearProgram.Outcome {
        if contradicted || !emptyVariables.isEmpty { return .infeasible }
        let outcome = try lp.solve(direction, warm: warm, dual: dual)
        if case .optimal(let value) = outcome { return .optimal(value + constant) }
        return outcome
    }

    /// The value of `index` in the last optimal solution.
    func value(_ index: Int) -> Double {
        guard let reduction else { return lp.value(index) }
        guard index < cellCount else { return lp.value(reduction.members.count + index - cellCount) }
        return reduction.offset[index] + reduction.sign[index] * lp.value(reduction.variable[index])
    }

    /// The dual value of every row in the last optimal solution; only for a program as it is.
    var rowDuals: [Double] {
        precondition(reduction == nil, "a reduced program keeps no duals of the rows it took out")
        return lp.rowDuals
    }

    /// `terms` over the reduced program's variables, and the constant they leave out.
    private func map(_ terms: Terms) -> (Terms, Double) {
        guard let reduction else { return (terms, 0) }
        var coefficients: [Int: Double] = [:]
        var order: [Int] = []
        var shift = 0.0
        for t in terms {
            let v: Int, c: Double
            if t.variable < cellCount {
                v = reduction.variable[t.variable]
                c = t.coefficient * reduction.sign[t.variable]
                shift += t.coefficient * reduction.offset[t.variable]
            } else {
                v = reduction.members.count + t.variable - cellCount
                c = t.coefficient
            }
            if coefficients[v] == nil { order.append(v) }
            coefficients[v, default: 0] += c
        }
        return (order.compactMap { v in coefficients[v] == 0 ? nil : (v, coefficients[v]!) }, shift)
    }

    /// Sets variable `v`'s bounds to what the bounds of the cells that follow it allow.
    private func updateBounds(of v: Int) throws(LinearProgram.Failure) {
        guard let reduction else { return }
        var lower = -Double.infinity, upper = Double.infinity
        for k in reduction.members[v] {
            let (low, high) = (cellBounds[k].lower - reduction.offset[k], (cellBounds[k].upper ?? .infinity) - reduction.offset[k])
            if reduction.sign[k] > 0 {
                lower = max(lower, low)
                upper = min(upper, high)
            } else {
                lower = max(lower, -high)
                upper = min(upper, -low)
            }
        }
        if lower > upper + Tolerance.agreement {
            emptyVariables.insert(v)
            return
        }
        emptyVariables.remove(v)
        try lp.setBounds(v, lower: lower, upper: upper.isFinite ? max(upper, lower) : nil)
    }
}
