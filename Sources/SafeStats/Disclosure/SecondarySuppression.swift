/// Secondary suppression: hides further cells until every suppressed cell that could hold a small
/// count can move by at least the protection width without contradicting anything published.
///
/// For each cell i to protect (first every small count of the published tables; then each hidden
/// cell the audit finds narrow, in cell order, round after round until the audit passes), a
/// linear program looks for the cheapest change y of the release that
/// keeps every relation (A·y = 0), raises cell i by p (y_i = p), keeps every count non-negative
/// (y_j ≥ −a_j) and touches published cells only at a price: minimise Σ_j c_j·|y_j| with c_j = 0
/// for cells already hidden and c_j = (a_j + 1)·w_j for published ones (w_j = 1 for inner cells,
/// higher for margins and totals, see `CostModel`). Every cell the change touches is suppressed. The changed
/// release a + y then agrees with everything published, so the attacker's interval for cell i
/// holds both a_i and a_i + p: it is at least p wide. Suppressions are only ever added, so the
/// guarantee of earlier cells survives later steps. This is the incremental LP heuristic of Kelly,
/// Golden and Assad (1992) and Fischetti and Salazar-González (2000), the baseline of τ-ARGUS and
/// sdcTable; the optimal pattern would need a mixed-integer program.
///
/// The change is found block by block (a block is one table with its periods), which keeps each
/// program small; see `ChangeSearch`.
public enum SecondarySuppression {
    /// Where a long suppression has got to: the audit of round `round` found `narrow` cells to
    /// protect, with `added` cells suppressed so far.
    public struct Progress: Sendable {
        public let round: Int
        public let narrow: Int
        public let added: Int
    }

    /// Adds secondary suppressions to `release`; primary suppression must have been applied.
    /// `rule` holds for cells without a rule of their own; `progress` hears of every round.
    /// - Parameter first: cells to protect before the others (the cells of published tables): while
    ///   some of them are narrow, a round protects only those, as the cells they hide often widen
    ///   the unpublished cells around them (period atoms) enough.
    /// - Returns: the number of cells newly suppressed.
    /// - Parameter again: which cells hidden here are tried again at the end (see `protectAndAudit`).
    @discardableResult
    public static func protect(_ release: inout CellUniverse, rule: ProtectionRule, first: Set<Int> = [],
                               again: RedundantSuppression.Scope = .smallGroups,
                               progress: (Progress) -> Void = { _ in }) throws(DisclosureAudit.Failure) -> Int {
        try protectAndAudit(&release, rule: rule, first: first, again: again, progress: progress).added
    }

    /// `protect`, returning also the audit of the protected release (which passed) and how many
    /// cells hidden here were not tried again.
    ///
    /// At the end, cells hidden here that protection turns out not to need are published again
    /// (see `RedundantSuppression`): by default those in groups of linked hidden cells of up to
    /// `RedundantSuppression.defaultGroupLimit` cells (`again`; all of them is slower on large
    /// releases with overlapping periods).
    /// With `parallel`, large searches and audits use a second thread; the result is the same.
    /// With `fixedAreSent` (the cells kept published are all out already, none kept by choice), a
    /// cell they alone keep narrower than its width is protected as far as they allow (below);
    /// without, that is a failure (`noChange`).
    public static func protectAndAudit(_ release: inout CellUniverse, rule: ProtectionRule, first: Set<Int> = [],
                                       again: RedundantSuppression.Scope = .smallGroups, parallel: Bool = true, fixedAreSent: Bool = false,
                                       progress: (Progress) -> Void = { _ in }) throws(DisclosureAudit.Failure) -> (added: Int, audit: DisclosureAudit, untried: Int) {
        let primary = release.cells.indices.filter { release.cells[$0].status == .primary }
        guard !primary.isEmpty else { return (0, try DisclosureAudit(release, rule: rule, parallel: parallel), 0) }
        let search = try ChangeSearch(release: release, parallel: parallel)
        var added = 0
        // Every change found is a second release that agrees with everything published once the
        // cells it touches are hidden, and stays so as more cells are hidden: the attacker's
        // interval of each cell holds a_j + y_j for every such change y, and a_j. `reach` keeps
        // the smallest and largest y_j seen, so a cell already movable by p needs no program.
        var reach: [Int: (low: Double, high: Double)] = [:]
        var hiddenHere: [Int] = []
        func raise(_ i: Int) throws(DisclosureAudit.Failure) {
            let p = Double(release.rule(of: i, else: rule).width)
            guard p > 0 else { return }
            if let r = reach[i], r.high - r.low >= p - Tolerance.change { return }
            for change in try changes(widening: i, by: p) {
                for (j, y) in change {
                    if !release.cells[j].status.isSuppressed {
                        release.cells[j].status = .secondary
                        hiddenHere.append(j)
                        added += 1
                    }
                    let r = reach[j] ?? (0, 0)
                    reach[j] = (min(r.low, y), max(r.high, y))
                }
            }
        }
        // A change raising `i` by p; or, when values fixed by earlier releases keep it from going
        // up that far, one lowering it by f and one raising it by p − f, for the largest fall f
        // from its value (at most p) that a change allows: those values may also keep it from
        // going down to 0. Either way two releases that agree with everything published hold
        // values of `i` p apart. When no change moves `i` by p, the values fixed by earlier
        // releases alone keep it narrower (every other cell may move): nothing this release hides
        // widens it, and it is protected as far as they allow, its rule's width lowered to the
        // widest q they leave (see `ProtectedRelease.narrowedBySent`).
        func changes(widening i: Int, by p: Double) throws(DisclosureAudit.Failure) -> [[Int: Double]] {
            if let found = try changes(moving: i, by: p) { return found }
            guard fixedAreSent else { throw .noChange(cell: i) }
            var q = p - 1
            while q >= 1 {
                if let found = try changes(moving: i, by: q) {
                    lowerWidth(of: i, to: q)
                    return found
                }
                q -= 1
            }
            lowerWidth(of: i, to: 0)
            return []
        }
        var lowered = 0
        func lowerWidth(of i: Int, to width: Double) {
            lowered += 1
            if release.rules.isEmpty { release.rules = [ProtectionRule](repeating: rule, count: release.cells.count) }
            release.rules[i] = ProtectionRule(threshold: release.rules[i].threshold, width: Int(width))
        }
        // Changes that hold values of `i` p apart (see above), or nil when values fixed by earlier
        // releases allow none.
        func changes(moving i: Int, by p: Double) throws(DisclosureAudit.Failure) -> [[Int: Double]]? {
            do { return [try search.cheapestChange(raising: i, by: p, in: release)] } catch {
                guard case .noChange = error, !release.fixedPublished.isEmpty else { throw error }
                // The largest fall first: with a smaller one the rise it needs is larger still.
                var fall = min(Double(release.cells[i].value), p)
                while fall > 0 {
                    let down: [Int: Double]
                    do { down = try search.cheapestChange(raising: i, by: -fall, in: release) } catch .noChange {
                        fall -= 1
                        continue
                    }
                    // A smaller fall would need a larger rise still.
                    do { return fall < p ? [try search.cheapestChange(raising: i, by: p - fall, in: release), down] : [down] } catch .noChange { return nil }
                }
                return nil
            }
        }
        // First, before any audit, every small count of the published tables gets its change: with
        // nothing but small counts and unpublished cells hidden, nearly all of them are narrow (303
        // of 338 on the benchmark's 1,000 records with overlapping periods), and an audit to tell
        // which costs as much as protecting them all. A cell that an earlier change already moved
        // by p needs none; one for which no change exists is left to the audits.
        for i in first.sorted() where release.cells[i].status == .primary {
            do { try raise(i) } catch .noChange { continue }
        }
        // Then only the cells the audit finds narrow need a change of their own: a cell that the
        // cells hidden around it already let move by p is protected as it is. And as an outsider
        // cannot tell primary from secondary cells, every hidden cell whose interval is too narrow
        // and could hold a small count is protected the same way, until the audit passes.
        var round = 0
        while true {
            round += 1
            var groups: [GroupBounds]? = []
            let audit = try DisclosureAudit(release, rule: rule, keeping: &groups,
                                            solutionsUpTo: again.largestGroup, reducing: true, parallel: parallel)
            progress(Progress(round: round, narrow: audit.narrow.count, added: added))
            if audit.passed {
                guard let groups, !hiddenHere.isEmpty else { return (added, audit, 0) }
                let again = try RedundantSuppression.publishAgain(hiddenHere, in: &release, rule: rule, groups: groups)
                guard again.published > 0 else { return (added, audit, again.untried) }
                added -= again.published
                var none: [GroupBounds]?
                let final = try DisclosureAudit(release, rule: rule, keeping: &none, reusing: (audit, again.changed), reducing: true, parallel: parallel)
                return (added, final, again.untried)
            }
            guard audit.smallPublished.isEmpty else { throw .smallPublished(cells: audit.smallPublished) }
            let before = (added, lowered)
            let preferred = audit.narrow.filter(first.contains)
            for i in preferred.isEmpty ? audit.narrow : preferred { try raise(i) }
            // Each round must hide more (or lower the width of a cell that values fixed by earlier
            // releases keep narrower), or (through rounding) it would never end.
            guard added > before.0 || lowered > before.1 else { throw .staysNarrow(cells: audit.narrow) }
        }
    }
}
