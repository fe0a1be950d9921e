import Foundation

/// How far the attacker can move each cell under one pattern of hidden cells, and the cut that
/// says so for every pattern. A pattern may be fractional (a point of the master's relaxation):
/// x_j in 0...1 scales cell j's room.
///
/// For a pattern x (x_j = 1 for a hidden cell) the program is: the largest change y of the release
/// raising (or lowering) cell i that keeps every relation (A·y = 0), every count non-negative and
/// every published cell where it is, with no cell moving up by more than its value plus the
/// largest protection width: −a_j·x_j ≤ y_j ≤ (a_j + p)·x_j. The most it can raise i plus the most
/// it can lower i is the width of the attacker's interval of i (within that reach). By LP duality, with d the reduced costs at
/// the optimum, Σ_j (max(d_j, 0)·(a_j + p) + max(−d_j, 0)·a_j)·x_j bounds that change for every
/// pattern x and equals it at this one (Fischetti and Salazar-González's capacity constraints).
final class PatternRoom {
    private let lp: LinearProgram
    private let values: [Double]
    private var pattern: [Double]
    /// How far up each cell may move in a change: its count plus the largest protection width
    /// (bounds the attacker may know anyway; the room they leave is what the cuts can use).
    let reach: [Double]
    /// When set, no program runs past it (`DisclosureAudit.Failure.timeLimit`).
    var deadline: Date? {
        get { lp.deadline }
        set { lp.deadline = newValue }
    }

    init(release: CellUniverse, rule: ProtectionRule) throws(DisclosureAudit.Failure) {
        let n = release.cells.count
        values = release.cells.map { Double($0.value) }
        let width = Double(release.cells.indices.map { release.rule(of: $0, else: rule).width }.max() ?? 0)
        reach = values.map { $0 + width }
        pattern = [Double](repeating: 0, count: n)
        lp = LinearProgram(variableCount: n)
        do {
            for relation in release.relations {
                var terms: [Int: Double] = [relation.total: -1]
                for part in relation.parts { terms[part, default: 0] += 1 }
                let row = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }
                if !row.isEmpty { try lp.addEquality(row, equals: 0) }
            }
            for j in 0..<n { try lp.setBounds(j, lower: 0, upper: 0) }
        } catch { throw .solving(error) }
    }

    /// Sets the pattern: `hidden[j]` how far cell j is hidden (1 hidden, 0 published).
    func set(_ hidden: [Double]) throws(DisclosureAudit.Failure) {
        precondition(hidden.count == pattern.count)
        do {
            for j in hidden.indices where hidden[j] != pattern[j] {
                let x = min(max(hidden[j], 0), 1)
                try lp.setBounds(j, lower: -values[j] * x, upper: reach[j] * x)
            }
        } catch { throw .solving(error) }
        pattern = hidden.map { min(max($0, 0), 1) }
    }

    /// Sets a pattern of hidden cells.
    func set(_ hidden: [Bool]) throws(DisclosureAudit.Failure) {
        try set(hidden.map { $0 ? 1.0 : 0.0 })
    }

    /// The width of the attacker's interval of cell `i` under the pattern set, and the cut: a
    /// coefficient c_j ≥ 0 per cell such that Σ_j c_j·x_j is at least that width for every pattern
    /// x, and equal to it for the pattern set.
    func room(of i: Int) throws(DisclosureAudit.Failure) -> (width: Double, cut: [Int: Double]) {
        var width = 0.0
        var cut: [Int: Double] = [:]
        for sign in [1.0, -1.0] {
            let most: Double
            do {
                try lp.setObjective([(i, sign)])
                switch try lp.solve(.maximise, warm: true) {
                case .optimal(let value): most = value
                case .unbounded: throw DisclosureAudit.Failure.solver("cell \(i) moves without bound under a bounded program")
                case .infeasible: throw DisclosureAudit.Failure.solver("the release's relations do not hold")
                }
            } catch let failure as DisclosureAudit.Failure {
                throw failure
            } catch {
                throw .solving(error)
            }
            var bound = 0.0
            for j in values.indices {
                let d = lp.reducedCost(j)
                let c = max(d, 0) * reach[j] + max(-d, 0) * values[j]
                guard c > Tolerance.agreement else { continue }
                cut[j, default: 0] += c
                bound += c * pattern[j]
            }
            // The cut must be tight at this pattern, or the duals were not read as meant.
            guard abs(bound - most) <= Tolerance.agreement * max(1, abs(most)) else {
                throw .solver("the cut for cell \(i) does not match its program (\(bound) against \(most))")
            }
            width += most
        }
        return (width, cut)
    }
}
