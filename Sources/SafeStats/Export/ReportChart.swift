/// Horizontal bar charts as inline SVG for the report: one bar per category, suppressed
/// categories drawn as a hatched stub with the suppression mark instead of a length.
enum ReportChart {
    static func bars(_ bars: [(label: String, value: Int?)]) -> String {
        guard !bars.isEmpty else { return "" }
        let top = max(1, bars.compactMap(\.value).max() ?? 1)
        let rowHeight = 16, labelWidth = 190, barWidth = 300
        let height = rowHeight * bars.count + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" role=\"img\">"
            + "<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\"><path d=\"M0,4 L4,0\" stroke=\"#888\"/></pattern></defs>"
        for (i, bar) in bars.enumerated() {
            let y = i * rowHeight + 2
            svg += "<text x=\"\(labelWidth - 4)\" y=\"\(y + 11)\" font-size=\"10\" text-anchor=\"end\">\(ReportHTML.esc(bar.label))</text>"
            if let v = bar.value {
                let w = v == 0 ? 0 : max(1, v * barWidth / top)
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(rowHeight - 4)\" fill=\"#3a6ea5\"/>"
                svg += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 11)\" font-size=\"10\">\(v)</text>"
            } else {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"20\" height=\"\(rowHeight - 4)\" fill=\"url(#hatch)\" stroke=\"#888\"/>"
                svg += "<text x=\"\(labelWidth + 24)\" y=\"\(y + 11)\" font-size=\"10\">\(TablesCSV.mark)</text>"
            }
        }
        return svg + "</svg>\n"
    }
}
