import Foundation
import Testing

/// `safestats validate` on files whose header makes every row unreadable: one problem each, with
/// file, line and rule, and no follow-on from the other files.
@Suite struct ValidateHeaderTests {
    @Test func aSemicolonFileAndACasesFileWithoutAColumnGiveOneProblemEach() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/in", "--victims", "200", "--seed", "5").status == 0)
        let victims = try String(contentsOfFile: dir + "/in/victims.csv", encoding: .utf8)
        try victims.replacingOccurrences(of: ",", with: ";").write(toFile: dir + "/in/victims.csv", atomically: true, encoding: .utf8)
        let cases = try String(contentsOfFile: dir + "/in/cases.csv", encoding: .utf8)
        try cases.replacingOccurrences(of: "status,status_date", with: "status,status_dat").write(toFile: dir + "/in/cases.csv", atomically: true, encoding: .utf8)
        let r = CLI.run("validate", dir + "/in")
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n").map(String.init) + r.stderr.split(separator: "\n").map(String.init)
        let problems = lines.filter { $0.hasPrefix("victims.csv:") || $0.hasPrefix("cases.csv:") || $0.hasPrefix("offenders.csv:") }
        #expect(problems == [
            "cases.csv:1:9 [additionalProperties] the header names a column that is not in the contract (names are lower case, e.g. record_id)",
            "cases.csv:1 (status_date) [required] the header has no status_date column, so no row can be read; the case references of the other files are not checked until it is fixed",
            "victims.csv:1 [csv-syntax] the header is separated by semicolons (;), not commas, as spreadsheets save CSV in some languages; no row of this file was read: "
                + "save it again as CSV with commas (UTF-8) — in LibreOffice choose \"Edit filter settings\" and the field delimiter \",\"; in Excel \"CSV UTF-8 (Comma delimited)\"",
        ], "\(r.stdout)\(r.stderr)")
    }
}
