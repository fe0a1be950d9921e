import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no script, no network) that a data
/// officer reads before sending a bundle: the parameters, what was suppressed (counts only), the
/// linkage summary, each table as the recipient shows it with suppressed cells marked, bar charts
/// of the main breakdowns, and a plain-language note on what was protected. Prints to A4.
public enum ReportHTML {
    public static func render(_ bundle: RecipientBundle, input: InputProvenance, signingKey: SigningSecretKey?) -> Data {
        let p = bundle.profile
        let smallest = bundle.view.tables.map(\.threshold).min() ?? 5
        let periods = bundle.periods.map { "\(bundle.periodName($0)) (\($0.start) to \($0.end))" }.joined(separator: "; ")
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(esc(p.recipient)) — \(esc(bundle.periodName(bundle.period)))</title>
            <style>\(style)</style></head><body>
            <h1>\(esc(p.recipient))</h1>
            <p class="sub">Statistics for \(esc(bundle.country)), \(esc(periods)). Profile <b>\(esc(p.id))</b> version \(esc(p.version)); safestats \(esc(SafeStatsInfo.version)).</p>

            """
        if signingKey?.isExample == true {
            html += "<p class=\"warn\">Signed with a published EXAMPLE signing key: its signatures prove nothing.</p>\n"
        }
        if input.exampleKey {
            html += "<p class=\"warn\">Made with a published EXAMPLE pseudonymisation key: a demonstration, not for sending.</p>\n"
        }
        html += """
            <h2>What was protected</h2>
            <p>Every figure counts distinct persons (victims and offenders linked across records) or cases. No count from 1 to \(smallest - 1) is shown: such counts could point to a person, so they are replaced by <b>\(TablesCSV.mark)</b>. Further cells are replaced by the same mark where totals would otherwise let a reader recompute a hidden count. The mark is the same whatever the reason, so it reveals nothing. An audit solved, for every hidden cell, the narrowest range a reader can deduce from everything in this bundle: \(bundle.audit.passed ? "no hidden cell can be narrowed below its protection width, and no small count is shown" : "THE AUDIT FAILED: do not send this bundle").</p>
            <h2>Parameters</h2>
            <table class="facts">
            <tr><th>Recipient</th><td>\(esc(p.recipient))</td></tr>
            <tr><th>Period</th><td>\(esc(periods))</td></tr>
            <tr><th>Threshold (smallest count shown)</th><td>\(list(bundle.view.tables.map(\.threshold)))</td></tr>
            <tr><th>Protection width</th><td>\(list(bundle.view.tables.map(\.protectionWidth)))</td></tr>
            <tr><th>Pseudonymisation key id</th><td>\(esc(input.keyID))\(input.exampleKey ? " (EXAMPLE key)" : "")</td></tr>
            <tr><th>Signing key id</th><td>\(signingKey.map { esc($0.publicKey.id) + ($0.isExample ? " (EXAMPLE key: the signatures prove nothing)" : "") } ?? "not signed")</td></tr>
            <tr><th>Protected together with</th><td>\(bundle.releasedWith.isEmpty ? "no other recipient" : esc(bundle.releasedWith.joined(separator: ", ")))</td></tr>
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
        let cells = bundle.orderedCells(published)
        let dims = published.dimensions
        var out = "<section><h3>\(esc(table.indicator)) — \(esc(bundle.periodName(Period(published.period) ?? bundle.period)))</h3>\n"
        if !dims.isEmpty { out += "<p class=\"by\">by \(esc(dims.map(p.name(of:)).joined(separator: ", ")))</p>\n" }
        if let chart = table.chart, dims.contains(chart) {
            let bars = cells.filter { c in dims.allSatisfy { $0 == chart ? c.categories[$0] != nil : c.categories[$0] == nil } }
            out += ReportChart.bars(bars.map { (p.label($0.categories[chart], of: chart), $0.value) })
        }
        guard let across = dims.last else {
            return out + "<table><tr><th>Total</th></tr><tr><td>\(value(cells.first?.value))</td></tr></table></section>\n"
        }
        let down = dims.dropLast()
        let columns = Array(Set(cells.map { $0.categories[across] })).sorted { rank(bundle, across, $0) < rank(bundle, across, $1) }
        out += "<table><thead><tr>" + down.map { "<th>\(esc(p.name(of: $0)))</th>" }.joined()
            + columns.map { "<th>\(esc(p.label($0, of: across)))</th>" }.joined() + "</tr></thead><tbody>\n"
        var rows: [[String?]: [PublishedRelease.PublishedCell]] = [:]
        var order: [[String?]] = []
        for c in cells {
            let key = down.map { c.categories[$0] }
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(c)
        }
        for key in order {
            let row = rows[key]!
            if row.allSatisfy({ $0.value == 0 }) { continue }
            out += "<tr>" + zip(down, key).map { "<th>\(esc(p.label($1, of: $0)))</th>" }.joined()
            for column in columns {
                let cell = row.first { $0.categories[across] == column }
                out += cell?.value == nil ? "<td class=\"x\">\(TablesCSV.mark)</td>" : "<td>\(cell!.value!)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    private static func rank(_ bundle: RecipientBundle, _ dimension: String, _ category: String?) -> Int {
        guard let category else { return Int.max }
        guard let d = TableDimension(name: dimension, country: bundle.country) else { return 0 }
        return bundle.profile.order(of: d).firstIndex(of: category) ?? Int.max - 1
    }

    private static func value(_ v: Int?) -> String { v.map(String.init) ?? TablesCSV.mark }

    private static func list(_ values: [Int]) -> String {
        Array(Set(values)).sorted().map(String.init).joined(separator: ", ")
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static let style = """
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
