/// The last step of thorough protection (`export --thorough`): publishes again, one at a time and
/// the dearest first (`CostModel`), every cell that secondary suppression hid and protection turns
/// out not to need.
///
/// Secondary suppression protects one cell at a time, so a cell hidden early may be redundant once
/// later cells are hidden. Each candidate is tried against the attacker's programs of the audit
/// that passed, kept with the solutions they found (see `GroupBounds.publish`): it is published
/// if no hidden cell of its group becomes narrow, and stays hidden otherwise. Publishing only ever
/// shrinks the attacker's intervals and each step is decided exactly, so the release passes as it
/// did; the caller audits it once more from scratch.
enum RedundantSuppression {
    /// Publishes again those of `candidates` (secondary cells of `release`) that protection does
    /// not need; returns how many. `groups` are the programs of the audit of `release` that passed
    /// under `rule`, with their solutions (`DisclosureAudit.init(_:rule:keeping:)`).
    static func publishAgain(_ candidates: [Int], in release: inout CellUniverse, rule: ProtectionRule,
                             groups: [GroupBounds]) throws(DisclosureAudit.Failure) -> Int {
        var groups = groups
        var place: [Int: (group: Int, variable: Int)] = [:]
        for (g, group) in groups.enumerated() {
            for (k, cell) in group.cells.enumerated() { place[cell] = (g, k) }
        }
        let weights = release.costWeights
        func price(_ j: Int) -> Double { Double(release.cells[j].value + 1) * weights[j] }
        var published = 0
        for j in candidates.sorted(by: { (price($0), $0) > (price($1), $1) }) where release.cells[j].status == .secondary {
            let value = release.cells[j].value
            guard !release.rule(of: j, else: rule).isSmall(value) else { continue }
            // A cell in no group is one the published zeros show to be 0: publishing it tells nothing.
            if let (g, k) = place[j] {
                guard try groups[g].publish(k, at: Double(value)) else { continue }
            }
            release.cells[j].status = .published
            published += 1
        }
        return published
    }
}
