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
        #expect((optimal["rounds"] as? Int ?? 0) >= 1)
        let audit = CLI.run("audit", out + "/unodc-2023")
        #expect(audit.status == 0 && audit.stdout.contains("0 narrow, 0 small counts published: passed"), "\(audit.stdout)")
        // The plain export says nothing of an optimal search.
        let plain = CLI.execute(CLI.binary, ["export", "--in", input, "--recipient", "unodc", "--period", "2023", "--country", "AZE", "--unsigned",
                                             "--out", CLI.temporaryDirectory() + "/plain", "--json"], environment: ExportCommandTests.epoch)
        #expect(plain.status == 0 && !plain.stdout.contains("\"optimal\""))
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
