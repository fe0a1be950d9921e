import Foundation
import Testing

/// `safestats export --profile FILE`: a recipient profile of one's own beside the built-in ones,
/// with cells its tables keep published.
@Suite(.serialized) struct ProfileFileTests {
    static let example = CLI.root + "/examples/profiles/national-annual-report.example.json"

    private func export(_ input: String, to out: String, _ more: [String]) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute(CLI.binary, ["export", "--in", input, "--country", "AZE", "--unsigned", "--out", out] + more,
                    environment: ExportCommandTests.epoch)
    }

    /// The grand total of the example's victims table (its filter is its one category) by period.
    private func grandTotals(_ bundle: String) throws -> [String: Int?] {
        let data = FileManager.default.contents(atPath: bundle + "/tables.json") ?? Data()
        let tables = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = try #require(tables["cells"] as? [[String: Any]])
        var totals: [String: Int?] = [:]
        for table in try #require(tables["tables"] as? [[String: Any]]) where table["id"] as? String == "national-annual-report/victims" {
            let total = try #require((table["cells"] as? [Int])?.first { cells[$0]["categories"] as? [String: String] == ["identification_status": "identified"] })
            totals[table["period"] as! String] = cells[total]["value"] as? Int
        }
        return totals
    }

    @Test func aProfileOfOnesOwnIsExportedBesideABuiltInOneAndKeepsItsCells() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = export(input, to: out, ["--recipient", "unodc", "--profile", Self.example, "--period", "2023"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["loss.json", "national-annual-report-2023", "unodc-2023"])
        let totals = try grandTotals(out + "/national-annual-report-2023")
        #expect(totals.keys.sorted() == ["2022", "2023"])
        #expect(totals["2023"]! != nil && totals["2023"]!! >= 5)
        let audit = CLI.run("audit", out + "/national-annual-report-2023")
        #expect(audit.status == 0 && audit.stdout.contains("passed"), "\(audit.stdout)")
        let csv = try String(contentsOfFile: out + "/national-annual-report-2023/tables.csv", encoding: .utf8)
        #expect(csv.hasPrefix("Table,Breakdown,Category,Sex,Year,Value,Status\r\n"))
        #expect(csv.contains("Identified victims,Age,All ages,All,2023,\(totals["2023"]!!),published\r\n"))
    }

    /// A profile that keeps a small count is refused by the cell's name (exit 1), one that keeps a
    /// cell its table does not have is a configuration error (exit 78), and an id that is already
    /// a recipient is a usage error (exit 64): nothing is written.
    @Test func cellsAProfileCannotKeepAreRefusedAndNothingIsWritten() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let dir = CLI.temporaryDirectory()
        func profile(_ name: String, _ edit: (String) -> String) throws -> String {
            let path = dir + "/" + name
            try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // Identified victims of unknown age in 2023: a small count in this input (UNODC's table
        // of all victims by age holds it too, see ExportCommandTests).
        let small = try profile("small.json") {
            $0.replacingOccurrences(of: #""filter": { "identification_status": "identified" },\#n      "dimensions": ["sex", "age_group"],"#,
                                    with: #""dimensions": ["sex", "age_group"],"#)
              .replacingOccurrences(of: #""keep": [{}]"#, with: #""keep": [{}, {"age_group": "unknown"}]"#)
        }
        let out = dir + "/bundles"
        let refused = export(input, to: out, ["--profile", small, "--period", "2023"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("national-annual-report/victims:age_group=unknown is to be kept published but holds a small count"), "\(refused.stderr)")
        let colour = try profile("colour.json") { $0.replacingOccurrences(of: #""keep": [{}]"#, with: #""keep": [{"colour": "blue"}]"#) }
        let bad = export(input, to: out, ["--profile", colour, "--period", "2023"])
        #expect(bad.status == 78 && bad.stderr.contains("colour.json: table victims: keep: not split by colour"), "\(bad.stderr)")
        let clash = try profile("clash.json") { $0.replacingOccurrences(of: #""id": "national-annual-report""#, with: #""id": "unodc""#) }
        let twice = export(input, to: out, ["--recipient", "unodc", "--profile", clash, "--period", "2023"])
        #expect(twice.status == 64 && twice.stderr.contains("its id unodc is already a recipient of this run"), "\(twice.stderr)")
        let none = export(input, to: out, ["--profile", dir + "/missing.json", "--period", "2023"])
        #expect(none.status == 78 && none.stderr.contains("missing.json: cannot be read"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
