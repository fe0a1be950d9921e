import Foundation
import Testing

/// `revisions: hold` through `safestats run`: GRETA's four quarters of 2023 and then the year, a
/// late registration in the quarter just sent before every run. No run stops; the year's run says
/// how many cells already sent the register now disagrees with;
/// and an independent attacker (scipy) holding all five bundles finds no narrow cell.
@Suite(.serialized) struct RunRevisionTests {
    /// A victim identified on `day`, registered late: a person of their own (no passport, name or
    /// date of birth of another record, so that linkage merges them with no one).
    private func register(_ n: Int, identified day: String, in dir: String) {
        let victims = dir + "/records/victims.csv"
        let text = String(decoding: FileManager.default.contents(atPath: victims)!, as: UTF8.self)
        let given = ["Aysel", "Leyla", "Nigar", "Sevda", "Gunel", "Aynur", "Samira", "Lala", "Narmin", "Sabina"][n]
        CLI.write(text + "LATE-\(n),ngo,,L\(String(format: "%07d", n)),AZE,\(given),Registration,\(1960 + n)-03-15,female,AZE,AZ-BA,identified,\(day),,"
                  + "forced_labour,RUS,false,,shelter,,,\n", to: victims)
    }

    @Test func lateRegistrationsEveryQuarterNeverStopTheJob() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "400", "--seed", "5").status == 0)
        CLI.writeJob(in: dir, period: "last-quarter")
        let runs = [("2023-04-02", nil), ("2023-07-02", "2023-02-14"), ("2023-10-02", "2023-05-20"), ("2024-01-02", "2023-08-08")]
        var disagreements: [String] = []
        for (n, (asOf, late)) in runs.enumerated() {
            if let late { register(n, identified: late, in: dir) }
            let r = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", asOf])
            #expect(r.status == 0, "\(asOf): \(r.stderr)")
            disagreements.append(r.stderr.split(separator: "\n").first { $0.contains("now gives other values") }.map { String($0.split(separator: " ").last!) } ?? "none")
        }
        register(9, identified: "2023-11-30", in: dir)
        CLI.writeJob(in: dir, period: "last-calendar-year")
        let year = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", "2024-01-03"])
        #expect(year.status == 0, "\(year.stderr)")
        disagreements.append(year.stderr.split(separator: "\n").first { $0.contains("now gives other values") }.map { String($0.split(separator: " ").last!) } ?? "none")
        // A quarter's run is protected with no earlier quarter (their periods do not overlap), so
        // it has nothing to disagree with; the year's run counts every quarter as it was sent.
        #expect(disagreements == ["none", "none", "none", "none", "cells=188"], "\(disagreements)")
        let bundles = ["greta-2023-Q1", "greta-2023-Q2", "greta-2023-Q3", "greta-2023-Q4", "greta-2023"].map { "\(dir)/releases/\($0)/\($0)" }
        for b in bundles { #expect(CLI.run("verify", b, "--public-key", CLI.examplePublicKey).status == 0, "\(b)") }
        let attack = CLI.execute("/usr/bin/env", ["python3", CLI.root + "/Tests/python/attack_releases.py"] + bundles)
        #expect(attack.status == 0 && attack.stdout.hasPrefix("ok: "), "\(attack.stdout.prefix(500))\(attack.stderr)")
    }
}
