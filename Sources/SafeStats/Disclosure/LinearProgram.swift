import Foundation
internal import CGLPK

/// A linear program over non-negative variables with equality and at-most constraints, solved with
/// GLPK's simplex. The one Swift type that owns a GLPK problem; it frees it in `deinit`.
///
/// GLPK aborts the process on invalid arguments, so every index and number is checked here first.
/// Not thread-safe: use one instance from one thread.
final class LinearProgram {
    /// What an optimisation found.
    enum Outcome: Equatable {
        case optimal(Double)
        /// The objective has no bound in that direction.
        case unbounded
        /// The constraints cannot all hold.
        case infeasible
    }

    enum Direction {
        case minimise, maximise
    }

    /// Failures of the solver itself (not of the problem).
    enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidArgument(String)
        case solverError(code: Int32)
        /// The program's `deadline` passed before it was solved.
        case timeLimit

        var description: String {
            switch self {
            case .invalidArgument(let m): "invalid argument: \(m)"
            case .solverError(let code): "GLPK returned \(Self.names[code] ?? "code \(code)")"
            case .timeLimit: "the time limit passed"
            }
        }

        /// GLPK's names of its return codes (glpk.h).
        private static let names: [Int32: String] = [
            GLP_EBADB: "GLP_EBADB (invalid basis)", GLP_ESING: "GLP_ESING (singular matrix)", GLP_ECOND: "GLP_ECOND (ill-conditioned matrix)",
            GLP_EBOUND: "GLP_EBOUND (invalid bounds)", GLP_EFAIL: "GLP_EFAIL (solver failed)", GLP_EITLIM: "GLP_EITLIM (iteration limit)",
            GLP_ETMLIM: "GLP_ETMLIM (time limit)", GLP_EROOT: "GLP_EROOT (no optimal basis of the relaxation)",
            GLP_ESTOP: "GLP_ESTOP (stopped)", GLP_EMIPGAP: "GLP_EMIPGAP (gap reached)",
        ]
    }

    private let problem: OpaquePointer
    let variableCount: Int
    private var rows: [(indices: [Int32], values: [Double], rhs: Double, equality: Bool)] = []
    private var loaded = false
    /// Whether the last solve ended with an optimal basis.
    private var hasOptimalBasis = false
    /// Variables with a non-zero objective coefficient.
    private var objectiveVariables: [Int] = []
    /// When set, no solve runs past it: GLPK's time limit (`tm_lim`) is the time left, and a solve
    /// it stops, or one asked for once it has passed, throws `Failure.timeLimit`.
    var deadline: Date?

    /// A program with `variableCount` variables, each ≥ 0 and unbounded above.
    init(variableCount: Int) {
        precondition(variableCount > 0)
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        self.variableCount = variableCount
        glp_add_cols(problem, Int32(variableCount))
        for j in 1...variableCount { glp_set_col_bnds(problem, Int32(j), GLP_LO, 0, 0) }
    }

    deinit {
        glp_delete_prob(problem)
    }

    /// Bounds variable `index` (0-based) to `lower...upper`; `upper` nil for no upper bound.
    func setBounds(_ index: Int, lower: Double, upper: Double?) throws(Failure) {
        guard (0..<variableCount).contains(index) else { throw .invalidArgument("variable \(index) out of range") }
        guard lower.isFinite, upper?.isFinite ?? true, lower <= (upper ?? .infinity) else {
            throw .invalidArgument("bounds of variable \(index) are not finite and ordered")
        }
        let j = Int32(index + 1)
        if let upper {
            glp_set_col_bnds(problem, j, lower == upper ? GLP_FX : GLP_DB, lower, upper)
        } else {
            glp_set_col_bnds(problem, j, GLP_LO, lower, 0)
        }
    }

    /// Makes variable `index` binary (0 or 1) for `solveInteger`; its bounds become 0...1.
    func setBinary(_ index: Int) throws(Failure) {
        guard (0..<variableCount).contains(index) else { throw .invalidArgument("variable \(index) out of range") }
        glp_set_col_kind(problem, Int32(index + 1), GLP_BV)
    }

    /// Adds the constraint Σ coefficient × variable = `rhs`.
    func addEquality(_ terms: [(variable: Int, coefficient: Double)], equals rhs: Double) throws(Failure) {
        try addRow(terms, rhs: rhs, equality: true)
    }

    /// Adds the constraint Σ coefficient × variable ≤ `rhs`.
    func addAtMost(_ terms: [(variable: Int, coefficient: Double)], _ rhs: Double) throws(Failure) {
        try addRow(terms, rhs: rhs, equality: false)
    }

    private func addRow(_ terms: [(variable: Int, coefficient: Double)], rhs: Double, equality: Bool) throws(Failure) {
        guard rhs.isFinite else { throw .invalidArgument("right-hand side is not finite") }
        var seen = Set<Int>()
        for t in terms {
            guard (0..<variableCount).contains(t.variable), t.coefficient.isFinite, seen.insert(t.variable).inserted else {
                throw .invalidArgument("constraint term for variable \(t.variable) is out of range, repeated or not finite")
            }
        }
        rows.append((terms.map { Int32($0.variable + 1) }, terms.map(\.coefficient), rhs, equality))
        loaded = false
    }

    /// Minimises or maximises one variable subject to the constraints and bounds.
    /// - Parameter warm: start from the last optimal basis (see `solve`).
    func optimise(_ variable: Int, _ direction: Direction, warm: Bool = false) throws(Failure) -> Outcome {
        try setObjective([(variable, 1)])
        return try solve(direction, warm: warm)
    }

    /// Replaces the objective by Σ coefficient × variable.
    func setObjective(_ terms: [(variable: Int, coefficient: Double)]) throws(Failure) {
        for t in terms {
            guard (0..<variableCount).contains(t.variable), t.coefficient.isFinite else {
                throw .invalidArgument("objective term for variable \(t.variable) is out of range or not finite")
            }
        }
        for v in objectiveVariables { glp_set_obj_coef(problem, Int32(v + 1), 0) }
        for t in terms { glp_set_obj_coef(problem, Int32(t.variable + 1), t.coefficient) }
        objectiveVariables = terms.map(\.variable)
    }

    /// Makes the next warm solve start from the slack basis: every row's auxiliary variable
    /// basic, every variable non-basic at its lower bound (0 when it is not fixed).
    ///
    /// For a program whose costs are all non-negative and where every variable at 0 holds every
    /// row (secondary suppression's change of nothing), that basis is optimal before bounds are
    /// fixed, so the dual simplex (`solve(_:warm:dual:)` with `dual`) builds only the change asked
    /// for. From the last optimal basis it would first have to undo the last change: on a
    /// table's program with all its periods, three times as many pivots.
    func startFromSlackBasis() {
        loadRows()
        glp_std_basis(problem)
        hasOptimalBasis = true
    }

    /// Solves for the current objective.
    ///
    /// By default GLPK's presolver runs first: on programs whose bounds changed since the last
    /// solve it is far faster than a cold start. With `warm` and an optimal basis from the last
    /// solve (rows added since then join it with their slacks basic), the simplex starts from that
    /// basis: the primal simplex when only the objective changed (the basis stays feasible), the
    /// dual simplex with `dual` when bounds changed or rows were added (it stays dual feasible as
    /// far as the objective did not change); with `warm` but no basis yet
    /// (a program's first solve), the presolver runs as by default (on the export's programs 7%
    /// faster than a starting basis of GLPK's). A start that gives no verdict is retried from
    /// scratch with the presolver.
    func solve(_ direction: Direction, warm: Bool = false, dual: Bool = false) throws(Failure) -> Outcome {
        let reuse = warm && hasOptimalBasis
        loadRows()
        glp_set_obj_dir(problem, direction == .minimise ? GLP_MIN : GLP_MAX)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        if let left = try millisecondsLeft() { parameters.tm_lim = left }
        parameters.presolve = reuse ? GLP_OFF : GLP_ON
        parameters.meth = reuse && !dual ? GLP_PRIMAL : GLP_DUALP
        hasOptimalBasis = false
        var code = glp_simplex(problem, &parameters)
        let undecided = code == 0 && ![GLP_OPT, GLP_NOFEAS, GLP_UNBND].contains(glp_get_status(problem))
        if undecided || code == GLP_EBADB || code == GLP_EFAIL || code == GLP_ESING || code == GLP_ECOND {
            // No verdict from this start (a warm start that was not dual feasible, say):
            glp_adv_basis(problem, 0)  // a fresh starting basis and the presolver, once more
            parameters.presolve = GLP_ON
            parameters.meth = GLP_DUALP
            if let left = try millisecondsLeft() { parameters.tm_lim = left }
            code = glp_simplex(problem, &parameters)
        }
        if code == GLP_ETMLIM { throw .timeLimit }
        if code == GLP_ENOPFS { return .infeasible }  // the presolver proved no solution exists
        if code == GLP_ENODFS { return .unbounded }   // ... or that the objective has no bound
        guard code == 0 else { throw .solverError(code: code) }
        switch glp_get_status(problem) {
        case GLP_OPT:
            hasOptimalBasis = true
            return .optimal(glp_get_obj_val(problem))
        case GLP_UNBND: return .unbounded
        case GLP_NOFEAS: return .infeasible
        default:
            // Simplex stopped without a verdict on the primal: ask the dual side.
            return glp_get_dual_stat(problem) == GLP_NOFEAS ? .unbounded : .infeasible
        }
    }

    /// What a branch and bound found.
    struct IntegerOutcome: Equatable {
        enum Status: Equatable {
            /// The best solution there is.
            case optimal
            /// The time ran out: the best solution found so far, or none.
            case timeLimit
            /// No solution satisfies the constraints.
            case infeasible
        }
        let status: Status
        /// The objective of the solution found (nil without one).
        let objective: Double?
        /// A proven bound on the objective of every solution: at least as good as `objective`
        /// (the optimum itself when optimal); nil when the time ran out before any bound.
        let bound: Double?
    }

    /// Solves the program with its binary variables (`setBinary`) integral: GLPK's branch and
    /// bound with its presolver, stopping after `timeLimit` seconds (or at `deadline`) with the best
    /// solution found and the best bound proven, or once the solution found is within `gap`
    /// (relative) of the bound: `optimal` then means optimal to within `gap`, and `bound` is
    /// the objective less that share.
    func solveInteger(_ direction: Direction, timeLimit: Double, gap: Double = 0) throws(Failure) -> IntegerOutcome {
        guard timeLimit > 0, timeLimit.isFinite else { throw .invalidArgument("time limit must be positive") }
        loadRows()
        glp_set_obj_dir(problem, direction == .minimise ? GLP_MIN : GLP_MAX)
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_ON
        parameters.mip_gap = gap
        parameters.tm_lim = min(Int32(min(timeLimit * 1000, Double(Int32.max)).rounded(.up)), try millisecondsLeft() ?? .max)
        // The best bound of the open nodes, seen by the callback whenever GLPK selects a node.
        var bound = direction == .minimise ? -Double.infinity : Double.infinity
        parameters.cb_func = { tree, info in
            guard let tree, let info, glp_ios_reason(tree) == GLP_ISELECT else { return }
            let node = glp_ios_best_node(tree)
            if node != 0 { info.assumingMemoryBound(to: Double.self).pointee = glp_ios_node_bound(tree, node) }
        }
        hasOptimalBasis = false
        let code = withUnsafeMutablePointer(to: &bound) { pointer in
            parameters.cb_info = UnsafeMutableRawPointer(pointer)
            return glp_intopt(problem, &parameters)
        }
        if code == GLP_ENOPFS { return IntegerOutcome(status: .infeasible, objective: nil, bound: nil) }
        guard code == 0 || code == GLP_ETMLIM || code == GLP_EMIPGAP else { throw .solverError(code: code) }
        if code == GLP_EMIPGAP {  // stopped within `gap` of the bound
            let value = glp_mip_obj_val(problem)
            return IntegerOutcome(status: .optimal, objective: value, bound: value - (direction == .minimise ? 1 : -1) * gap * abs(value))
        }
        switch glp_mip_status(problem) {
        case GLP_OPT:
            let value = glp_mip_obj_val(problem)
            return IntegerOutcome(status: .optimal, objective: value, bound: value)
        case GLP_FEAS:
            return IntegerOutcome(status: .timeLimit, objective: glp_mip_obj_val(problem), bound: bound.isFinite ? bound : nil)
        case GLP_NOFEAS:
            return IntegerOutcome(status: .infeasible, objective: nil, bound: nil)
        default:
            return IntegerOutcome(status: .timeLimit, objective: nil, bound: bound.isFinite ? bound : nil)
        }
    }

    /// The value of `variable` in the last solution of `solveInteger`.
    func integerValue(_ variable: Int) -> Double {
        precondition((0..<variableCount).contains(variable))
        return glp_mip_col_val(problem, Int32(variable + 1))
    }

    /// The reduced cost of `variable` in the last optimal solution of `solve`: its objective
    /// coefficient less what the constraints' dual values charge it.
    func reducedCost(_ variable: Int) -> Double {
        precondition((0..<variableCount).contains(variable))
        return glp_get_col_dual(problem, Int32(variable + 1))
    }

    /// The dual value of every constraint (in the order added) in the last optimal solution: what
    /// a unit more of its right-hand side is worth to the objective.
    var rowDuals: [Double] {
        rows.indices.map { glp_get_row_dual(problem, Int32($0 + 1)) }
    }

    /// The value of `variable` in the last optimal solution.
    func value(_ variable: Int) -> Double {
        precondition((0..<variableCount).contains(variable))
        return glp_get_col_prim(problem, Int32(variable + 1))
    }

    /// Frees all GLPK memory of the calling thread: call on a thread that ends, once every program
    /// made on it is freed.
    static func freeThreadMemory() {
        glp_free_env()
    }

    /// The milliseconds left before `deadline` (at least 1), nil without one; throws once it has passed.
    private func millisecondsLeft() throws(Failure) -> Int32? {
        guard let deadline else { return nil }
        let left = deadline.timeIntervalSinceNow
        guard left > 0 else { throw .timeLimit }
        return Int32(min(left * 1000, Double(Int32.max)).rounded(.up))
    }

    private func loadRows() {
        guard !loaded else { return }
        let existing = Int(glp_get_num_rows(problem))
        if rows.count > existing { glp_add_rows(problem, Int32(rows.count - existing)) }
        for (i, row) in rows.enumerated() where i >= existing {
            let r = Int32(i + 1)
            glp_set_row_bnds(problem, r, row.equality ? GLP_FX : GLP_UP, row.rhs, row.rhs)
            // GLPK arrays are 1-based: element 0 is ignored.
            var indices: [Int32] = [0] + row.indices
            var values: [Double] = [0] + row.values
            glp_set_mat_row(problem, r, Int32(row.indices.count), &indices, &values)
        }
        loaded = true
    }
}
