extension CellUniverse {
    /// What an attacker sees, as `PublishedRelease.release()` reads it back: the published cells'
    /// values, every hidden cell as a secondary suppression of value 0, the keys, relations and rules.
    public var attackersView: CellUniverse {
        var view = CellUniverse(cells: cells.map { $0.status.isSuppressed ? Cell(value: 0, status: .secondary) : $0 }, relations: relations, rules: rules)
        if !keys.isEmpty { view.setKeys(keys) }
        if view.rules.isEmpty { view.rules = [ProtectionRule](repeating: ProtectionRule(), count: cells.count) }
        return view
    }

    /// Published cells that hold a small count (1 … t−1) under their rule, or `rule` for cells
    /// without one.
    func smallPublished(rule: ProtectionRule) -> [Int] {
        cells.indices.filter { cells[$0].status == .published && self.rule(of: $0, else: rule).isSmall(cells[$0].value) }
    }

    /// The hidden cells (suppressed, or in no table), ascending.
    var hiddenCells: [Int] {
        cells.indices.filter { cells[$0].status.isSuppressed }
    }

    /// Marks every small count, published or implied, as a primary suppression.
    /// - Parameter rule: the rule of cells that have none of their own.
    public mutating func applyPrimarySuppression(_ rule: ProtectionRule) {
        for i in cells.indices where self.rule(of: i, else: rule).isSmall(cells[i].value)
            && (cells[i].status == .published || cells[i].status == .unpublished) {
            cells[i].status = .primary
        }
    }
}
