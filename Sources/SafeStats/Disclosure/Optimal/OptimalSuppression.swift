import Foundation

/// Secondary suppression as a mixed-integer program (`export --optimal`): the cheapest pattern of
/// hidden cells, by `CostModel`, under which every primary cell, and every hidden cell an audit
/// finds narrow, can move by its protection width.
///
/// One binary x_j per cell that may be hidden (primary and unpublished cells are hidden, cells an
/// earlier release published stay published); minimise Σ_j (a_j + 1)·w_j·x_j. Protection enters
/// as cuts (Fischetti and Salazar-González 2001): for a pattern of the master program, `PatternRoom`
/// measures every protected cell's interval, and each cell narrower than its width p_i gives the
/// cut Σ_j c_j·x_j ≥ p_i·x_i, which every protecting pattern satisfies and this one does not. The
/// relaxation is cut first, then the master is solved with GLPK's branch and bound (to within
/// `Search.gap`), round after round. A pattern that leaves no cut violated is audited as an
/// outsider would audit it; hidden cells the audit finds narrow join the protected cells. A
/// pattern that passes is optimal, as every master optimum is a lower bound. A pattern that
/// violates cuts is repaired by the heuristic (`SecondarySuppression`, which only hides more), so
/// every round can give a better pattern to fall back on when the time runs out.
///
/// The model lets no cell move up by more than its count plus the largest width
/// (`PatternRoom.reach`), and asks every hidden cell it protects for the full width, even one that
/// could not hold a small count: its optimum can cost more than a pattern the audit would pass,
/// and its bound is a bound within the model. The heuristic's own pattern is computed first and
/// kept when nothing cheaper is found.
public enum OptimalSuppression {
    /// What the search found.
    public struct Outcome: Sendable, Equatable {
        /// The cost (`CostModel`) of the cells hidden beyond those hidden before suppression.
        public let cost: Double
        /// A proven lower bound on the cost of every pattern the model allows.
        public let lowerBound: Double
        /// The cost of the heuristic's pattern.
        public let heuristicCost: Double
        /// Whether the pattern returned is the heuristic's (nothing cheaper was found).
        public let fromHeuristic: Bool
        /// Whether the search ended before the time limit, with the model's optimum.
        public let finished: Bool
        /// Master programs solved (relaxations and branch and bounds), and cuts added.
        public let rounds: Int
        public let cuts: Int

        /// (cost − lower bound) / cost: how far above the optimum the pattern can be.
        public var gap: Double { cost > 0 ? max(0, cost - lowerBound) / cost : 0 }
        /// Whether the pattern is proven optimal (within the model, to within the branch and
        /// bound's relative gap `Search.gap`, 0.5%).
        public var proven: Bool { finished && !fromHeuristic && gap <= Search.gap + Tolerance.interval }

        /// One line for the data officer.
        public var summary: String {
            let costs = "cost \(Self.format(cost)), the heuristic's \(Self.format(heuristicCost))"
            if proven { return "optimal pattern, proven (to within 0.5%): \(costs) (\(rounds) rounds, \(cuts) cuts)" }
            if finished { return "the heuristic's pattern is kept: the optimal search's model asks more of hidden cells and costs more (\(costs))" }
            return "time limit reached after \(rounds) rounds: " + (fromHeuristic ? "the heuristic's pattern is kept, " : "the best pattern found, ")
                + "\(costs); at most \(String(format: "%.1f", gap * 100))% above the optimum"
        }

        private static func format(_ value: Double) -> String { String(format: "%.0f", value) }
    }

    /// Protects `release` (primary suppression applied) with the cheapest pattern found within
    /// `timeLimit` seconds; `rule` holds for cells without a rule of their own, `first` and
    /// `again` are passed to the heuristic whose pattern is the first to beat. Returns the
    /// outcome and the audit of the protected release (which passed).
    ///
    /// The time counts from the start, the heuristic's pattern included (it is always made: it is
    /// the pattern to fall back on). Every program the search solves stops at the deadline (GLPK's
    /// time limit is the time left), and so does the search, whatever it was doing: cutting, the
    /// branch and bound, or auditing a pattern (which is then not used). A pattern is repaired by
    /// the heuristic only while the time the heuristic took is left. With no time left
    /// (`timeLimit` 0) the result is the heuristic's pattern, not proven, after no round at all.
    public static func protectAndAudit(_ release: inout CellUniverse, rule: ProtectionRule, first: Set<Int> = [],
                                       again: RedundantSuppression.Scope = .smallGroups,
                                       timeLimit: Double) throws(DisclosureAudit.Failure) -> (outcome: Outcome, audit: DisclosureAudit) {
        let started = Date()
        let deadline = started.addingTimeInterval(timeLimit)
        var heuristic = release
        let heuristicAudit = try SecondarySuppression.protectAndAudit(&heuristic, rule: rule, first: first, again: again).audit
        var search = try Search(release, rule: rule, first: first, deadline: deadline, repairTime: -started.timeIntervalSinceNow)
        search.consider(heuristic, heuristicAudit)
        let heuristicCost = search.best!.cost
        let finished = try search.run()
        let best = search.best!
        release = best.release
        let fromHeuristic = best.cost >= heuristicCost - Tolerance.agreement && !(finished && search.optimal)
        return (Outcome(cost: best.cost, lowerBound: min(search.lowerBound, best.cost), heuristicCost: heuristicCost,
                        fromHeuristic: fromHeuristic, finished: finished, rounds: search.rounds, cuts: search.cuts), best.audit)
    }

    /// The cut loop over one release.
    struct Search {
        /// How close to its bound each branch and bound may stop (relative).
        static let gap = 0.005
        /// How many times the relaxation is cut before the branch and bound (in at most a quarter
        /// of the time allowed).
        static let relaxedRounds = 200

        let start: CellUniverse
        let rule: ProtectionRule
        let first: Set<Int>
        /// When the search stops, whatever it is doing.
        let deadline: Date
        /// How long the heuristic took: a pattern is repaired only while that much time is left.
        let repairTime: TimeInterval
        let master: LinearProgram
        let room: PatternRoom
        /// The cheapest protecting pattern seen, with its audit and cost.
        private(set) var best: (release: CellUniverse, audit: DisclosureAudit, cost: Double)?
        /// Whether `best` is the model's optimum (to within `gap`).
        private(set) var optimal = false
        private(set) var lowerBound = 0.0
        private(set) var rounds = 0
        private(set) var cuts = 0
        private var protected: [Int]
        private var isProtected: Set<Int>

        init(_ start: CellUniverse, rule: ProtectionRule, first: Set<Int>, deadline: Date = .distantFuture,
             repairTime: TimeInterval = 0) throws(DisclosureAudit.Failure) {
            self.start = start
            self.rule = rule
            self.first = first
            self.deadline = deadline
            self.repairTime = repairTime
            let n = start.cells.count
            master = LinearProgram(variableCount: n)
            master.deadline = deadline
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
            } catch { throw .solving(error) }
            room = try PatternRoom(release: start, rule: rule)
            room.deadline = deadline
            protected = start.cells.indices.filter { start.cells[$0].status == .primary && Double(start.rule(of: $0, else: rule).width) > 0 }
            isProtected = Set(protected)
        }

        /// Keeps `release` (a protecting pattern, `audit` passed) if it is the cheapest yet; returns
        /// its cost.
        @discardableResult
        mutating func consider(_ release: CellUniverse, _ audit: DisclosureAudit) -> Double {
            let cost = start.hidingCost(release.hiddenCells)
            if best == nil || cost < best!.cost - Tolerance.agreement { best = (release, audit, cost) }
            return cost
        }

        /// Cuts and solves until the model's optimum is found (true) or `deadline` passes (false):
        /// `best` is then the cheapest protecting pattern found, audited.
        mutating func run() throws(DisclosureAudit.Failure) -> Bool {
            do { return try cutAndSolve() } catch .timeLimit { return false }
        }

        private mutating func cutAndSolve() throws(DisclosureAudit.Failure) -> Bool {
            // The relaxation first: cuts at its fractional optima are cheap to find and spare the
            // branch and bound many rounds.
            let relaxedUntil = Date().addingTimeInterval(deadline.timeIntervalSinceNow / 4)
            for _ in 0..<Self.relaxedRounds where relaxedUntil.timeIntervalSinceNow > 0 {
                let outcome: LinearProgram.Outcome
                do { outcome = try master.solve(.minimise, warm: true, dual: true) } catch { throw .solving(error) }
                rounds += 1
                guard case .optimal(let value) = outcome else { throw .noPattern }
                lowerBound = max(lowerBound, value)
                let point = start.cells.indices.map { master.value($0) }
                try room.set(point)
                guard let added = try cut(protected, hidden: point, until: relaxedUntil), added > 0 else { break }
            }
            while true {
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return false }
                let outcome: LinearProgram.IntegerOutcome
                do { outcome = try master.solveInteger(.minimise, timeLimit: remaining, gap: Self.gap) } catch { throw .solving(error) }
                rounds += 1
                switch outcome.status {
                case .infeasible: throw .noPattern
                case .timeLimit:
                    lowerBound = max(lowerBound, outcome.bound ?? 0)
                    return false
                case .optimal: lowerBound = max(lowerBound, outcome.bound ?? 0)
                }
                let hidden = start.cells.indices.map { master.integerValue($0) > 0.5 ? 1.0 : 0.0 }
                try room.set(hidden)
                var release = start
                for j in release.cells.indices where hidden[j] > 0.5 && !release.cells[j].status.isSuppressed { release.cells[j].status = .secondary }
                var candidates = protected
                while true {
                    guard let added = try cut(candidates, hidden: hidden, until: deadline) else { throw .timeLimit }
                    if added > 0 {
                        // Not yet protecting: the heuristic hides what it lacks, for a pattern to
                        // fall back on, while there is time for it.
                        if deadline.timeIntervalSinceNow > repairTime {
                            var repaired = release
                            let audit = try SecondarySuppression.protectAndAudit(&repaired, rule: rule, first: first).audit
                            consider(repaired, audit)
                        }
                        break
                    }
                    var none: [GroupBounds]?
                    let audit = try DisclosureAudit(release, rule: rule, keeping: &none, deadline: deadline)
                    if audit.passed {
                        optimal = best!.cost >= consider(release, audit) - Tolerance.agreement
                        return true
                    }
                    guard audit.smallPublished.isEmpty else { throw .smallPublished(cells: audit.smallPublished) }
                    candidates = audit.narrow.filter { !isProtected.contains($0) }
                    guard !candidates.isEmpty else { throw .staysNarrow(cells: audit.narrow) }
                    protected += candidates
                    isProtected.formUnion(candidates)
                }
            }
        }

        /// Adds a cut to the master for each cell of `cells` that the pattern `hidden` (set in
        /// `room`; fractional in the relaxation) leaves narrower than its width times how far it
        /// hides the cell; returns how many, or nil when `until` passed before every cell was
        /// measured (the cuts found are kept).
        private mutating func cut(_ cells: [Int], hidden: [Double], until: Date) throws(DisclosureAudit.Failure) -> Int? {
            var added = 0
            defer { cuts += added }
            for i in cells where hidden[i] > Tolerance.agreement {
                guard until.timeIntervalSinceNow > 0 else { return nil }
                let p = Double(start.rule(of: i, else: rule).width)
                let (width, cut) = try room.room(of: i)
                guard width < p * hidden[i] - Tolerance.agreement else { continue }
                // Σ_j c_j·x_j ≥ p·x_i, as −Σ_j c_j·x_j + p·x_i ≤ 0.
                var terms = cut.mapValues { -$0 }
                terms[i, default: 0] += p
                do { try master.addAtMost(terms.sorted { $0.key < $1.key }.map { (variable: $0.key, coefficient: $0.value) }, 0) } catch {
                    throw .solving(error)
                }
                added += 1
            }
            return added
        }
    }
}
