extension CellUniverse {
    /// A release made by hand: an r × c table with its margins. Cells: the inner cells row by row,
    /// then the row totals, the column totals and the grand total; every cell published.
    public static func table(_ inner: [[Int]]) -> CellUniverse {
        precondition(!inner.isEmpty && !inner[0].isEmpty && inner.allSatisfy { $0.count == inner[0].count }, "a rectangle of counts")
        let r = inner.count, c = inner[0].count
        var cells = inner.flatMap { $0 }.map { Cell(value: $0) }
        let rowTotal = cells.count, colTotal = rowTotal + r, grand = colTotal + c
        cells += inner.map { Cell(value: $0.reduce(0, +)) }
        cells += (0..<c).map { j in Cell(value: inner.reduce(0) { $0 + $1[j] }) }
        cells.append(Cell(value: inner.flatMap { $0 }.reduce(0, +)))
        var relations = (0..<r).map { i in Additivity(total: rowTotal + i, parts: (0..<c).map { i * c + $0 }) }
        relations += (0..<c).map { j in Additivity(total: colTotal + j, parts: (0..<r).map { $0 * c + j }) }
        relations.append(Additivity(total: grand, parts: (0..<r).map { rowTotal + $0 }))
        relations.append(Additivity(total: grand, parts: (0..<c).map { colTotal + $0 }))
        return CellUniverse(cells: cells, relations: relations)
    }

    /// A release made by hand: tables A and B (`table`) with the same rows, sharing their row
    /// totals and grand total (B's rows must add up to A's), declared as one block each. Cells: A's,
    /// then B's own.
    public static func linkedTables(_ a: [[Int]], _ b: [[Int]]) -> CellUniverse {
        precondition(a.count == b.count && zip(a, b).allSatisfy { $0.reduce(0, +) == $1.reduce(0, +) }, "B's rows add up to A's")
        let tableA = table(a), tableB = table(b)
        let rows = a.count, rowTotalsB = b.count * b[0].count
        var cells = tableA.cells
        var index: [Int: Int] = [:]
        for j in tableB.cells.indices {
            if (rowTotalsB..<(rowTotalsB + rows)).contains(j) {
                index[j] = a.count * a[0].count + (j - rowTotalsB)
            } else if j == tableB.cells.count - 1 {
                index[j] = tableA.cells.count - 1
            } else {
                index[j] = cells.count
                cells.append(tableB.cells[j])
            }
        }
        let relations = tableA.relations + tableB.relations.map { Additivity(total: index[$0.total]!, parts: $0.parts.map { index[$0]! }) }
        return CellUniverse(cells: cells, relations: relations, blocks: [Array(tableA.cells.indices), Set(index.values).sorted()])
    }
}
