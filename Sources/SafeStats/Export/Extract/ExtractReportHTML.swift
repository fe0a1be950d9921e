import Foundation

/// `report.html` of a record extract: one self-contained page (inline CSS, no script, no network)
/// saying what the extract holds, how it was protected, what that cost, and what it does not
/// protect against. Prints to A4.
enum ExtractReportHTML {
    static func render(_ e: RecordExtract, input: InputProvenance, signingKey: SigningSecretKey?) -> Data {
        let x = e.extract
        func esc(_ s: String) -> String { MarkupText.escape(s) }
        func row(_ name: String, _ value: String) -> String { "<tr><th>\(esc(name))</th><td>\(esc(value))</td></tr>" }
        let sensitive = x.sensitiveAttributes.map(\.rawValue).joined(separator: ", ")
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Record extract — \(esc(e.period.description))</title>
            <style>\(ReportHTML.style)</style></head><body>
            <h1>Record extract</h1>
            <p class="sub">Victims of trafficking first identified in \(esc(e.country)) from \(e.period.start) to \(e.period.end), one row per person; safestats \(esc(SafeStatsInfo.version)).</p>

            """
        for warning in BundleParameters.warnings(BundleKeys(input: input, signingKey: signingKey)) { html += "<p class=\"warn\">\(warning)</p>\n" }
        html += """
            <h2>What was protected</h2>
            <p>Each row is one person (records linked across registers), with no name, number or date of birth. The columns a reader could know from elsewhere (the quasi-identifiers: \(esc(x.quasiIdentifiers.map(\.rawValue).joined(separator: ", ")))) were made coarser, replaced by <b>*</b> or, as a last resort, their rows left out, until every combination of them occurs in at least <b>k = \(x.k)</b> rows, and every such group of rows holds at least <b>ℓ = \(x.l)</b> different values of \(esc(sensitive)), so that finding a person's group does not tell their \(esc(sensitive)) for certain.</p>
            <p>What it does not protect against: a reader who knows that a person is in the extract learns the \(x.l) or more values their group holds, and that the person has one of them; with a value shared by most of a group, probably that one. Groups are checked for these columns only: any other column added later would need checking again. The extract is not protected together with tables published for the same period (their cells could be combined with it).</p>
            <h2>Parameters</h2>
            <table class="facts">
            \(row("Period", "\(e.period.start) to \(e.period.end)"))
            \(row("Reporting country", e.country))
            \(row("Smallest group (k)", String(x.k)))
            \(row("Distinct values in a group (ℓ)", "\(x.l), of \(sensitive)"))
            \(x.quasiIdentifiers.map { row("Quasi-identifier \($0.rawValue)", $0.levelName(x.loss.levels[$0] ?? 0)) }.joined(separator: "\n"))
            \(row("Pseudonymisation key id", input.keyID + (input.exampleKey ? " (EXAMPLE key)" : "")))
            \(row("Signing key id", signingKey.map { $0.publicKey.id + ($0.isExample ? " (EXAMPLE key: the signatures prove nothing)" : "") } ?? "not signed"))
            </table>
            <h2>What protection cost</h2>
            <table class="facts">
            \(row("Victims first identified in the period", String(e.victims)))
            \(row("Rows in extract.csv", String(x.rows.count)))
            \(row("Rows left out (in groups that could not reach k and ℓ)", String(x.loss.recordsDropped)))
            \(row("Values made coarser", String(x.loss.valuesGeneralised)))
            \(row("Values replaced by *", String(x.loss.valuesSuppressed)))
            \(row("Groups of rows; the smallest; the fewest distinct values", "\(x.achieved.groups); \(x.achieved.k); \(x.achieved.l)"))
            </table>
            </body></html>

            """
        return Data(html.utf8)
    }
}
