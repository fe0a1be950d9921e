import Foundation
import Testing
@testable import SafeStats

/// The job's configuration file and the periods it names relative to the day it runs.
@Suite struct JobConfigurationTests {
    private func config(_ yaml: String) -> String {
        let path = TestSupport.temporaryDirectory() + "/job.yaml"
        TestSupport.write(yaml, to: path)
        return path
    }

    static let minimal = """
        input: records
        signing_key: /keys/signing.key
        country: AZE
        output: out
        recipients:
          greta: last-calendar-year
          us-tip: last-tip-year

        """

    @Test func aMinimalConfigurationResolvesPathsAgainstItsDirectory() throws {
        let path = config(Self.minimal)
        let dir = (path as NSString).deletingLastPathComponent
        let c = try JobConfiguration.read(from: path)
        #expect(c.input == dir + "/records" && c.output == dir + "/out" && c.signingKey == "/keys/signing.key")
        #expect(c.recipients == [.init(id: "greta", period: "last-calendar-year"), .init(id: "us-tip", period: "last-tip-year")])
        #expect(c.pseudonymisationKey == nil && c.minimumThreshold == nil && c.country == "AZE")
        #expect(c.keep.isEmpty && !c.thorough)
        let kept = try JobConfiguration.read(from: config(Self.minimal + "keep:\n  - unodc/victims\n  - greta/victims:sex=male,age_group=adult\nthorough: true\n"))
        #expect(kept.keep.map(\.description) == ["unodc/victims", "greta/victims:age_group=adult,sex=male"] && kept.thorough)
    }

    @Test(arguments: [
        ("", "not a mapping of settings"),
        (minimal + "passphrase: hunter2\n", "unknown setting passphrase"),
        (minimal.replacingOccurrences(of: "country: AZE\n", with: ""), "country: missing"),
        (minimal.replacingOccurrences(of: "AZE", with: "ZZZ"), "country: not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
        (minimal.replacingOccurrences(of: "AZE", with: "XXA"), "country: not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
        (minimal.replacingOccurrences(of: "greta: last-calendar-year", with: "eurostat: 2023"), "recipients: eurostat is not a recipient"),
        (minimal.replacingOccurrences(of: "last-tip-year", with: "next-year"), "recipients.us-tip: next-year is not a period"),
        (minimal + "signing_passphrase_env: correct horse\n", "signing_passphrase_env: must name an environment variable"),
        (minimal + "minimum_threshold: 0\n", "minimum_threshold: must be a whole number from 1 to 100"),
        ("input: [unclosed\n", "not YAML"),
        (minimal + "keep: unodc/victims\n", "keep: must be a list of cells"),
        (minimal + "keep:\n  - unodc\n", "keep: unodc is not RECIPIENT/TABLE"),
        (minimal + "thorough: often\n", "thorough: must be true or false"),
    ])
    func badConfigurationsAreRefusedNamingTheSetting(yaml: String, message: String) {
        let path = config(yaml)
        #expect {
            try JobConfiguration.read(from: path)
        } throws: { error in
            guard let e = error as? JobFailure, case .configuration(let text) = e else { return false }
            return text.hasPrefix(path + ": ") && text.contains(message) && e.exitStatus == .configuration
        }
    }

    @Test func relativePeriodsResolveFromTheDayTheJobRuns() throws {
        let greta = try Profile.named("greta"), tip = try Profile.named("us-tip")
        func p(_ text: String, _ profile: Profile, _ today: String) -> String? {
            RelativePeriod(text)?.resolve(for: profile, today: ISODate(today)!).map { "\($0.start)..\($0.end)" }
        }
        #expect(p("last-quarter", greta, "2024-01-01") == "2023-10-01..2023-12-31")
        #expect(p("last-quarter", greta, "2024-05-15") == "2024-01-01..2024-03-31")
        #expect(p("last-quarter", greta, "2024-12-31") == "2024-07-01..2024-09-30")
        #expect(p("last-calendar-year", greta, "2024-01-01") == "2023-01-01..2023-12-31")
        #expect(p("last-tip-year", tip, "2024-03-31") == "2022-04-01..2023-03-31")
        #expect(p("last-tip-year", tip, "2024-04-01") == "2023-04-01..2024-03-31")
        #expect(p("2024", tip, "2026-01-01") == "2023-04-01..2024-03-31")  // a plain year is TIP's reporting year
        #expect(p("2024", greta, "2026-01-01") == "2024-01-01..2024-12-31")
        #expect(RelativePeriod("2023-Q5") == nil && RelativePeriod("soon") == nil)
    }

    @Test func theExampleConfigurationIsValid() throws {
        let c = try JobConfiguration.read(from: TestSupport.root + "/examples/quarterly-job.example.yaml")
        #expect(c.recipients.map(\.id) == ["greta", "unodc", "us-tip"])
        #expect(c.signingKey == TestSupport.root + "/keys-example/signing.example.key")
    }

    @Test func isoTimesRoundTrip() {
        for t: Int64 in [0, 1_767_225_600, 1_767_225_600 + 86_399, 951_782_400] {
            #expect(Timestamp.seconds(fromISO: Timestamp.iso(t)) == t)
        }
        #expect(Timestamp.seconds(fromISO: "2026-01-01 00:00:00") == nil)
    }

    /// `minimum_threshold` and `minimum_protection_width` raise every table's rule, never lower it.
    @Test func aStricterFloorRaisesEveryTableAndLowersNone() throws {
        let units = try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                             today: ISODate("2026-01-01")!, problems: ProblemLog())
        let greta = try Profile.named("greta")
        let plain = try Export(units, requests: [(greta, greta.period("2023")!)], country: "AZE")
        let strict = try Export(units, requests: [(greta, greta.period("2023")!)], country: "AZE", atLeast: ProtectionRule(threshold: 8, width: 3))
        let before = plain.bundles[0].view.tables, after = strict.bundles[0].view.tables
        #expect(before.count == after.count && !after.isEmpty)
        for (b, a) in zip(before, after) {
            #expect(a.threshold == max(b.threshold, 8) && a.protectionWidth == max(b.protectionWidth, 3), "\(a.id)")
        }
    }
}
