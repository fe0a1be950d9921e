import Foundation
import Testing

/// `safestats tabulate` and `safestats audit`, run as a data officer and an auditor run them.
@Suite(.serialized) struct ReleaseCommandTests {
    static let tables = CLI.root + "/tables/national-example.json"

    /// Synthetic records, their pseudonymised form, and the release tabulated from the latter.
    static let prepared: (records: String, pseudonymised: String, release: String) = {
        let dir = CLI.temporaryDirectory()
        CLI.run("synth", "--out", dir + "/records", "--victims", "1500", "--seed", "7")
        CLI.run("pseudonymise", "--in", dir + "/records", "--key", CLI.exampleKey, "--out", dir + "/pseudonymised")
        let r = CLI.run("tabulate", "--in", dir + "/pseudonymised", "--tables", tables, "--period", "2023", "--out", dir + "/release")
        precondition(r.status == 0, r.stderr)
        return (dir + "/records", dir + "/pseudonymised", dir + "/release")
    }()

    private func data(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    private func python(_ arguments: String...) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute("/usr/bin/env", ["python3"] + arguments)
    }

    @Test func aReleaseIsTheSameFromPseudonymisedAndFromIdentifiableRecordsAndEveryTime() throws {
        let p = Self.prepared
        let again = CLI.temporaryDirectory() + "/release"
        let fromRecords = CLI.run("tabulate", "--in", p.records, "--key", CLI.exampleKey, "--tables", Self.tables,
                                  "--period", "2023", "--out", again, "--json")
        #expect(fromRecords.status == 0, "\(fromRecords.stderr)")
        #expect(fromRecords.stderr.contains("EXAMPLE key"))
        #expect(data(again + "/tables.json") == data(p.release + "/tables.json"))
        #expect(data(again + "/audit.json") == data(p.release + "/audit.json"))
        let summary = try #require(JSONSerialization.jsonObject(with: Data(fromRecords.stdout.utf8)) as? [String: Any])
        #expect(summary["tables"] as? Int == 24 && summary["audit_passed"] as? Bool == true)
        #expect((summary["primary"] as? Int ?? 0) > 50)
        // Nothing identifying is in the release: no pseudonym, no record id.
        let text = String(decoding: data(p.release + "/tables.json"), as: UTF8.self)
        #expect(text.range(of: "[0-9a-f]{32}", options: .regularExpression) == nil)
    }

    @Test func theWrittenReleaseAndItsAuditAreCheckedByPython() {
        let p = Self.prepared
        let check = python(CLI.root + "/Tests/python/check_release.py", p.release + "/tables.json", p.release + "/audit.json",
                           CLI.root + "/schemas", "60")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("ok: "))
    }

    @Test func anAuditorRecomputesTheAuditFromTheTablesAlone() {
        let p = Self.prepared
        let r = CLI.run("audit", p.release)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("0 narrow, 0 small counts published: passed"))
        #expect(r.stdout.contains("audit.json agrees with the recomputed audit"))
        let json = CLI.run("audit", p.release + "/tables.json", "--json")
        #expect(json.status == 0)
        #expect(Data(json.stdout.utf8) == data(p.release + "/audit.json"))
        // Every interval solved exactly: the recorded ranges lie inside, the verdicts agree.
        let exact = CLI.run("audit", p.release, "--exact", "--json")
        #expect(exact.status == 0, "\(exact.stderr)")
        let entries = (try? JSONSerialization.jsonObject(with: Data(exact.stdout.utf8)) as? [String: Any])?["intervals"] as? [[String: Any]] ?? []
        #expect(!entries.isEmpty && entries.allSatisfy { $0["exact"] as? Bool == true })
        let recorded = (try? JSONSerialization.jsonObject(with: data(p.release + "/audit.json")) as? [String: Any])?["intervals"] as? [[String: Any]] ?? []
        #expect(recorded.contains { $0["exact"] as? Bool == false }, "the quick audit skips programs")
        #expect(CLI.run("audit", p.release, "--exact").stdout.contains("audit.json agrees"))
    }

    /// Edits `file` of a copy of the release as JSON and returns the copy.
    private func tampered(_ file: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let copy = CLI.temporaryDirectory() + "/release"
        try FileManager.default.copyItem(atPath: Self.prepared.release, toPath: copy)
        var object = try #require(JSONSerialization.jsonObject(with: data(copy + "/" + file)) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: copy + "/" + file))
        return copy
    }

    @Test func anAuditFailsWhenAHiddenCellIsTooNarrowOrASmallCountIsPublished() throws {
        // A hidden cell that can be 0 asks for a wider protection than it has.
        let narrow = try tampered("tables.json") { doc in
            var cells = doc["cells"] as! [[String: Any]]
            let audit = try! JSONSerialization.jsonObject(with: data(Self.prepared.release + "/audit.json")) as! [String: Any]
            let entry = (audit["intervals"] as! [[String: Any]]).first { ($0["lower"] as! Double) == 0 && $0["upper"] is Double }!
            cells[entry["cell"] as! Int]["protection_width"] = 100_000
            doc["cells"] = cells
        }
        let r1 = CLI.run("audit", narrow)
        #expect(r1.status == 1)
        #expect(r1.stdout.contains("narrow: cell ") && r1.stdout.contains("1 narrow") && r1.stdout.contains("FAILED"))
        #expect(r1.stdout.contains("audit.json does NOT agree"))
        // A published count under a raised threshold.
        let small = try tampered("tables.json") { doc in
            var cells = doc["cells"] as! [[String: Any]]
            let i = cells.firstIndex { ($0["value"] as? Int ?? 0) >= 5 }!
            cells[i]["threshold"] = (cells[i]["value"] as! Int) + 1
            doc["cells"] = cells
        }
        let r2 = CLI.run("audit", small)
        #expect(r2.status == 1)
        #expect(r2.stdout.contains("small count published: cell "))
        // An audit.json that says something else.
        let forged = try tampered("audit.json") { doc in
            var intervals = doc["intervals"] as! [[String: Any]]
            intervals[0]["upper"] = 1_000_000
            doc["intervals"] = intervals
        }
        let r3 = CLI.run("audit", forged)
        #expect(r3.status == 1 && r3.stdout.contains("passed") && r3.stdout.contains("does NOT agree"))
        #expect(CLI.run("audit", forged, "--exact").status == 1)
    }

    @Test func malformedOrInconsistentTablesAreBadData() throws {
        let dir = CLI.temporaryDirectory()
        try Data("{\"format\": \"safestats-tables\"".utf8).write(to: URL(fileURLWithPath: dir + "/tables.json"))
        let r1 = CLI.run("audit", dir)
        #expect(r1.status == 65 && r1.stderr.contains("not a safestats tables document"))
        // Relations that cannot hold: a published total larger than its published parts allow.
        let inconsistent = try tampered("tables.json") { doc in
            var cells = doc["cells"] as! [[String: Any]]
            let total = cells.lastIndex { ($0["categories"] as! [String: String]).isEmpty && $0["value"] is Int }!
            cells[total]["value"] = (cells[total]["value"] as! Int) + 1_000_000
            doc["cells"] = cells
        }
        let r2 = CLI.run("audit", inconsistent)
        #expect(r2.status == 65 && r2.stderr.contains("inconsistent"), "\(r2.stderr)")
        #expect(CLI.run("audit", dir + "/nothing").status == 65)
    }

    @Test func tabulateRefusesBadArgumentsAndWritesNothing() throws {
        let p = Self.prepared
        let out = CLI.temporaryDirectory() + "/out"
        let noKey = CLI.run("tabulate", "--in", p.records, "--tables", Self.tables, "--period", "2023", "--out", out)
        #expect(noKey.status == 64 && noKey.stderr.contains("give --key"))
        let badPeriod = CLI.run("tabulate", "--in", p.pseudonymised, "--tables", Self.tables, "--period", "2023-Q5", "--out", out)
        #expect(badPeriod.status == 64 && badPeriod.stderr.contains("The value '2023-Q5' is invalid for '--period <period>'"), "\(badPeriod.stderr)")
        let tables = CLI.temporaryDirectory() + "/tables.json"
        try Data(#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "dimensions": ["colour"]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: tables))
        let badTables = CLI.run("tabulate", "--in", p.pseudonymised, "--tables", tables, "--period", "2023", "--out", out)
        #expect(badTables.status == 78 && badTables.stderr.contains("unknown dimension colour"))
        let exists = CLI.run("tabulate", "--in", p.pseudonymised, "--tables", Self.tables, "--period", "2023", "--out", p.release)
        #expect(exists.status == 74 && exists.stderr.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aBrokenPseudonymisedFileIsReportedWithWhereAndWhyAndNoValue() throws {
        let copy = CLI.temporaryDirectory() + "/pseudonymised"
        try FileManager.default.copyItem(atPath: Self.prepared.pseudonymised, toPath: copy)
        let path = copy + "/victims.csv"
        var lines = String(decoding: data(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let secret = "NOT-A-PSEUDONYM-4711"
        fields[1] = secret
        lines[3] = fields.joined(separator: ",")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let out = CLI.temporaryDirectory() + "/out"
        let r = CLI.run("tabulate", "--in", copy, "--tables", Self.tables, "--period", "2023", "--out", out)
        #expect(r.status == 65)
        #expect(r.stderr.contains("victims.csv:4:2 (person_pid) [pattern] must be a pseudonym: 32 lower-case hex digits"), "\(r.stderr)")
        #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
