import Foundation

/// Secondary suppression as a mixed-integer program (`export --optimal`): the cheapest pattern of
/// hidden cells, by `CostModel`, under which every primary cell, and every hidden cell an audit
/// finds narrow, can move by its protection width.
///
/// One binary x_j per cell that may be hidden (primary and unpublished cells are hidden, cells an
/// earlier release published stay published); minimise Σ_j (a_j + 1)·w_j·x_j. Protection enters
/// as cuts (Fischetti and Salazar-González 2001): the master program is solved with GLPK's branch
/// and bound; for its pattern, `PatternRoom` measures every protected cell's interval, and each
/// cell narrower than its width p_i gives the cut Σ_j c_j·x_j ≥ p_i·x_i, which every protecting
/// pattern satisfies and this one does not. When no cut is violated, the pattern is audited as an
/// outsider would audit it; hidden cells the audit finds narrow join the protected cells. A
/// pattern that passes is optimal, as every master optimum is a lower bound.
///
/// The model lets no cell move up by more than `PatternRoom.reach` (the largest count plus the
/// largest width) and asks every hidden cell it protects for the full width, even one that could
/// not hold a small count: its optimum can cost more than a pattern the audit would pass. The
/// heuristic's pattern (`SecondarySuppression`) is computed first and returned when the search
/// finds nothing cheaper in time.
public enum OptimalSuppression {
    /// What the search found.
    public struct Outcome: Sendable, Equatable {
        /// The cost (`CostModel`) of the cells hidden beyond those hidden before suppression.
        public let cost: Double
        /// A proven lower bound on the cost of every pattern the model allows.
        public let lowerBound: Double
        /// The cost of the heuristic's pattern.
        public let heuristicCost: Double
        /// Whether the pattern returned is the heuristic's (nothing cheaper was found in time).
        public let fromHeuristic: Bool
        /// Whether the search ended before the time limit, with the model's optimum.
        public let finished: Bool
        /// Master programs solved, and cuts added.
        public let rounds: Int
        public let cuts: Int

        /// (cost − lower bound) / cost: 0 for a pattern proven optimal.
        public var gap: Double { cost > 0 ? max(0, cost - lowerBound) / cost : 0 }
        /// Whether the pattern is proven optimal (within the model).
        public var proven: Bool { finished && gap <= 1e-9 }
    }

    /// Protects `release` (primary suppression applied) with the cheapest pattern found within
    /// `timeLimit` seconds; `rule` holds for cells without a rule of their own, `first` is passed to
    /// the heuristic. Returns the outcome and the audit of the protected release (which passed).
    public static func protectAndAudit(_ release: inout Release, rule: ProtectionRule, first: Set<Int> = [],
                                       timeLimit: Double) throws(DisclosureAudit.Failure) -> (outcome: Outcome, audit: DisclosureAudit) {
        let deadline = Date().addingTimeInterval(timeLimit)
        let start = release
        var heuristic = release
        let heuristicAudit = try SecondarySuppression.protectAndAudit(&heuristic, rule: rule, first: first).audit
        let heuristicCost = start.hidingCost(heuristic.cells.indices.filter { heuristic.cells[$0].status.isSuppressed })
        let search = try Search(start, rule: rule)
        let found = try search.run(until: deadline)
        if let (pattern, audit) = found.pattern {
            let cost = start.hidingCost(pattern.cells.indices.filter { pattern.cells[$0].status.isSuppressed })
            if cost <= heuristicCost + PatternRoom.tolerance {
                release = pattern
                return (Outcome(cost: cost, lowerBound: min(found.lowerBound, cost), heuristicCost: heuristicCost, fromHeuristic: false,
                                finished: true, rounds: found.rounds, cuts: found.cuts), audit)
            }
        }
        release = heuristic
        return (Outcome(cost: heuristicCost, lowerBound: min(found.lowerBound, heuristicCost), heuristicCost: heuristicCost, fromHeuristic: true,
                        finished: found.pattern != nil, rounds: found.rounds, cuts: found.cuts), heuristicAudit)
    }

    /// The cut loop over one release.
    private struct Search {
        let start: Release
        let rule: ProtectionRule
        let master: LinearProgram
        let room: PatternRoom

        init(_ start: Release, rule: ProtectionRule) throws(DisclosureAudit.Failure) {
            self.start = start
            self.rule = rule
            let n = start.cells.count
            master = LinearProgram(variableCount: n)
            let weights = start.costWeights
            do {
                for j in 0..<n {
                    if start.cells[j].status.isSuppressed {
                        try master.setBounds(j, lower: 1, upper: 1)
                    } else if start.fixedPublished.contains(j) {
                        try master.setBounds(j, lower: 0, upper: 0)
                    } else {
                        try master.setBinary(j)
                    }
                }
                try master.setObjective((0..<n).filter { !start.cells[$0].status.isSuppressed }
                    .map { (variable: $0, coefficient: Double(start.cells[$0].value + 1) * weights[$0]) })
            } catch { throw .solver("\(error)") }
            room = try PatternRoom(release: start, rule: rule)
        }

        /// The pattern found (the release with its statuses, and its audit) unless the time ran out,
        /// the best lower bound proven, and the rounds and cuts it took.
        func run(until deadline: Date) throws(DisclosureAudit.Failure) -> (pattern: (Release, DisclosureAudit)?, lowerBound: Double, rounds: Int, cuts: Int) {
            var protected = start.cells.indices.filter { start.cells[$0].status == .primary && width($0) > 0 }
            var isProtected = Set(protected)
            var lowerBound = 0.0, rounds = 0, cuts = 0
            while true {
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return (nil, lowerBound, rounds, cuts) }
                rounds += 1
                let outcome: LinearProgram.IntegerOutcome
                do { outcome = try master.solveInteger(.minimise, timeLimit: remaining) } catch { throw .solver("\(error)") }
                switch outcome.status {
                case .infeasible: throw .solver("no pattern of hidden cells protects every small count")
                case .timeLimit: return (nil, max(lowerBound, outcome.bound ?? 0), rounds, cuts)
                case .optimal: lowerBound = max(lowerBound, outcome.objective ?? 0)
                }
                let hidden = start.cells.indices.map { master.integerValue($0) > 0.5 }
                try room.set(hidden)
                var candidates = protected
                while true {
                    let added = try cut(candidates, hidden: hidden)
                    cuts += added
                    if added > 0 { break }
                    var release = start
                    for j in release.cells.indices where hidden[j] && !release.cells[j].status.isSuppressed { release.cells[j].status = .secondary }
                    let audit = try DisclosureAudit(release, rule: rule)
                    if audit.passed { return ((release, audit), lowerBound, rounds, cuts) }
                    guard audit.smallPublished.isEmpty else { throw .solver("a small count is published") }
                    candidates = audit.narrow.filter { !isProtected.contains($0) }
                    guard !candidates.isEmpty else { throw .solver("cells \(audit.narrow) stay narrow under a pattern that protects them") }
                    protected += candidates
                    isProtected.formUnion(candidates)
                }
            }
        }

        private func width(_ i: Int) -> Double { Double(start.rule(of: i, else: rule).width) }

        /// Adds a cut to the master for each cell of `cells` that the pattern `hidden` hides and
        /// leaves narrower than its width; returns how many.
        private func cut(_ cells: [Int], hidden: [Bool]) throws(DisclosureAudit.Failure) -> Int {
            var added = 0
            for i in cells where hidden[i] {
                let p = width(i)
                let (width, cut) = try room.room(of: i)
                guard width < p - PatternRoom.tolerance else { continue }
                // Σ_j c_j·x_j ≥ p·x_i, as −Σ_j c_j·x_j + p·x_i ≤ 0.
                var terms = cut.mapValues { -$0 }
                terms[i, default: 0] += p
                do { try master.addAtMost(terms.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }, 0) } catch {
                    throw .solver("\(error)")
                }
                added += 1
            }
            return added
        }
    }
}
