/// The last step of thorough protection (`export --thorough`): publishes again, one at a time and
/// the dearest first (`CostModel`), every cell that secondary suppression hid and protection turns
/// out not to need.
///
/// Secondary suppression protects one cell at a time, so a cell hidden early may be redundant once
/// later cells are hidden. For each candidate, the cell is published and the groups of linked
/// hidden cells around it are audited again; if they still pass, it stays published, else it is
/// hidden again. Publishing only ever shrinks the attacker's intervals, and each step is audited,
/// so the release passes at the end as it did at the start. One audit per candidate: cheap on a
/// small release, slow where period atoms link everything into one large group.
enum RedundantSuppression {
    /// Publishes again those of `candidates` (secondary cells of `release`, which passes its audit
    /// under `rule`) that protection does not need; returns how many.
    static func publishAgain(_ candidates: [Int], in release: inout CellUniverse, rule: ProtectionRule) throws(DisclosureAudit.Failure) -> Int {
        let weights = release.costWeights
        var relationsOf = [[Int]](repeating: [], count: release.cells.count)
        for (r, relation) in release.relations.enumerated() {
            for c in relation.parts + [relation.total] { relationsOf[c].append(r) }
        }
        func price(_ j: Int) -> Double { Double(release.cells[j].value + 1) * weights[j] }
        var published = 0
        for j in candidates.sorted(by: { (price($0), $0) > (price($1), $1) }) where release.cells[j].status == .secondary {
            release.cells[j].status = .published
            // Only the groups that held j can change: those of the hidden cells it shares a relation with.
            var around = Set<Int>()
            for r in relationsOf[j] {
                for c in release.relations[r].parts + [release.relations[r].total] where release.cells[c].status.isSuppressed { around.insert(c) }
            }
            if try DisclosureAudit(release, rule: rule, groupsOf: around).passed {
                published += 1
            } else {
                release.cells[j].status = .secondary
            }
        }
        return published
    }
}
