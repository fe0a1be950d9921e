import Testing
@testable import SafeStats

/// The loss a protection reports, and the weights the cost model gives cells, on a table counted
/// from the hand-made fixture.
@Suite struct ProtectionLossTests {
    private func tabulation(priority: Double = 1) throws -> Tabulation {
        let input = try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                             today: ISODate("2026-01-01")!, problems: ProblemLog())
        let sex = try #require(TableDimension(name: "sex", country: "AZE")), status = try #require(TableDimension(name: "identification_status", country: "AZE"))
        let spec = try TableSpec(id: "by-sex-and-status", dimensions: [sex, status], priority: priority)
        return Tabulation(input, tables: [spec], periods: [Period("2023")!])
    }

    @Test func grandTotalsOutweighMarginsAndMarginsInnerCells() throws {
        let t = try tabulation(), doubled = try tabulation(priority: 2)
        let table = try #require(t.tables.first)
        for (categories, cell) in table.cells {
            let split = categories.filter { $0 != nil }.count
            let expected = split == 0 ? CostModel.grandTotal : split == 1 ? CostModel.oneWayMargin : CostModel.inner
            #expect(t.universe.weights[cell] == expected)
            #expect(doubled.universe.weights[cell] == 2 * expected)
        }
        #expect(CostModel.grandTotal > 20 * CostModel.oneWayMargin - 1 && CostModel.oneWayMargin >= 20 * CostModel.inner)
    }

    @Test func lossCountsEachCellOnceAndTellsTheReasons() throws {
        let t = try tabulation()
        let table = try #require(t.tables.first)
        var cells = t.universe.cells
        // sex (female, male, other, unknown, total) × status (presumed, identified, total): 15 cells.
        #expect(table.cells.count == 15)
        let total = try #require(table.cells.first { $0.categories.allSatisfy { $0 == nil } }).cell
        let inner = table.cells.filter { $0.categories.allSatisfy { $0 != nil } }.map(\.cell)
        let nonZeroInner = inner.filter { cells[$0].value > 0 }
        cells[nonZeroInner[0]].status = .primary
        cells[total].status = .secondary
        let loss = ProtectionLoss(tables: t.tables + t.tables, cells: cells)  // a table twice: its cells count once
        #expect(loss.cells == 15 && loss.hidden == 2 && loss.smallCounts == 1 && loss.secondary == 1)
        #expect(loss.grandTotals == 1 && loss.grandTotalsHidden == 1 && loss.grandTotalsSecondary == 1)
        #expect(loss.headline == 7 && loss.headlineHidden == 1 && loss.headlineSecondary == 1)  // 1 total + 4 + 2 one-way margins
        #expect(loss.unitsInSecondary == cells[total].value && cells[total].value == 3)
        #expect(loss.nonZero == table.cells.filter { cells[$0.cell].value > 0 }.count && loss.nonZeroHidden == 2)
    }
}
