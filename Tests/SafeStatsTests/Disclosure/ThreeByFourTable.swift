@testable import SafeStats

extension CellUniverse {
    /// A 3 × 4 table with its margins and grand total: `inner` row by row (cells 0–11), then the
    /// row totals (12–14), the column totals (15–18) and the grand total (19), all published.
    static func threeByFour(_ inner: [Int]) -> CellUniverse {
        precondition(inner.count == 12)
        let rows = (0..<3).map { r in (0..<4).reduce(0) { $0 + inner[r * 4 + $1] } }
        let columns = (0..<4).map { c in (0..<3).reduce(0) { $0 + inner[$1 * 4 + c] } }
        let values = inner + rows + columns + [rows.reduce(0, +)]
        var relations = (0..<3).map { r in Additivity(total: 12 + r, parts: (0..<4).map { r * 4 + $0 }) }
        relations += (0..<4).map { c in Additivity(total: 15 + c, parts: (0..<3).map { $0 * 4 + c }) }
        relations += [Additivity(total: 19, parts: [12, 13, 14]), Additivity(total: 19, parts: [15, 16, 17, 18])]
        return CellUniverse(cells: values.map { Cell(value: $0) }, relations: relations)
    }
}
