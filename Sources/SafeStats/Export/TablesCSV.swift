import Foundation

/// `tables.csv`: one row per cell of every table of a bundle, in the recipient's columns and
/// words (UTF-8, RFC 4180, CRLF line ends). A suppressed cell shows `mark` in the value column and
/// `suppressed` in the status column, whatever the reason.
public enum TablesCSV {
    public static let fileName = "tables.csv"

    /// The one mark of every suppressed cell ("confidential").
    public static let mark = "[c]"

    public static func render(_ bundle: BundleLayout) -> Data {
        Data(rows(bundle).map(CSVText.row).joined().utf8)
    }

    /// The header (the recipient's column names) and one row per cell, as text.
    static func rows(_ bundle: BundleLayout) -> [[String]] {
        let profile = bundle.profile
        var lines = [profile.columns.map(\.name)]
        for (table, published) in bundle.tables {
            let period = bundle.periodName(Period(published.period) ?? bundle.period)
            let bound = Set(profile.columns.compactMap(\.dimension))
            let breakdown = published.dimensions.filter { !bound.contains($0) }
            for cell in bundle.orderedCells(published) {
                let row = profile.columns.map { column -> String in
                    switch column.content {
                    case .table: table.id
                    case .indicator: table.indicator
                    case .dimension:
                        profile.label(published.dimensions.contains(column.dimension!) ? cell.categories[column.dimension!] : nil,
                                      of: column.dimension!)
                    case .breakdown: breakdown.isEmpty ? "Total" : breakdown.map(profile.name(of:)).joined(separator: " × ")
                    case .breakdownCategory:
                        breakdown.isEmpty ? "Total" : breakdown.map { profile.label(cell.categories[$0], of: $0) }.joined(separator: " × ")
                    case .period: period
                    case .value: cell.value.map(String.init) ?? mark
                    case .status: cell.value == nil ? "suppressed" : "published"
                    }
                }
                lines.append(row)
            }
        }
        return lines
    }
}
