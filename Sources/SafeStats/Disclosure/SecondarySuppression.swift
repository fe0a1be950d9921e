/// Secondary suppression: hides further cells until every primary cell of a release can move by at
/// least the protection width without contradicting anything published.
///
/// For each primary cell i (in cell order) one linear program looks for the cheapest change
/// y of the table that keeps every relation (A·y = 0), raises cell i by p (y_i = p), keeps every
/// count non-negative (y_j ≥ −a_j) and touches published cells only at a price:
/// minimise Σ_j c_j·|y_j| with c_j = 0 for cells already hidden and c_j = (a_j + 1)·w_j for
/// published ones (w_j = 1 for inner cells, 10 for cells that are totals, so totals go last).
/// Every cell the change touches is suppressed. The changed table a + y is then a second table
/// that agrees with everything published, so the attacker's interval for cell i holds both a_i
/// and a_i + p: it is at least p wide. Suppressions are only ever added, so the guarantee of
/// earlier cells survives later steps. (This is the incremental LP approach of Kelly, Golden and
/// Assad and of Fischetti and Salazar's heuristic, as in τ-ARGUS and sdcTable; the optimal
/// pattern would need a mixed-integer program.)
///
/// To keep the programs small, the change is first sought inside the table (block) of cell i, with
/// every cell the block shares with other tables held fixed (y = 0): such a change is still a
/// change of the whole release, so the guarantee is the same. Only when no such change exists is
/// it sought over all the tables that contain cell i, and then over the whole release.
public enum SecondarySuppression {
    /// Adds secondary suppressions to `release`; primary suppression must have been applied.
    /// - Returns: the number of cells newly suppressed.
    @discardableResult
    public static func protect(_ release: inout Release, rule: ProtectionRule) throws(DisclosureAudit.Failure) -> Int {
        let n = release.cells.count
        let primary = release.cells.indices.filter { release.cells[$0].status == .primary }
        guard !primary.isEmpty, rule.width > 0 else { return 0 }
        var isTotal = [Bool](repeating: false, count: n)
        var relationsOf = [[Int]](repeating: [], count: n)
        for (r, relation) in release.relations.enumerated() {
            guard relation.total >= 0 && relation.total < n, relation.parts.allSatisfy({ $0 >= 0 && $0 < n }) else {
                throw .badReference(relation: r)
            }
            isTotal[relation.total] = true
            for c in Set(relation.parts + [relation.total]) { relationsOf[c].append(r) }
        }
        var blocksOf = [[Int]](repeating: [], count: n)
        for (b, block) in release.blocks.enumerated() { for c in Set(block) { blocksOf[c].append(b) } }
        var cache: [[Int]: Region] = [:]
        func region(_ cells: [Int]) throws(DisclosureAudit.Failure) -> Region {
            let key = cells
            if let r = cache[key] { return r }
            let r = try Region(cells: cells, release: release, relationsOf: relationsOf)
            cache[key] = r
            return r
        }
        var added = 0
        for i in primary {
            let ownBlocks = blocksOf[i].sorted { release.blocks[$0].count < release.blocks[$1].count }
            var candidates: [[Int]] = []
            if let smallest = ownBlocks.first { candidates.append(Set(release.blocks[smallest]).sorted()) }
            if ownBlocks.count > 1 { candidates.append(Set(ownBlocks.flatMap { release.blocks[$0] }).sorted()) }
            candidates.append(Array(0..<n))
            var done = false
            for cells in candidates where !done {
                let r = try region(cells)
                guard let touched = try r.cheapestChange(raising: i, by: Double(rule.width), release: release, isTotal: isTotal) else {
                    continue
                }
                for j in touched where !release.cells[j].status.isSuppressed {
                    release.cells[j].status = .secondary
                    added += 1
                }
                done = true
            }
            guard done else { throw .solver("no protecting change for cell \(i)") }
        }
        return added
    }
}

/// One linear program over a set of cells: the relations among them, with the cells that also
/// appear in relations outside the set held fixed.
private final class Region {
    let cells: [Int]
    let local: [Int: Int]
    let fixed: Set<Int>
    let lp: LinearProgram

    init(cells: [Int], release: Release, relationsOf: [[Int]]) throws(DisclosureAudit.Failure) {
        self.cells = cells
        var local: [Int: Int] = [:]
        for (k, c) in cells.enumerated() { local[c] = k }
        self.local = local
        let m = cells.count
        var inside = Set<Int>()
        var fixed = Set<Int>()
        for c in cells {
            for r in relationsOf[c] {
                let relation = release.relations[r]
                if local[relation.total] != nil && relation.parts.allSatisfy({ local[$0] != nil }) {
                    inside.insert(r)
                } else {
                    fixed.insert(c)
                }
            }
        }
        self.fixed = fixed
        // Variables: up_k = k, down_k = m + k.
        lp = LinearProgram(variableCount: 2 * m)
        do {
            for r in inside.sorted() {
                let relation = release.relations[r]
                var terms: [Int: Double] = [:]
                for part in relation.parts { terms[local[part]!, default: 0] += 1 }
                terms[local[relation.total]!, default: 0] -= 1
                let row = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }
                guard !row.isEmpty else { continue }
                try lp.addEquality(row.flatMap { [($0.key, $0.value), (m + $0.key, -$0.value)] }, equals: 0)
            }
            for (k, c) in cells.enumerated() {
                if fixed.contains(c) {
                    try lp.setBounds(k, lower: 0, upper: 0)
                    try lp.setBounds(m + k, lower: 0, upper: 0)
                } else {
                    try lp.setBounds(m + k, lower: 0, upper: Double(release.cells[c].value))
                }
            }
        } catch {
            throw .solver("\(error)")
        }
    }

    /// The cells touched by the cheapest change that raises cell `i` by `p`; nil if no change
    /// within this region can.
    func cheapestChange(raising i: Int, by p: Double, release: Release, isTotal: [Bool]) throws(DisclosureAudit.Failure) -> [Int]? {
        guard let k = local[i], !fixed.contains(i) else { return nil }
        let m = cells.count
        var objective: [(variable: Int, coefficient: Double)] = []
        for (j, c) in cells.enumerated() where j != k && !fixed.contains(c) && !release.cells[c].status.isSuppressed {
            let cost = Double(release.cells[c].value + 1) * (isTotal[c] ? 10 : 1)
            objective += [(j, cost), (m + j, cost)]
        }
        do {
            try lp.setBounds(k, lower: p, upper: p)
            try lp.setBounds(m + k, lower: 0, upper: 0)
            defer {
                try? lp.setBounds(k, lower: 0, upper: nil)
                try? lp.setBounds(m + k, lower: 0, upper: Double(release.cells[i].value))
            }
            try lp.setObjective(objective)
            guard case .optimal = try lp.solve(.minimise) else { return nil }
            return cells.indices.filter { $0 != k && abs(lp.value($0) - lp.value(m + $0)) > 1e-7 }.map { cells[$0] }
        } catch {
            throw .solver("\(error)")
        }
    }
}
