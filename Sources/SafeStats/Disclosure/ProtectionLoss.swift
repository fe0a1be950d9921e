/// What protection hid of the tables asked for: for the data officer only. It tells small counts
/// from the cells hidden to protect them, so it never goes into a bundle (a bundle states only how
/// many cells are hidden).
public struct ProtectionLoss: Sendable, Equatable, Codable {
    /// Distinct cells of the tables (a cell in several tables counts once).
    public var cells = 0
    /// Cells hidden, for either reason.
    public var hidden = 0
    /// Hidden as small counts (1 to t−1).
    public var smallCounts = 0
    /// Hidden to protect the small counts (secondary suppression).
    public var secondary = 0
    /// Cells whose count is not 0, and how many of them are hidden.
    public var nonZero = 0
    public var nonZeroHidden = 0
    /// Each table's grand total and one-way margins (cells split by one dimension only), and how
    /// many of them are hidden.
    public var headline = 0
    public var headlineHidden = 0
    /// Headline cells hidden to protect others (not small counts themselves).
    public var headlineSecondary = 0
    /// Each table's grand total, how many are hidden, and how many of those to protect others.
    public var grandTotals = 0
    public var grandTotalsHidden = 0
    public var grandTotalsSecondary = 0
    /// Persons or cases counted in the cells hidden to protect others (each cell once).
    public var unitsInSecondary = 0

    /// The loss over `tables` (cells indexed into `cells`).
    public init(tables: [Tabulation.Table], cells: [Cell]) {
        var seen = Set<Int>(), grand = Set<Int>(), headline = Set<Int>()
        for table in tables {
            for (categories, cell) in table.cells {
                seen.insert(cell)
                let split = categories.filter { $0 != nil }.count
                if split == 0 { grand.insert(cell) }
                if split <= 1 { headline.insert(cell) }
            }
        }
        for i in seen {
            let cell = cells[i]
            self.cells += 1
            if cell.value != 0 { nonZero += 1 }
            if grand.contains(i) { grandTotals += 1 }
            if headline.contains(i) { self.headline += 1 }
            guard cell.status.isSuppressed else { continue }
            hidden += 1
            if cell.status == .primary { smallCounts += 1 }
            if cell.status == .secondary {
                secondary += 1
                unitsInSecondary += cell.value
                if grand.contains(i) { grandTotalsSecondary += 1 }
                if headline.contains(i) { headlineSecondary += 1 }
            }
            if cell.value != 0 { nonZeroHidden += 1 }
            if grand.contains(i) { grandTotalsHidden += 1 }
            if headline.contains(i) { headlineHidden += 1 }
        }
    }

    /// The share of non-zero cells published, from 0 to 1 (1 with none).
    public var nonZeroPublished: Double { nonZero == 0 ? 1 : Double(nonZero - nonZeroHidden) / Double(nonZero) }
    /// The share of headline cells published, from 0 to 1 (1 with none).
    public var headlinePublished: Double { headline == 0 ? 1 : Double(headline - headlineHidden) / Double(headline) }

    /// One line for people: `1678 cells, 289 hidden (149 small counts, 140 to protect them, holding 2274 persons or cases); …`.
    public var summary: String {
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        return "\(cells) cells, \(hidden) hidden (\(smallCounts) small counts, \(secondary) to protect them, holding \(unitsInSecondary) persons or cases); "
            + "non-zero cells published \(nonZero - nonZeroHidden) of \(nonZero) (\(percent(nonZeroPublished))), "
            + "headline cells \(headline - headlineHidden) of \(headline) (\(percent(headlinePublished))), "
            + "grand totals \(grandTotals - grandTotalsHidden) of \(grandTotals) (\(grandTotalsSecondary) hidden to protect others)"
    }
}
