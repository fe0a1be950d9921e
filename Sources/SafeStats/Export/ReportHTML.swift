import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no script, no network) that a data
/// officer reads before sending a bundle: the parameters, what was suppressed (counts only), the
/// linkage summary, each table as the recipient shows it with suppressed cells marked, bar charts
/// of the main breakdowns, and a plain-language note on what was protected. Prints to A4.
public enum ReportHTML {
    public static func render(_ bundle: RecipientBundle, input: InputProvenance, signingKey: SigningSecretKey?) -> Data {
        let p = bundle.profile
        let smallest = bundle.view.tables.map(\.threshold).min() ?? 5
        let periods = BundleParameters.periods(bundle.layout)
        let keys = BundleKeys(input: input, signingKey: signingKey)
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(esc(p.recipient)) — \(esc(bundle.layout.periodName(bundle.period)))</title>
            <style>\(style)</style></head><body>
            <h1>\(esc(p.recipient))</h1>
            <p class="sub">Statistics for \(esc(bundle.country)), \(esc(periods)). Profile <b>\(esc(p.id))</b> version \(esc(p.version)); safestats \(esc(SafeStatsInfo.version)).</p>

            """
        for warning in BundleParameters.warnings(keys) { html += "<p class=\"warn\">\(warning)</p>\n" }
        html += """
            <h2>What was protected</h2>
            <p>Every figure counts distinct persons (victims and offenders linked across records) or cases. No count from 1 to \(smallest - 1) is shown: such counts could point to a person, so they are replaced by <b>\(TablesCSV.mark)</b>. Further cells are replaced by the same mark where totals would otherwise let a reader recompute a hidden count. The mark is the same whatever the reason, so it reveals nothing. An audit solved, for every hidden cell, the narrowest range a reader can deduce from everything in this bundle: \(bundle.audit.passed ? "no hidden cell can be narrowed below its protection width, and no small count is shown" : "THE AUDIT FAILED: do not send this bundle").</p>
            <h2>Parameters</h2>
            <table class="facts">
            \(BundleParameters.rows(bundle.layout, keys: keys).map { "<tr><th>\(esc($0.name))</th><td>\(esc($0.value))</td></tr>" }.joined(separator: "\n"))
            </table>
            <h2>Suppression</h2>
            <table class="facts">
            <tr><th>Cells in the tables</th><td>\(bundle.cellCount)</td></tr>
            <tr><th>Cells suppressed (small counts, and the cells hidden to protect them, with one mark)</th><td>\(bundle.loss.hidden)</td></tr>
            <tr><th>Hidden cells audited</th><td>\(bundle.audit.intervals.count), \(bundle.audit.passed ? "all protected" : "\(bundle.audit.narrow.count) too narrow")</td></tr>
            </table>
            <h2>Linkage</h2>
            <table class="facts">
            \(Population.allCases.map { "<tr><th>\($0.rawValue.capitalized)</th><td>\(input.records[$0].map { "\($0) records, " } ?? "")\(input.units[$0] ?? 0) \($0 == .cases ? "cases" : "persons") counted</td></tr>" }.joined(separator: "\n"))
            </table>
            <p class="legend"><b>\(TablesCSV.mark)</b> suppressed to protect persons (small count, or a cell that would reveal one). Rows whose cells are all published zeros are left out here; tables.csv has every cell.</p>

            """
        for (table, published) in bundle.tables {
            html += section(bundle, table, published)
        }
        html += "</body></html>\n"
        return Data(html.utf8)
    }

    /// One table: a title, a bar chart when the profile names one, and the cells laid out with the
    /// last dimension across.
    private static func section(_ bundle: RecipientBundle, _ table: Profile.Table, _ published: PublishedRelease.PublishedTable) -> String {
        let p = bundle.profile
        let cells = bundle.layout.orderedCells(published)
        let dims = published.dimensions
        var out = "<section><h3>\(esc(table.indicator)) — \(esc(bundle.layout.periodName(Period(published.period) ?? bundle.period)))</h3>\n"
        if !dims.isEmpty { out += "<p class=\"by\">by \(esc(dims.map(p.name(of:)).joined(separator: ", ")))</p>\n" }
        if let chart = table.chart, dims.contains(chart) {
            let bars = cells.filter { c in dims.allSatisfy { $0 == chart ? c.categories[$0] != nil : c.categories[$0] == nil } }
            out += ReportChart.bars(bars.map { (p.label($0.categories[chart], of: chart), $0.value) })
        }
        let grid = TableGrid(bundle.layout, published)
        out += "<table><thead><tr>" + grid.header.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in grid.rows {
            out += "<tr>" + row.labels.map { "<th>\(esc($0))</th>" }.joined()
            out += row.values.map { $0 == nil ? "<td class=\"x\">\(TablesCSV.mark)</td>" : "<td>\($0!)</td>" }.joined()
            out += "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    static func esc(_ s: String) -> String { MarkupText.escape(s) }

    static let style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#111;max-width:190mm;margin:10mm auto}
        h1{font-size:16pt;margin:0 0 2mm}h2{font-size:12pt;margin:6mm 0 2mm;border-bottom:1px solid #999}
        h3{font-size:11pt;margin:5mm 0 1mm}.sub,.by{color:#444;margin:0 0 2mm}
        .warn{background:#fde7e7;border:1px solid #c00;padding:2mm;font-weight:bold}
        table{border-collapse:collapse;margin:1mm 0 3mm;font-size:8pt;max-width:100%}
        th,td{border:1px solid #bbb;padding:0.6mm 1.2mm;text-align:right;hyphens:auto}
        td{white-space:nowrap}tbody th{overflow-wrap:break-word}thead th{overflow-wrap:anywhere}
        th{background:#f0f0f0;text-align:left;font-weight:normal}table.facts th{width:70mm}table.facts td{text-align:left}
        td.x{background:#eee;color:#555}.legend{font-size:9pt;color:#333}
        section{page-break-inside:avoid;break-inside:avoid}
        @page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}}
        """
}
