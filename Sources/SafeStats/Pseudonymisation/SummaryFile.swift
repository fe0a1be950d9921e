/// `pseudonymisation.json`: what a pseudonymised directory was made with, and its linkage summary.
/// No time stamp, so the same input and key give the same bytes.
enum SummaryFile {
    static let name = InputDirectory.summaryFileName

    static func write(_ r: PseudonymisationResult, formats: [RecordKind: RecordFormat], to path: String) throws(OutputError) {
        func linkage(_ s: LinkageSummary) -> String {
            JSONText.object([("rows", String(s.rows)), ("persons", String(s.persons)),
                             ("rows_merged", String(s.rowsMerged)), ("unlinkable_rows", String(s.unlinkableRows))], indent: 2)
        }
        var fields: [(String, String)] = [
            ("format", JSONText.string("safestats-pseudonymised-records")),
            ("version", "1"),
            ("tool_version", JSONText.string(SafeStatsInfo.version)),
            ("normalisation", JSONText.string(Normalisation.version)),
            ("pseudonymisation_key_id", JSONText.string(r.keyID)),
            ("example_key", r.exampleKey ? "true" : "false"),
        ]
        if r.exampleKey {
            fields.append(("notice", JSONText.string("made with a published EXAMPLE key: these pseudonyms protect nothing")))
        }
        fields.append(("files", JSONText.object(RecordKind.allCases.compactMap { kind in
            formats[kind].map { (kind.rawValue, JSONText.string($0.fileName(kind))) }
        }, indent: 2)))
        fields.append(("victims", linkage(r.victims)))
        if let o = r.offenders { fields.append(("offenders", linkage(o))) }
        if let c = r.cases { fields.append(("cases", JSONText.object([("rows", String(c))], indent: 2))) }
        let sink = try ByteSink(path: path)
        sink.write(JSONText.object(fields, indent: 0) + "\n")
        try sink.finish()
    }
}
