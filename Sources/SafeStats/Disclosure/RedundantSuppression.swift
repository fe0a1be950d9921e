/// The last step of protection: publishes again, one at a time and the dearest first
/// (`CostModel`), every cell that secondary suppression hid and protection turns out not to need:
/// by default those in groups of linked hidden cells of up to `defaultGroupLimit` cells, with
/// `export --thorough` all.
///
/// Secondary suppression protects one cell at a time, so a cell hidden early may be redundant once
/// later cells are hidden. Each candidate is tried against the attacker's programs of the audit
/// that passed, kept with the solutions they found (see `GroupBounds.publish`): it is published
/// if no hidden cell of its group becomes narrow, and stays hidden otherwise. Publishing only ever
/// shrinks the attacker's intervals and each step is decided exactly, so the release passes as it
/// did; the caller audits again the groups where something was published.
public enum RedundantSuppression {
    /// Groups of linked hidden cells up to this size are tried by default; larger ones (period
    /// atoms linking whole tables of a large register) only with `export --thorough`.
    public static let defaultGroupLimit = 2_000

    /// Which cells hidden to protect others are tried again.
    public enum Scope: Sendable {
        /// None: the heuristic's pattern as it is.
        case none
        /// Those in groups of linked hidden cells of up to `defaultGroupLimit` cells (the default).
        case smallGroups
        /// All (`export --thorough`).
        case allGroups

        /// The largest group whose cells are tried.
        var largestGroup: Int { self == .allGroups ? .max : self == .smallGroups ? defaultGroupLimit : 0 }
    }

    /// Publishes again those of `candidates` (secondary cells of `release`) that protection does
    /// not need. `groups` are the programs of the audit of `release` that passed under `rule`
    /// (`DisclosureAudit.init(_:rule:keeping:solutionsUpTo:)`); candidates in a group kept without
    /// its solutions are not tried. Returns how many were published, how many not tried, and the
    /// cells of the groups where some were published (the others are as they were).
    static func publishAgain(_ candidates: [Int], in release: inout CellUniverse, rule: ProtectionRule,
                             groups: [GroupBounds]) throws(DisclosureAudit.Failure) -> (published: Int, untried: Int, changed: Set<Int>) {
        var groups = groups
        var place: [Int: (group: Int, variable: Int)] = [:]
        for (g, group) in groups.enumerated() {
            for (k, cell) in group.cells.enumerated() { place[cell] = (g, k) }
        }
        let known = release.knownZeros()
        let weights = release.costWeights
        func price(_ j: Int) -> Double { Double(release.cells[j].value + 1) * weights[j] }
        var published = 0, untried = 0
        var changed = Set<Int>()
        for j in candidates.sorted(by: { (price($0), $0) > (price($1), $1) }) where release.cells[j].status == .secondary {
            let value = release.cells[j].value
            guard !release.rule(of: j, else: rule).isSmall(value) else { continue }
            if let (g, k) = place[j] {
                guard groups[g].keepsSolutions else {
                    untried += 1
                    continue
                }
                guard try groups[g].publish(k, at: Double(value)) else { continue }
                changed.formUnion(groups[g].cells)
            } else {
                // In no group: a cell the published zeros show to be 0 (publishing it tells nothing),
                // or one whose group was not handed over, which is not tried.
                guard known[j] else {
                    untried += 1
                    continue
                }
            }
            changed.insert(j)
            release.cells[j].status = .published
            published += 1
        }
        return (published, untried, changed)
    }
}
