import Foundation
import Testing

/// A value on the command line is repeated in messages at most `EchoedText.limit` (80)
/// characters long: a 100,000-character `--keep` once echoed 200 KB to standard error.
@Suite struct ArgumentEchoTests {
    static let long = String(repeating: "a", count: 100_000)

    @Test(arguments: [
        (["--keep", long], "--keep " + String(repeating: "a", count: 80) + "… (100000 characters): not RECIPIENT/TABLE"),
        (["--keep", "unodc/" + long], "unodc has no table " + String(repeating: "a", count: 80) + "… (100000 characters) (its tables: "),
        (["--keep", "unodc/victims:sex=" + long], "table victims: sex has no category " + String(repeating: "a", count: 80) + "… (100000 characters)"),
        (["--keep", "unodc/victims:" + long + "=x"], "table victims: not split by " + String(repeating: "a", count: 80) + "… (100000 characters)"),
        (["--recipient", long], "Error: The value '" + String(repeating: "a", count: 80) + "… (100000 characters)' is invalid for '--recipient <recipient>'"),
        (["--period", long], "Error: The value '" + String(repeating: "a", count: 80) + "… (100000 characters)' is invalid for '--period <period>'"),
        (["--country", long], "--country " + String(repeating: "a", count: 80) + "… (100000 characters): "),
    ])
    func aLongValueIsEchoedCapped(extra: [String], expected: String) {
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = CLI.run(["export", "--in", ExportCommandTests.prepared.pseudonymised, "--recipient", "unodc", "--period", "2023", "--country", "AZE",
                         "--unsigned", "--out", out] + extra)
        #expect(r.status == 64 || r.status == 78, "\(r.status)")
        #expect(r.stderr.contains(expected), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.utf8.count < 2_000, "\(r.stderr.utf8.count) bytes")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func controlCharactersAreNotEchoed() {
        let r = CLI.run(["export", "--in", ExportCommandTests.prepared.pseudonymised, "--recipient", "unodc", "--period", "2023", "--country", "AZE",
                         "--unsigned", "--out", CLI.temporaryDirectory() + "/b", "--keep", "x\u{1b}[2J\ny"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--keep x?[2J?y: not RECIPIENT/TABLE or RECIPIENT/TABLE:DIMENSION=CATEGORY,…"), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1b}"))
    }

    /// An apostrophe in an option's help is not a quote: the usage after it stays whole.
    @Test func aUsageErrorKeepsItsUsageWhole() {
        let r = CLI.run("run")
        #expect(r.status == 64)
        #expect(r.stderr.contains("Help:  --config <file>  The job's YAML configuration file.\nUsage: safestats run --config <file> [--as-of <date>] [--log-json] [--verbose]\n  See 'safestats run --help' for more information."), "\(r.stderr)")
        let escape = CLI.run("export", "--in", "x", "--recipient", "x\u{1b}[2J", "--period", "2023", "--country", "AZE", "--out", "y")
        #expect(escape.stderr.contains("Error: The value 'x?[2J' is invalid for '--recipient <recipient>'") && !escape.stderr.contains("\u{1b}"), "\(escape.stderr)")
    }
}
