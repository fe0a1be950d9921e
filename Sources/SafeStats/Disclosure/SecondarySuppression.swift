/// Secondary suppression: hides further cells until every primary cell of a release can move by at
/// least the protection width without contradicting anything published.
///
/// For each primary cell i (in cell order) one linear program looks for the cheapest change
/// y of the table that keeps every relation (A·y = 0), raises cell i by p (y_i = p), keeps every
/// count non-negative (y_j ≥ −a_j) and touches published cells only at a price:
/// minimise Σ_j c_j·|y_j| with c_j = 0 for cells already suppressed and c_j = (a_j + 1)·w_j for
/// published ones (w_j = 1 for inner cells, 10 for cells that are totals, so totals go last).
/// Every cell the change touches is suppressed. The changed table a + y is then a second table
/// that agrees with everything published, so the attacker's interval for cell i holds both a_i
/// and a_i + p: it is at least p wide. Suppressions are only ever added, so the guarantee of
/// earlier cells survives later steps. (This is the incremental LP approach of Kelly, Golden and
/// Assad and of Fischetti and Salazar's heuristic, as in τ-ARGUS and sdcTable; the optimal
/// pattern would need a mixed-integer program.)
public enum SecondarySuppression {
    /// Adds secondary suppressions to `release`; primary suppression must have been applied.
    /// - Returns: the number of cells newly suppressed.
    @discardableResult
    public static func protect(_ release: inout Release, rule: ProtectionRule) throws(DisclosureAudit.Failure) -> Int {
        let n = release.cells.count
        let primary = release.cells.indices.filter { release.cells[$0].status == .primary }
        guard !primary.isEmpty, rule.width > 0 else { return 0 }
        var isTotal = [Bool](repeating: false, count: n)
        for (r, relation) in release.relations.enumerated() {
            guard relation.total >= 0 && relation.total < n, relation.parts.allSatisfy({ $0 >= 0 && $0 < n }) else {
                throw .badReference(relation: r)
            }
            isTotal[relation.total] = true
        }
        // Variables: up_j = j, down_j = n + j.
        let lp = LinearProgram(variableCount: 2 * n)
        do {
            for relation in release.relations {
                var terms: [Int: Double] = [:]
                for part in relation.parts { terms[part, default: 0] += 1 }
                terms[relation.total, default: 0] -= 1
                let row = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }
                guard !row.isEmpty else { continue }
                try lp.addEquality(row.flatMap { [($0.key, $0.value), (n + $0.key, -$0.value)] }, equals: 0)
            }
            for j in 0..<n { try lp.setBounds(n + j, lower: 0, upper: Double(release.cells[j].value)) }
        } catch {
            throw .solver("\(error)")
        }
        var added = 0
        for i in primary {
            let p = Double(rule.width)
            var objective: [(variable: Int, coefficient: Double)] = []
            for j in 0..<n where j != i {
                let cost = release.cells[j].status.isSuppressed ? 0 : Double(release.cells[j].value + 1) * (isTotal[j] ? 10 : 1)
                if cost > 0 { objective += [(j, cost), (n + j, cost)] }
            }
            do {
                try lp.setBounds(i, lower: p, upper: p)
                try lp.setBounds(n + i, lower: 0, upper: 0)
                try lp.setObjective(objective)
                guard case .optimal = try lp.solve(.minimise) else {
                    throw DisclosureAudit.Failure.solver("no protecting change for cell \(i)")
                }
                for j in 0..<n where j != i && !release.cells[j].status.isSuppressed {
                    if abs(lp.value(j) - lp.value(n + j)) > 1e-7 {
                        release.cells[j].status = .secondary
                        added += 1
                    }
                }
                try lp.setBounds(i, lower: 0, upper: nil)
                try lp.setBounds(n + i, lower: 0, upper: Double(release.cells[i].value))
            } catch let e as DisclosureAudit.Failure {
                throw e
            } catch {
                throw .solver("\(error)")
            }
        }
        return added
    }
}
