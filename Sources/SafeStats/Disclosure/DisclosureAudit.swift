import Foundation

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
    /// Whether some group was solved in its reduced program (see `GroupProgram`): its ranges that
    /// are not exact can differ from those of an audit that does not reduce (the verdict cannot).
    let reduced: Bool

    /// Whether the release is safe to publish.
    public var passed: Bool { narrow.isEmpty && smallPublished.isEmpty }

    /// Problems that stop an audit.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// A relation between published cells does not add up.
        case inconsistent(relation: Int)
        /// A relation names a cell that does not exist.
        case badReference(relation: Int)
        /// The solver failed, or a program it solved does not agree with what it should: its
        /// message.
        case solver(String)
        /// No change of the release moves this cell by its width while keeping what must stay
        /// published (kept cells, values earlier releases published).
        case noChange(cell: Int)
        /// These hidden cells stay narrow, and no further cell can be hidden to widen them.
        case staysNarrow(cells: [Int])
        /// These published cells hold small counts (values an earlier release published that a
        /// stricter rule now calls small).
        case smallPublished(cells: [Int])
        /// No pattern of hidden cells protects every small count (the optimal search's model).
        case noPattern
        /// The deadline of a search with a time limit (the optimal search's) passed first.
        case timeLimit

        /// The failure of a program that `error` stopped: `timeLimit` when its deadline passed.
        static func solving(_ error: any Error) -> Failure {
            (error as? LinearProgram.Failure) == .timeLimit ? .timeLimit : .solver("\(error)")
        }

        public var description: String {
            switch self {
            case .inconsistent(let r): return "relation \(r) (or one linked to it through hidden cells) cannot hold: the published table is inconsistent"
            case .badReference(let r): return "relation \(r) names a cell that is not in the release"
            case .solver(let s): return "the LP solver failed: \(s)"
            case .noChange(let cell): return "no change of the release moves cell \(cell) by its protection width while the cells that must stay published stay"
            case .staysNarrow(let cells): return "cells \(cells) stay narrow with no further cell to hide"
            case .smallPublished(let cells): return "cells \(cells) are published and hold small counts"
            case .noPattern: return "no pattern of hidden cells protects every small count"
            case .timeLimit: return "the time limit passed"
            }
        }
    }

    /// Audits `release` under `rule` (for cells without a rule of their own). Only the values of
    /// published cells are read.
    ///
    /// Hidden cells that the published zeros force to 0 get [0, 0] without a program (see
    /// `CellUniverse.knownZeros`); the others fall into independent groups (cells linked by relations),
    /// each one program (see `GroupBounds`).
    /// - Parameter exact: solve for the exact minimum and maximum of every cell, even where the
    ///   solutions already found show that the cell is not narrow (slower; same verdict).
    /// - Parameter parallel: audit large groups with a second thread (see `GroupBounds`); the
    ///   verdict is the same.
    ///
    /// An exact audit solves the groups' reduced programs (see `GroupProgram`), as its intervals do
    /// not depend on the solutions found; one that is not solves them as they are, so that anyone
    /// recomputing it from the published tables gets the same ranges.
    public init(_ release: CellUniverse, rule: ProtectionRule, exact: Bool = false, parallel: Bool = true) throws(Failure) {
        var none: [GroupBounds]?
        try self.init(release, rule: rule, exact: exact, keeping: &none, reducing: exact, parallel: parallel)
    }

    /// The audit, with `kept` (when not nil) set to the programs of the groups audited, those of
    /// at most `solutionsUpTo` cells with every solution they found (for `RedundantSuppression`).
    /// With `reusing`, an audit of this release before cells of `changed` were published: a group
    /// of linked hidden cells that holds none of them is the same group with the same program,
    /// and keeps its intervals. With `reducing`, groups whose solutions are not kept are solved in
    /// their reduced programs (see `GroupProgram`). With `deadline`, the audit stops when it
    /// passes (`Failure.timeLimit`): between groups, and in the middle of a program.
    init(_ release: CellUniverse, rule: ProtectionRule, exact: Bool = false, keeping kept: inout [GroupBounds]?,
         solutionsUpTo largest: Int = .max, reusing previous: (audit: DisclosureAudit, changed: Set<Int>)? = nil,
         reducing: Bool = false, parallel: Bool = true, deadline: Date? = nil) throws(Failure) {
        self.rule = rule
        for (r, relation) in release.relations.enumerated() {
            guard release.cells.indices.contains(relation.total),
                  relation.parts.allSatisfy(release.cells.indices.contains) else { throw .badReference(relation: r) }
        }
        let known = release.knownZeros()
        smallPublished = release.smallPublished(rule: rule)
        let hidden = release.hiddenCells
        var intervals = hidden.filter { known[$0] }.map { Interval(cell: $0, lower: 0, upper: 0, exact: true) }
        let suppressed = hidden.filter { !known[$0] }
        var variable = [Int: Int]()
        for (v, cell) in suppressed.enumerated() { variable[cell] = v }
        // Σ parts − total = 0 over unknown cells, published cells (and known zeros) on the right.
        var rows: [(terms: [(variable: Int, coefficient: Double)], rhs: Double, relation: Int)] = []
        var groups = UnionFind(count: suppressed.count)
        for (r, relation) in release.relations.enumerated() {
            var coefficients: [Int: Double] = [:]
            var rhs = 0.0
            for (cell, sign) in relation.parts.map({ ($0, 1.0) }) + [(relation.total, -1.0)] {
                if let v = variable[cell] {
                    coefficients[v, default: 0] += sign
                } else if release.cells[cell].status == .published {
                    rhs -= sign * Double(release.cells[cell].value)
                }
            }
            let terms = coefficients.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }
            guard !terms.isEmpty else {
                guard rhs == 0 else { throw .inconsistent(relation: r) }
                continue
            }
            rows.append((terms, rhs, r))
        }
        // Rows that follow from the others (cubes sharing margins, periods and their atoms, rows
        // that published cells made alike) are left out: the same feasible set, smaller programs.
        // What their published values say is checked all the same.
        let basis = RowBasis.kept(rows.map { ($0.terms, $0.rhs) }, variableCount: suppressed.count)
        if let r = basis.contradiction { throw .inconsistent(relation: rows[r].relation) }
        rows = rows.indices.filter { basis.kept[$0] }.map { rows[$0] }
        for row in rows {
            for t in row.terms.dropFirst() { groups.union(row.terms[0].variable, t.variable) }
        }
        var members: [Int: [Int]] = [:]
        for v in suppressed.indices { members[groups.find(v), default: []].append(v) }
        var rowsOf: [Int: [Int]] = [:]
        for (k, row) in rows.enumerated() { rowsOf[groups.find(row.terms[0].variable), default: []].append(k) }
        let before = previous.map { Dictionary(uniqueKeysWithValues: $0.audit.intervals.map { ($0.cell, $0) }) }
        var reduced = previous?.audit.reduced ?? false
        for root in members.keys.sorted() {
            if let deadline, deadline.timeIntervalSinceNow <= 0 { throw .timeLimit }
            let group = members[root]!
            if let previous, let before, !group.contains(where: { previous.changed.contains(suppressed[$0]) }),
               case let reused = group.compactMap({ before[suppressed[$0]] }), reused.count == group.count {
                intervals += reused
                continue
            }
            var local: [Int: Int] = [:]
            for (k, v) in group.enumerated() { local[v] = k }
            let groupRows = rowsOf[root] ?? []
            var bounds = GroupBounds(
                cells: group.map { suppressed[$0] },
                rows: groupRows.map { k in (rows[k].terms.map { (local[$0.variable]!, $0.coefficient) }, rows[k].rhs) },
                rules: group.map { release.rule(of: suppressed[$0], else: rule) },
                relation: groupRows.first.map { rows[$0].relation } ?? 0,
                rowRelations: groupRows.map { rows[$0].relation },
                keepsSolutions: kept != nil && group.count <= largest, reducing: reducing, deadline: deadline)
            reduced = reduced || bounds.reduction != nil
            intervals += try bounds.intervals(exact: exact, parallel: parallel)
            kept?.append(bounds)
        }
        intervals.sort { $0.cell < $1.cell }
        self.intervals = intervals
        self.reduced = reduced
        func tooNarrow(_ interval: Interval) -> Bool {
            interval.width + Tolerance.interval < Double(release.rule(of: interval.cell, else: rule).width)
        }
        exposed = intervals.filter { release.cells[$0.cell].status == .primary && tooNarrow($0) }.map(\.cell)
        narrow = intervals.filter {
            tooNarrow($0) && $0.lower < Double(release.rule(of: $0.cell, else: rule).threshold) - Tolerance.interval && ($0.upper ?? .infinity) >= 1 - Tolerance.interval
        }.map(\.cell)
    }
}
