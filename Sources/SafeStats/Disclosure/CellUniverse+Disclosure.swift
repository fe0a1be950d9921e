extension CellUniverse {
    /// What an attacker sees, as `PublishedRelease.release()` reads it back: the published cells'
    /// values, every hidden cell as a secondary suppression of value 0, the keys, relations and rules.
    public var attackersView: CellUniverse {
        var view = CellUniverse(cells: cells.map { $0.status.isSuppressed ? Cell(value: 0, status: .secondary) : $0 }, relations: relations, rules: rules)
        if !keys.isEmpty { view.setKeys(keys) }
        if view.rules.isEmpty { view.rules = [ProtectionRule](repeating: ProtectionRule(), count: cells.count) }
        return view
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
