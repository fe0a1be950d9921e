import Foundation
import Testing

/// `revisions: publish` through `safestats run` and `export --history`: GRETA's quarters of 2023,
/// the year, and two quarters of 2024, a late registration in the period just sent before every
/// run (`scripts/benchmark-chain` runs two years of three recipients, attacker included). Every run
/// revises the bundle the late registration changed (RECIPIENT-PERIOD-v2, marked in its manifest
/// and report), and an independent attacker (HiGHS, `Tests/python/attack_versions.py`) holding
/// every version of every bundle finds no hidden cell and no difference between two versions
/// narrower than its width; the same attacker finds a revision protected alone.
@Suite(.serialized) struct RunPublishTests {
    /// A victim identified on `day`, registered late: a person of their own.
    private func register(_ n: Int, identified day: String, in dir: String) {
        let victims = dir + "/records/victims.csv"
        let text = String(decoding: FileManager.default.contents(atPath: victims)!, as: UTF8.self)
        CLI.write(text + "LATE-\(n),ngo,,L\(String(format: "%07d", n)),AZE,Late\(n),Registration,\(1960 + n)-03-15,female,AZE,AZ-BA,identified,\(day),,"
                  + "forced_labour,RUS,false,,shelter,,,\n", to: victims)
    }

    private func job(_ dir: String, period: String) {
        CLI.write("""
            input: records
            pseudonymisation_key: \(CLI.exampleKey)
            signing_key: \(CLI.exampleSigningKey)
            country: AZE
            output: releases
            revisions: publish
            recipients:
              greta: \(period)
            """, to: dir + "/job.yaml")
    }

    private func attack(_ releases: [String]) -> (status: Int32, stdout: String) {
        let r = CLI.execute("/usr/bin/env", ["python3", CLI.root + "/Tests/python/attack_versions.py"] + releases)
        return (r.status, r.stdout + r.stderr)
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path) ?? Data()) as? [String: Any])
    }

    @Test func lateRegistrationsEveryQuarterAreRevisedAndProtectedOverEveryVersion() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "250", "--seed", "5").status == 0)
        // (as of, period, late registration before the run, the bundles it releases)
        let runs: [(String, String, String?, [String])] = [
            ("2023-04-02", "last-quarter", nil, ["greta-2023-Q1"]),
            ("2023-07-02", "last-quarter", "2023-02-14", ["greta-2023-Q1-v2", "greta-2023-Q2"]),
            ("2023-10-02", "last-quarter", "2023-05-20", ["greta-2023-Q2-v2", "greta-2023-Q3"]),
            ("2024-01-02", "last-quarter", "2023-08-08", ["greta-2023-Q3-v2", "greta-2023-Q4"]),
            ("2024-01-03", "last-calendar-year", "2023-11-30", ["greta-2023", "greta-2023-Q4-v2"]),
            ("2024-04-02", "last-quarter", "2023-12-20", ["greta-2023-Q4-v3", "greta-2023-v2", "greta-2024-Q1"]),
            ("2024-07-02", "last-quarter", "2024-03-03", ["greta-2024-Q1-v2", "greta-2024-Q2"]),
        ]
        var releases: [String] = []
        for (n, (asOf, period, late, expected)) in runs.enumerated() {
            if let late { register(n, identified: late, in: dir) }
            job(dir, period: period)
            let r = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", asOf])
            #expect(r.status == 0, "\(asOf): \(r.stderr)")
            let release = try #require(r.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }, "\(r.stdout)")
            releases.append(release)
            let bundles = try FileManager.default.contentsOfDirectory(atPath: release).filter { !$0.hasSuffix(".json") }.sorted()
            #expect(bundles == expected.sorted(), "\(asOf)")
            #expect(r.stderr.contains("revisions of bundles already sent") == (late != nil), "\(asOf): \(r.stderr)")
            for b in bundles { #expect(CLI.run("verify", release + "/" + b, "--public-key", CLI.examplePublicKey).status == 0, "\(b)") }
            let loss = try json(release + "/loss.json")["protected_with"] as? [String: Any]
            #expect(loss?["revisions"] as? String == "publish")
            #expect(Set(loss?["revised"] as? [String] ?? []) == Set(expected.filter { $0.contains("-v") }), "\(asOf)")
        }
        // A revision names its version and the bundle it replaces, in its manifest and its report.
        let original = try json(releases[0] + "/greta-2023-Q1/manifest.json")
        let revision = try json(releases[1] + "/greta-2023-Q1-v2/manifest.json")["revision"] as? [String: Any]
        #expect(revision?["version"] as? Int == 2 && revision?["replaces"] as? String == original["bundle_id"] as? String, "\(String(describing: revision))")
        let third = try json(releases[5] + "/greta-2023-Q4-v3/manifest.json")["revision"] as? [String: Any]
        let second = try json(releases[4] + "/greta-2023-Q4-v2/manifest.json")
        #expect(third?["version"] as? Int == 3 && third?["replaces"] as? String == second["bundle_id"] as? String)
        let report = String(decoding: FileManager.default.contents(atPath: releases[1] + "/greta-2023-Q1-v2/report.html")!, as: UTF8.self)
        #expect(report.contains("version 2 of these tables: replaces the bundle \(original["bundle_id"]!)"))
        // The revision counts the late victim: the first version's national total of 2023-Q1 was
        // one less, and the revision does not let anyone compute that difference of one.
        let attacked = attack(releases)
        #expect(attacked.status == 0 && attacked.stdout.hasPrefix("ok: 7 versions, "), "\(attacked.stdout.prefix(800))")
        // Run again on the same day: the release stands, no revision of a revision.
        let again = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", "2024-07-02"])
        #expect(again.status == 0 && again.stderr.contains("already released"), "\(again.stderr)")
    }

    @Test func aRevisionProtectedAloneIsCaughtAndExportsByHandRevise() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "250", "--seed", "5").status == 0)
        func export(_ period: String, out: String, _ extra: [String]) -> (status: Int32, stdout: String, stderr: String) {
            CLI.run(["export", "--in", dir + "/records", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta", "--period", period,
                     "--country", "AZE", "--unsigned", "--out", dir + "/" + out] + extra)
        }
        let history = ["--history", dir + "/history.sqlite", "--revisions", "publish"]
        #expect(export("2023-Q1", out: "q1", history).status == 0)
        register(1, identified: "2023-02-14", in: dir)
        // Counted again and protected alone, the first quarter pins the late victim's cells.
        #expect(export("2023-Q1", out: "alone", []).status == 0)
        let naive = attack([dir + "/q1", dir + "/alone"])
        #expect(naive.status == 1 && naive.stdout.hasPrefix("8 narrow:\nversions 0 and 1: victims identification_date 2023-Q1 {'compensation': 'unknown'}: "
                                                        + "difference in an interval 0.000 wide, width 5\n"),
                "\(naive.stdout.prefix(800))")
        // By hand with the history, the next quarter's export revises the first, safely.
        let q2 = export("2023-Q2", out: "q2", history)
        #expect(q2.status == 0, "\(q2.stderr)")
        #expect(q2.stdout.contains("  revises bundles already sent: greta-2023-Q1-v2, protected together with every version sent\n"), "\(q2.stdout)")
        let attacked = attack([dir + "/q1", dir + "/q2"])
        #expect(attacked.status == 0 && attacked.stdout.hasPrefix("ok: 2 versions, "), "\(attacked.stdout.prefix(800))")
        // publish needs a history to protect the revision with.
        let refused = export("2023-Q2", out: "none", ["--revisions", "publish"])
        #expect(refused.status == 64 && refused.stderr.contains("--revisions publish needs --history"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/none"))
    }
}
