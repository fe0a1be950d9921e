import Foundation
import Testing

/// `safestats export --optimal`: the optimal search's verdict in `--json`, a pattern that passes
/// the audit and costs no more than the heuristic's, and its options refused where they do not
/// apply. (How far it gets in its time depends on the machine; what it reports must hold either way.)
@Suite(.serialized) struct OptimalCommandTests {
    @Test func theOptimalModeReportsItsPatternAndItsBound() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--unsigned",
                                         "--out", out, "--optimal", "--time-limit", "5", "--json"], environment: ExportCommandTests.epoch)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let optimal = try #require(report["optimal"] as? [String: Any])
        #expect(report["not_tried_again"] as? Int == 0)
        let cost = try #require(optimal["cost"] as? Double), bound = try #require(optimal["lower_bound"] as? Double)
        let heuristic = try #require(optimal["heuristic_cost"] as? Double), gap = try #require(optimal["gap"] as? Double)
        #expect(cost > 0 && bound >= 0 && bound <= cost && cost <= heuristic)
        #expect(abs(gap - (cost - bound) / cost) < 1e-9)
        if optimal["proven"] as? Bool == true { #expect(gap <= 0.005 && optimal["from_heuristic"] as? Bool == false) }
        #expect((optimal["rounds"] as? Int).map { $0 >= 0 } == true && (optimal["cuts"] as? Int).map { $0 >= 0 } == true)
        let audit = CLI.run("audit", out + "/unodc-2023")
        #expect(audit.status == 0 && audit.stdout.contains("0 narrow, 0 small counts published: passed"), "\(audit.stdout)")
        // The plain export says nothing of an optimal search.
        let plain = CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--unsigned",
                                             "--out", CLI.temporaryDirectory() + "/plain", "--json"], environment: ExportCommandTests.epoch)
        #expect(plain.status == 0 && !plain.stdout.contains("\"optimal\""))
    }

    /// A time limit that ends before the heuristic's pattern is made (it counts from the start,
    /// and no machine protects GRETA's 1,678 cells in a millisecond; nor does the search prove
    /// GRETA's pattern in minutes): the bundle is the one the export without --optimal writes, its
    /// audit passes, and the search reports it as the time limit's, not proven. No timing is
    /// asserted, only what holds however fast the machine is.
    @Test func whenTheTimeLimitEndsFirstTheHeuristicsAuditedPatternIsUsedAndNotProven() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let dir = CLI.temporaryDirectory()
        func export(_ out: String, _ more: [String]) -> (status: Int32, stdout: String, stderr: String) {
            CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned",
                                     "--out", dir + "/" + out, "--json"] + more, environment: ExportCommandTests.epoch)
        }
        let r = export("optimal", ["--optimal", "--time-limit", "0.001"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let optimal = try #require(report["optimal"] as? [String: Any])
        #expect(optimal["proven"] as? Bool == false && optimal["finished"] as? Bool == false && optimal["from_heuristic"] as? Bool == true, "\(optimal)")
        #expect(optimal["rounds"] as? Int == 0 && optimal["cuts"] as? Int == 0 && optimal["lower_bound"] as? Double == 0 && optimal["gap"] as? Double == 1)
        let cost = try #require(optimal["cost"] as? Double)
        #expect(cost > 0 && optimal["heuristic_cost"] as? Double == cost)
        let audit = CLI.run("audit", dir + "/optimal/greta-2023", "--exact")
        #expect(audit.status == 0 && audit.stdout.contains("0 narrow, 0 small counts published: passed")
                && audit.stdout.contains("certificate.json: every hidden cell proven protected"), "\(audit.stdout)")
        let plain = export("plain", [])
        #expect(plain.status == 0, "\(plain.stderr)")
        for file in ["greta-2023/tables.json", "greta-2023/audit.json", "greta-2023/tables.csv", "loss.json"] {
            #expect(FileManager.default.contents(atPath: dir + "/optimal/" + file) == FileManager.default.contents(atPath: dir + "/plain/" + file), "\(file)")
        }
        // As text: the time limit's verdict, in words.
        let text = CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned",
                                            "--out", dir + "/text", "--optimal", "--time-limit", "0.001"], environment: ExportCommandTests.epoch)
        #expect(text.status == 0 && text.stdout.contains("time limit reached after 0 rounds: the heuristic's pattern is kept"), "\(text.stdout)")
    }

    @Test func aTimeLimitWithoutTheOptimalModeOrOutOfRangeIsRefused() {
        let input = ExportCommandTests.prepared.pseudonymised
        let out = CLI.temporaryDirectory() + "/bundles"
        for (more, message) in [(["--time-limit", "10"], "--time-limit applies to --optimal"),
                                (["--optimal", "--time-limit", "0"], "give seconds above 0, at most 86400")] {
            let r = CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--unsigned",
                                             "--out", out] + more)
            #expect(r.status == 64 && r.stderr.contains(message), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
