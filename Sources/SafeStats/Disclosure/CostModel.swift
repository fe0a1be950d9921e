/// The prices secondary suppression pays for hiding a cell, so that what it hides is what a data
/// officer would give up first.
///
/// Hiding a published cell j costs, per person or case its value can move, (a_j + 1) × w_j, where
/// w_j is the cell's weight: its place in its table times the table's priority (the highest over
/// the tables that show it). A table's grand total weighs `grandTotal`, each one-way margin (a
/// cell split by one dimension only) `oneWayMargin`, every other cell `inner`: a change through a
/// grand total costs more than one through twenty margins or four hundred inner cells of the same
/// size, so the totals go last however many linked tables and zero categories a change crosses.
/// Moving a cell that is hidden already costs next to nothing.
public enum CostModel {
    public static let grandTotal = 400.0
    public static let oneWayMargin = 20.0
    public static let inner = 1.0
    /// Per unit of change of a cell already hidden in a block of its own, and of one that other
    /// blocks share (moving it means work in those blocks too).
    static let hidden = 0.01
    static let hiddenShared = 5.0
    /// Published cells that other blocks share cost this many times more.
    static let sharedFactor = 2.0

    /// The weight of a cell split by `split` of its table's dimensions, in a table of `priority`.
    public static func weight(split: Int, priority: Double) -> Double {
        (split == 0 ? grandTotal : split == 1 ? oneWayMargin : inner) * priority
    }
}

extension CellUniverse {
    /// The weight of every cell (see `CostModel`): `weights`, or for a release made without tables
    /// (by hand), a one-way margin's for each cell that is a total and an inner cell's for the others.
    var costWeights: [Double] {
        guard weights.isEmpty else { return weights }
        var weights = [Double](repeating: CostModel.inner, count: cells.count)
        for relation in relations { weights[relation.total] = CostModel.oneWayMargin }
        return weights
    }

    /// What hiding the cells `hidden` of this release costs: (value + 1) × weight for each one
    /// published here (see `CostModel`).
    func hidingCost(_ hidden: some Sequence<Int>) -> Double {
        let weights = costWeights
        return hidden.reduce(0) { sum, j in cells[j].status.isSuppressed ? sum : sum + Double(cells[j].value + 1) * weights[j] }
    }
}
