/// The attacker's view of a release: for every suppressed cell, the smallest and largest value it
/// can take given every published cell, every additivity relation and non-negativity — two linear
/// programs per cell, solved with GLPK.
public struct DisclosureAudit: Sendable, Equatable {
    /// What an attacker can learn about one suppressed cell: every value from `lower` to `upper`
    /// agrees with everything published.
    public struct Interval: Sendable, Equatable {
        public let cell: Int
        public let lower: Double
        /// nil: no upper bound.
        public let upper: Double?
        /// Whether `lower` and `upper` are the attacker's exact minimum and maximum. When not, the
        /// cell was shown wide enough (or never below its threshold) by values it takes in
        /// solutions already found, and the exact bounds lie outside [lower, upper].
        public let exact: Bool

        /// upper − lower; infinite without an upper bound.
        public var width: Double { (upper ?? .infinity) - lower }
    }

    public let rule: ProtectionRule
    /// One interval per suppressed cell, in cell order.
    public let intervals: [Interval]
    /// Primary cells whose interval is narrower than the protection width (known only to whoever
    /// knows which cells are primary).
    public let exposed: [Int]
    /// Suppressed cells whose interval is narrower than the protection width and holds a small
    /// count (some value from 1 to t−1), so that it could pin one down. A cell known to be 0
    /// (interval below 1) reveals a zero, which is published anyway. From the published tables
    /// alone primary and secondary cells look the same, so this is the test an outsider can make;
    /// it includes every exposed primary cell (their value, from 1 to t−1, is in their interval).
    public let narrow: [Int]
    /// Published cells that hold a small count (1 … t−1).
    public let smallPublished: [Int]

    /// Whether the release is safe to publish.
    public var passed: Bool { narrow.isEmpty && smallPublished.isEmpty }

    /// Problems that stop an audit.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// A relation between published cells does not add up.
        case inconsistent(relation: Int)
        /// A relation names a cell that does not exist.
        case badReference(relation: Int)
        /// The solver failed.
        case solver(String)

        public var description: String {
            switch self {
            case .inconsistent(let r): return "relation \(r) (or one linked to it through hidden cells) cannot hold: the published table is inconsistent"
            case .badReference(let r): return "relation \(r) names a cell that is not in the release"
            case .solver(let s): return "the LP solver failed: \(s)"
            }
        }
    }

    /// Audits `release` under `rule` (for cells without a rule of their own). Only the values of
    /// published cells are read.
    ///
    /// The suppressed cells fall into independent groups (cells linked by relations); each group
    /// is one program, and each of its cells is minimised and maximised from the previous optimal
    /// basis.
    /// - Parameter exact: solve for the exact minimum and maximum of every cell, even where the
    ///   solutions already found show that the cell is not narrow (slower; same verdict).
    public init(_ release: Release, rule: ProtectionRule, exact: Bool = false) throws(Failure) {
        self.rule = rule
        let suppressed = release.cells.indices.filter { release.cells[$0].status.isSuppressed }
        smallPublished = release.cells.indices.filter {
            release.cells[$0].status == .published && release.rule(of: $0, else: rule).isSmall(release.cells[$0].value)
        }
        var variable = [Int: Int]()
        for (v, cell) in suppressed.enumerated() { variable[cell] = v }
        // Σ parts − total = 0 over suppressed cells, published cells moved to the right-hand side.
        var rows: [(terms: [(variable: Int, coefficient: Double)], rhs: Double, relation: Int)] = []
        var groups = UnionFind(count: suppressed.count)
        for (r, relation) in release.relations.enumerated() {
            guard release.cells.indices.contains(relation.total),
                  relation.parts.allSatisfy(release.cells.indices.contains) else { throw .badReference(relation: r) }
            var coefficients: [Int: Double] = [:]
            var rhs = 0.0
            for (cell, sign) in relation.parts.map({ ($0, 1.0) }) + [(relation.total, -1.0)] {
                if let v = variable[cell] {
                    coefficients[v, default: 0] += sign
                } else {
                    rhs -= sign * Double(release.cells[cell].value)
                }
            }
            let terms = coefficients.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }
            guard let first = terms.first else {
                guard rhs == 0 else { throw .inconsistent(relation: r) }
                continue
            }
            for t in terms.dropFirst() { groups.union(first.variable, t.variable) }
            rows.append((terms, rhs, r))
        }
        var members: [Int: [Int]] = [:]
        for v in suppressed.indices { members[groups.find(v), default: []].append(v) }
        var rowsOf: [Int: [Int]] = [:]
        for (k, row) in rows.enumerated() { rowsOf[groups.find(row.terms[0].variable), default: []].append(k) }
        var intervals: [Interval] = []
        for root in members.keys.sorted() {
            let group = members[root]!
            var local: [Int: Int] = [:]
            for (k, v) in group.enumerated() { local[v] = k }
            let lp = LinearProgram(variableCount: group.count)
            do {
                for k in rowsOf[root] ?? [] {
                    try lp.addEquality(rows[k].terms.map { (local[$0.variable]!, $0.coefficient) }, equals: rows[k].rhs)
                }
            } catch {
                throw .solver("\(error)")
            }
            // Every solution is a table the attacker cannot rule out: the smallest and largest value
            // each cell takes in the solutions found so far lie inside its interval. Two programs
            // over all cells start the collection; a cell already seen to move by its protection
            // width, or never below its threshold, needs no program of its own.
            var seenLow = [Double](repeating: .infinity, count: group.count)
            var seenHigh = [Double](repeating: -.infinity, count: group.count)
            func observe() {
                for k in group.indices {
                    let x = lp.value(k)
                    seenLow[k] = min(seenLow[k], x)
                    seenHigh[k] = max(seenHigh[k], x)
                }
            }
            func solve(_ direction: LinearProgram.Direction, _ objective: [(variable: Int, coefficient: Double)]) throws(Failure) -> LinearProgram.Outcome {
                do {
                    try lp.setObjective(objective)
                    let outcome = try lp.solve(direction, warm: true)
                    if case .optimal = outcome { observe() }
                    return outcome
                } catch {
                    throw .solver("\(error)")
                }
            }
            let all = group.indices.map { (variable: $0, coefficient: 1.0) }
            if try solve(.minimise, all) == .infeasible { throw .inconsistent(relation: rows[rowsOf[root]![0]].relation) }
            if !exact { _ = try solve(.maximise, all) }
            for (k, v) in group.enumerated() {
                let cell = suppressed[v]
                let cellRule = release.rule(of: cell, else: rule)
                let p = Double(cellRule.width) - 1e-9, t = Double(cellRule.threshold) - 1e-9
                if !exact && seenHigh[k] - seenLow[k] >= p {
                    intervals.append(Interval(cell: cell, lower: seenLow[k], upper: seenHigh[k], exact: false))
                    continue
                }
                var lower = 0.0
                if seenLow[k] > 1e-9 {
                    switch try solve(.minimise, [(k, 1)]) {
                    case .optimal(let value): lower = value
                    case .infeasible: throw .inconsistent(relation: rows[rowsOf[root]![0]].relation)
                    case .unbounded: throw .solver("cell \(cell): no minimum")
                    }
                }
                if !exact && (lower >= t || seenHigh[k] - lower >= p) {
                    intervals.append(Interval(cell: cell, lower: lower, upper: seenHigh[k], exact: false))
                    continue
                }
                switch try solve(.maximise, [(k, 1)]) {
                case .optimal(let upper): intervals.append(Interval(cell: cell, lower: lower, upper: upper, exact: true))
                case .unbounded: intervals.append(Interval(cell: cell, lower: lower, upper: nil, exact: true))
                case .infeasible: throw .solver("cell \(cell): infeasible")
                }
            }
        }
        intervals.sort { $0.cell < $1.cell }
        self.intervals = intervals
        func tooNarrow(_ interval: Interval) -> Bool {
            interval.width + 1e-9 < Double(release.rule(of: interval.cell, else: rule).width)
        }
        exposed = intervals.filter { release.cells[$0.cell].status == .primary && tooNarrow($0) }.map(\.cell)
        narrow = intervals.filter {
            tooNarrow($0) && $0.lower < Double(release.rule(of: $0.cell, else: rule).threshold) - 1e-9 && ($0.upper ?? .infinity) >= 1 - 1e-9
        }.map(\.cell)
    }
}
