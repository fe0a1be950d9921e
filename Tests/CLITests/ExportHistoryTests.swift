import Foundation
import Testing

/// `export --history`: exports by hand remember what was sent, as the job does. The TIP year,
/// then the next one (which shows the first beside it), then the next one again after a late
/// registration in the first; and GRETA's first quarter, then its first half-year, with and
/// without the history. An independent attacker (scipy, `Tests/python/attack_releases.py`)
/// holding every bundle is the judge.
@Suite(.serialized) struct ExportHistoryTests {
    private func export(_ dir: String, _ records: String, _ recipient: String, _ period: String, out: String, history: Bool = true)
        -> (status: Int32, stdout: String, stderr: String) {
        CLI.run(["export", "--in", dir + "/" + records, "--pseudonymisation-key", CLI.exampleKey, "--recipient", recipient, "--period", period,
                 "--country", "AZE", "--unsigned", "--out", dir + "/" + out] + (history ? ["--history", dir + "/history.sqlite"] : []))
    }

    private func attack(_ bundles: [String]) -> (status: Int32, stdout: String) {
        let r = CLI.execute("/usr/bin/env", ["python3", CLI.root + "/Tests/python/attack_releases.py"] + bundles)
        return (r.status, r.stdout + r.stderr)
    }

    /// Cell values by (period, categories) of a bundle's tables.json, published cells only.
    private func published(_ bundle: String) throws -> [String: Int] {
        let doc = try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: bundle + "/tables.json") ?? Data()) as? [String: Any])
        var out: [String: Int] = [:]
        for cell in doc["cells"] as? [[String: Any]] ?? [] {
            guard let value = cell["value"] as? Int else { continue }
            let categories = (cell["categories"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            out[(["\(cell["population"]!)", "\(cell["period_rule"]!)", "\(cell["period"]!)"] + categories).joined(separator: "|")] = value
        }
        return out
    }

    @Test func theTIPYearsExportedByHandStandAsSentThroughALateRegistration() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "400", "--seed", "5").status == 0)
        let history = dir + "/history.sqlite"
        let first = export(dir, "records", "us-tip", "2023", out: "a")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("  protected together with no release already sent: \(history) records none whose periods overlap\n"), "\(first.stdout)")
        #expect(CLI.mode(history) == 0o600)
        let second = export(dir, "records", "us-tip", "2024", out: "b")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("  protected together with us-tip-2023 (\(history))\n"), "\(second.stdout)")
        // Every figure of the TIP year 2023 that was sent is sent again as it was.
        let sent = try published(dir + "/a/us-tip-2023"), again = try published(dir + "/b/us-tip-2024")
        let year2023 = sent.filter { $0.key.contains("|2022-04-01..2023-03-31") }
        #expect(year2023.count > 100 && year2023.allSatisfy { again[$0.key] == $0.value }, "\(year2023.count)")
        // and what it hid stays hidden.
        #expect(Set(again.keys.filter { $0.contains("|2022-04-01..2023-03-31") }) == Set(year2023.keys))
        // Alone, an export says so (the next test shows what that lets an attacker do).
        let alone = export(dir, "records", "us-tip", "2024", out: "alone", history: false)
        #expect(alone.stdout.contains("  protected alone: no --history, so not together with releases already sent"), "\(alone.stdout)")
        // A late registration in the TIP year 2023, already sent: the figures sent stand.
        let victims = dir + "/records/victims.csv"
        let text = String(decoding: FileManager.default.contents(atPath: victims)!, as: UTF8.self)
        CLI.write(text + "LATE-1,ngo,,C99999901,AZE,Test,Late,1990-01-01,female,AZE,AZ-BA,identified,2023-02-10,,forced_labour,RUS,false,,shelter,,,\n", to: victims)
        let late = export(dir, "records", "us-tip", "2024", out: "c")
        #expect(late.status == 0, "\(late.stderr)")
        #expect(late.stdout.contains("  protected together with us-tip-2023 (\(history))\n"), "\(late.stdout)")
        #expect(late.stdout.contains("  the register now gives other values for 19 cells already sent: they stand as sent (revisions: hold)\n"), "\(late.stdout)")
        #expect(try published(dir + "/c/us-tip-2024") == again)
        let loss = try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: dir + "/c/loss.json") ?? Data()) as? [String: Any])
        let with = try #require(loss["protected_with"] as? [String: Any])
        #expect(with["history"] as? String == history && with["sent"] as? [String] == ["us-tip-2023"] && with["disagreements"] as? Int == 19)
        let aloneLoss = try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: dir + "/alone/loss.json") ?? Data()) as? [String: Any])
        #expect((aloneLoss["protected_with"] as? [String: Any])?["history"] is NSNull)
        // The history, read with Python's sqlite3: two releases, where they went, with their units.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print([(n, s, p.endswith("/" + n.split("-")[-1].replace("2023", "a").replace("2024", "b"))) for n, s, p in db.execute("SELECT name, state, path FROM release ORDER BY rowid")],
                  db.execute("SELECT COUNT(*) FROM units").fetchone()[0])
            """
        let py = CLI.execute("/usr/bin/env", ["python3", "-c", script, history])
        #expect(py.stdout == "[('us-tip-2023', 'confirmed', True), ('us-tip-2024', 'confirmed', True)] 2\n", "\(py.stdout)\(py.stderr)")
        let verdict = attack([dir + "/a/us-tip-2023", dir + "/b/us-tip-2024", dir + "/c/us-tip-2024"])
        #expect(verdict.status == 0 && verdict.stdout.hasPrefix("ok: "), "\(verdict.stdout)")
    }

    /// GRETA's first quarter, then the first half-year: exported alone, the two let an attacker
    /// pin small counts of the second quarter by differencing; with the history, they do not.
    @Test func aQuarterThenItsHalfYearLeakAloneAndNotWithTheHistory() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "400", "--seed", "5").status == 0)
        for (period, out) in [("2023-Q1", "q"), ("2023-01-01..2023-06-30", "h")] {
            #expect(export(dir, "records", "greta", period, out: out).status == 0)
            #expect(export(dir, "records", "greta", period, out: out + "-alone", history: false).status == 0)
        }
        let leak = attack([dir + "/q-alone/greta-2023-Q1", dir + "/h-alone/greta-2023-01-01..2023-06-30"])
        #expect(leak.status == 1 && leak.stdout.hasPrefix("93 narrow cells:"), "\(leak.stdout.prefix(300))")
        let held = attack([dir + "/q/greta-2023-Q1", dir + "/h/greta-2023-01-01..2023-06-30"])
        #expect(held.status == 0 && held.stdout.hasPrefix("ok: "), "\(held.stdout.prefix(300))")
    }
}
