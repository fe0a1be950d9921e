/// The attacker's view of a release: for every suppressed cell, the smallest and largest value it
/// can take given every published cell, every additivity relation and non-negativity — two linear
/// programs per cell, solved with GLPK.
public struct DisclosureAudit: Sendable, Equatable {
    /// What an attacker can learn about one suppressed cell.
    public struct Interval: Sendable, Equatable {
        public let cell: Int
        public let lower: Double
        /// nil: no upper bound.
        public let upper: Double?

        /// upper − lower; infinite without an upper bound.
        public var width: Double { (upper ?? .infinity) - lower }
    }

    public let rule: ProtectionRule
    /// One interval per suppressed cell, in cell order.
    public let intervals: [Interval]
    /// Primary cells whose interval is narrower than the protection width.
    public let exposed: [Int]
    /// Published cells that hold a small count (1 … t−1).
    public let smallPublished: [Int]

    /// Whether the release is safe to publish.
    public var passed: Bool { exposed.isEmpty && smallPublished.isEmpty }

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
            case .inconsistent(let r): return "relation \(r) does not add up: the published table is inconsistent"
            case .badReference(let r): return "relation \(r) names a cell that is not in the release"
            case .solver(let s): return "the LP solver failed: \(s)"
            }
        }
    }

    /// Audits `release` under `rule`.
    public init(_ release: Release, rule: ProtectionRule) throws(Failure) {
        self.rule = rule
        let suppressed = release.cells.indices.filter { release.cells[$0].status.isSuppressed }
        smallPublished = release.cells.indices.filter {
            release.cells[$0].status == .published && rule.isSmall(release.cells[$0].value)
        }
        var variable = [Int: Int]()
        for (v, cell) in suppressed.enumerated() { variable[cell] = v }
        guard !suppressed.isEmpty else {
            intervals = []
            exposed = []
            try Self.checkPublishedRelations(release)
            return
        }
        let lp = LinearProgram(variableCount: suppressed.count)
        for (r, relation) in release.relations.enumerated() {
            guard release.cells.indices.contains(relation.total),
                  relation.parts.allSatisfy(release.cells.indices.contains) else { throw .badReference(relation: r) }
            // Σ parts − total = 0, with published cells moved to the right-hand side.
            var terms: [(variable: Int, coefficient: Double)] = []
            var rhs = 0.0
            for (cell, sign) in relation.parts.map({ ($0, 1.0) }) + [(relation.total, -1.0)] {
                if let v = variable[cell] {
                    if let k = terms.firstIndex(where: { $0.variable == v }) {
                        terms[k].coefficient += sign
                    } else {
                        terms.append((v, sign))
                    }
                } else {
                    rhs -= sign * Double(release.cells[cell].value)
                }
            }
            terms.removeAll { $0.coefficient == 0 }
            if terms.isEmpty {
                guard rhs == 0 else { throw .inconsistent(relation: r) }
                continue
            }
            do { try lp.addEquality(terms, equals: rhs) } catch { throw .solver("\(error)") }
        }
        var intervals: [Interval] = []
        for (v, cell) in suppressed.enumerated() {
            let low: LinearProgram.Outcome, high: LinearProgram.Outcome
            do {
                low = try lp.optimise(v, .minimise)
                high = try lp.optimise(v, .maximise)
            } catch {
                throw .solver("\(error)")
            }
            guard case .optimal(let lower) = low else { throw .solver("cell \(cell): no minimum (\(low))") }
            switch high {
            case .optimal(let upper): intervals.append(Interval(cell: cell, lower: lower, upper: upper))
            case .unbounded: intervals.append(Interval(cell: cell, lower: lower, upper: nil))
            case .infeasible: throw .solver("cell \(cell): infeasible")
            }
        }
        self.intervals = intervals
        // The guarantee is for primary cells (DESIGN.md); secondary cells hold no small count.
        exposed = intervals.filter {
            release.cells[$0.cell].status == .primary && $0.width + 1e-9 < Double(rule.width)
        }.map(\.cell)
    }

    private static func checkPublishedRelations(_ release: Release) throws(Failure) {
        for (r, relation) in release.relations.enumerated() {
            guard release.cells.indices.contains(relation.total),
                  relation.parts.allSatisfy(release.cells.indices.contains) else { throw .badReference(relation: r) }
            let sum = relation.parts.reduce(0) { $0 + release.cells[$1].value }
            guard sum == release.cells[relation.total].value else { throw .inconsistent(relation: r) }
        }
    }
}
