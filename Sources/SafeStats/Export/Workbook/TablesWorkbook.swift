import Foundation

/// `tables.xlsx`: the bundle as the recipients' questionnaires are filled in, a spreadsheet. A
/// sheet of parameters (period, thresholds, widths, key ids, the example-key warnings), one sheet
/// per table laid out as in `report.html` (rows, columns, margins, the `[c]` mark, a legend), and
/// one sheet in the recipient's long format (`tables.csv`, values as numbers). The same bundle
/// gives the same bytes.
enum TablesWorkbook {
    static let fileName = "tables.xlsx"

    static func render(_ bundle: BundleLayout, keys: BundleKeys) -> Data {
        var parameters = SheetXML()
        parameters.append([.text(bundle.profile.recipient), .text("statistics for \(bundle.country)")])
        for warning in BundleParameters.warnings(keys) { parameters.append([.text(warning)]) }
        for row in BundleParameters.rows(bundle, keys: keys) { parameters.append([.text(row.name), .text(row.value)]) }
        parameters.append([.text("Legend"), .text(legend)])
        var sheets: [(name: String, xml: String)] = [("Parameters", parameters.xml)]
        var used: Set<String> = ["Parameters", "Long format"]
        for (table, published) in bundle.tables {
            let p = bundle.profile
            var sheet = SheetXML()
            sheet.append([.text("\(table.indicator) — \(bundle.periodName(Period(published.period) ?? bundle.period))")])
            if !published.dimensions.isEmpty { sheet.append([.text("by " + published.dimensions.map(p.name(of:)).joined(separator: ", "))]) }
            sheet.append([])
            let grid = TableGrid(bundle, published)
            sheet.append(grid.header.map { .text($0) })
            for row in grid.rows { sheet.append(row.labels.map { .text($0) } + row.values.map(cell)) }
            sheet.append([])
            sheet.append([.text(legend)])
            let period = bundle.periods.count > 1 ? " " + bundle.periodName(Period(published.period) ?? bundle.period) : ""
            sheets.append((sheetName(table.id, period, used: &used), sheet.xml))
        }
        var long = SheetXML()
        let rows = TablesCSV.rows(bundle)
        let valueColumn = bundle.profile.columns.firstIndex { $0.content == .value }
        for (r, row) in rows.enumerated() {
            long.append(row.enumerated().map { c, text in r > 0 && c == valueColumn ? cell(Int(text)) : .text(text) })
        }
        sheets.append(("Long format", long.xml))
        // The sheets are made here from text and numbers only: zipping them cannot fail but for
        // lack of memory.
        return try! XLSXPackage.zip(sheets)
    }

    private static let legend = "\(TablesCSV.mark): suppressed to protect persons (a small count, or a cell that would reveal one). "
        + "Rows whose cells are all published zeros are left out of the table sheets; the long format has every cell."

    private static func cell(_ value: Int?) -> SheetXML.Cell { value.map { .number($0) } ?? .text(TablesCSV.mark) }

    /// `id` and `period` (empty when the bundle has one period) as a sheet name: at most 31
    /// characters, none of : \ / ? * [ ], and not used before.
    private static func sheetName(_ id: String, _ period: String, used: inout Set<String>) -> String {
        let clean = String((String(id.prefix(31 - period.count)) + period).map { ":\\/?*[]".contains($0) ? "_" : $0 }.prefix(31))
        var name = clean, n = 1
        while used.contains(name) {
            n += 1
            name = String(clean.prefix(31 - String(n).count - 1)) + "~\(n)"
        }
        used.insert(name)
        return name
    }
}
