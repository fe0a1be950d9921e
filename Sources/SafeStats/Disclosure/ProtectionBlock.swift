/// One linear program over a block of cells: the relations that lie wholly inside it, a change
/// y_c = up_c − down_c per cell, with any cell's change fixed on request.
final class ProtectionBlock {
    let cells: [Int]
    private let shared: [Bool]
    private let lp: LinearProgram
    /// The counts of `cells`: how far each can go down.
    private let values: [Double]

    var size: Int { cells.count }

    /// - Parameter isShared: whether a cell also belongs to another block.
    init(cells: [Int], release: CellUniverse, isShared: (Int) -> Bool) throws(DisclosureAudit.Failure) {
        self.cells = cells
        values = cells.map { Double(release.cells[$0].value) }
        shared = cells.map(isShared)
        var local: [Int: Int] = [:]
        for (k, c) in cells.enumerated() { local[c] = k }
        let m = cells.count
        // Variables: up_k = k, down_k = m + k.
        lp = LinearProgram(variableCount: 2 * m)
        do {
            for relation in release.relations {
                guard let total = local[relation.total] else { continue }
                var terms: [Int: Double] = [total: -1]
                var inside = true
                for part in relation.parts {
                    guard let k = local[part] else {
                        inside = false
                        break
                    }
                    terms[k, default: 0] += 1
                }
                guard inside else { continue }
                let row = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }
                guard !row.isEmpty else { continue }
                try lp.addEquality(row.flatMap { [($0.key, $0.value), (m + $0.key, -$0.value)] }, equals: 0)
            }
            for k in cells.indices {
                try lp.setBounds(m + k, lower: 0, upper: values[k])
            }
        } catch {
            throw .solver("\(error)")
        }
    }

    func contains(_ cell: Int) -> Bool {
        cells.binarySearchIndex(of: cell) != nil
    }

    func isShared(_ cell: Int) -> Bool {
        guard let k = cells.binarySearchIndex(of: cell) else { return false }
        return shared[k]
    }

    /// The cheapest change of this block with the given cells' changes fixed, as cell → change
    /// for every cell of the block; nil if no change fits.
    ///
    /// Cells in `current.fixedPublished` do not change. Prices per unit of change are those of
    /// `CostModel`: published cells (value + 1) × their weight (`weights`, by cell), more when shared
    /// with other blocks.
    func cheapestChange(fixed: [Int: Double], in current: CellUniverse, weights: [Double]) throws(DisclosureAudit.Failure) -> [Int: Double]? {
        let m = cells.count
        var objective: [(variable: Int, coefficient: Double)] = []
        var fixedHere: [Int] = []
        do {
            for (k, c) in cells.enumerated() {
                // A value published in an earlier release cannot be moved: it is out.
                if let value = fixed[c] ?? (current.fixedPublished.contains(c) ? 0 : nil) {
                    try lp.setBounds(k, lower: max(value, 0), upper: max(value, 0))
                    try lp.setBounds(m + k, lower: max(-value, 0), upper: max(-value, 0))
                    fixedHere.append(k)
                    continue
                }
                let cost: Double
                if current.cells[c].status.isSuppressed {
                    cost = shared[k] ? CostModel.hiddenShared : CostModel.hidden
                } else {
                    cost = Double(current.cells[c].value + 1) * weights[c] * (shared[k] ? CostModel.sharedFactor : 1)
                }
                objective += [(k, cost), (m + k, cost)]
            }
            defer { unfix(fixedHere) }
            try lp.setObjective(objective)
            // No change at all is optimal while nothing is fixed: start there.
            lp.startFromSlackBasis()
            guard case .optimal = try lp.solve(.minimise, warm: true, dual: true) else { return nil }
            var change: [Int: Double] = [:]
            for (k, c) in cells.enumerated() { change[c] = lp.value(k) - lp.value(m + k) }
            return change
        } catch {
            throw .solver("\(error)")
        }
    }

    /// Frees the changes fixed for one search.
    private func unfix(_ fixedHere: [Int]) {
        let m = cells.count
        for k in fixedHere {
            try? lp.setBounds(k, lower: 0, upper: nil)
            try? lp.setBounds(m + k, lower: 0, upper: values[k])
        }
    }
}

extension Array where Element == Int {
    /// The index of `value` in this sorted array, if present.
    func binarySearchIndex(of value: Int) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < count && self[low] == value ? low : nil
    }
}
