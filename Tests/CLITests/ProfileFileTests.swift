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
        #expect(csv.contains("Identified victims,Total,Total,All,2023,\(totals["2023"]!!),published\r\n"))
        for row in ["Identified victims by age,Age,18 to 25,All,2023,", "Identified victims by region of residence,Residence,Baku (capital),All,2023,",
                    "Identified victims by year exploitation began,Year exploitation began,Before 2018,All,2023,",
                    "Suspects wanted domestically and internationally,Wanted,Wanted internationally,All,2023,",
                    "Criminal cases opened: offences committed online,Committed online,Online,All,2023,"] {
            #expect(csv.contains(row), "\(row)")
        }
    }

    /// The example profile beside GRETA (CTDC age bands) and UNODC (children and adults): its own
    /// age bands are tied to both through age in years (see `HierarchyTests`), and every bundle
    /// passes its audit, recomputed from its tables.json. Python counts the groupings of its own from the
    /// pseudonymised records (each person once, identified, in the year first identified; the
    /// region of the earliest record that gives one, the earliest start of exploitation) and
    /// finds every published value.
    @Test func groupingsOfOnesOwnCountWhatPythonCountsAndAreProtectedWithTheBuiltInTables() throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = export(input, to: out, ["--recipient", "greta", "--recipient", "unodc", "--profile", Self.example, "--period", "2023"])
        #expect(r.status == 0, "\(r.stderr)")
        for bundle in ["greta-2023", "unodc-2023", "national-annual-report-2023"] {
            let audit = CLI.run("audit", out + "/" + bundle)
            #expect(audit.status == 0 && audit.stdout.contains("audit.json states the verdict that certificate.json proves"), "\(bundle): \(audit.stdout)")
        }
        let script = """
            import csv, json, sys, collections
            persons = collections.defaultdict(list)
            for row in csv.DictReader(open(sys.argv[1] + "/victims.csv", encoding="utf-8")):
                persons[row["person_pid"]].append(row)
            expected = collections.Counter()
            for rows in persons.values():
                rows.sort(key=lambda r: r["identification_date"])
                if rows[0]["identification_date"][:4] != "2023" or all(r["identification_status"] != "identified" for r in rows):
                    continue
                region = next((r["residence_region"] for r in rows if r["residence_region"]), None)
                expected[("residence", "unknown" if region is None else "capital" if region == "AZ-BA" else "other_regions")] += 1
                starts = [r["exploitation_start_date"] for r in rows if r["exploitation_start_date"]]
                year = int(min(starts)[:4]) if starts else None
                expected[("exploitation_began", "unknown" if year is None else f"before_2018" if year < 2018 else f"after_2025" if year > 2025 else str(year))] += 1
            tables = json.load(open(sys.argv[2]))
            checked = 0
            for table in tables["tables"]:
                if table["period"] != "2023" or not table["id"].endswith(("by-residence", "by-year-began")):
                    continue
                for c in table["cells"]:
                    cell = tables["cells"][c]
                    dims = {k: v for k, v in cell["categories"].items() if k != "identification_status"}
                    if not dims or cell["value"] is None:
                        continue
                    (name, category), = dims.items()
                    if cell["value"] != expected[(name, category)]:
                        print("differs", name, category, cell["value"], expected[(name, category)])
                        sys.exit(1)
                    checked += 1
            print("ok", checked)
            """
        let count = CLI.execute("/usr/bin/env", ["python3", "-c", script, input, out + "/national-annual-report-2023/tables.json"])
        #expect(count.status == 0 && count.stdout.hasPrefix("ok "), "\(count.stdout)\(count.stderr)")
        #expect((Int(count.stdout.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 8, "\(count.stdout)")
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
        // Victims (presumed too) of unknown age in 2023: a small count in this input (UNODC's
        // table of all victims by age holds it too, see ExportCommandTests).
        let small = try profile("small.json") {
            $0.replacingOccurrences(of: #""detected_victims": "identified""#, with: #""detected_victims": "identified_and_presumed""#)
              .replacingOccurrences(of: #""dimensions": ["sex"], "priority": 4, "keep": [{}]"#,
                                    with: #""dimensions": ["sex", "age_group"], "priority": 4, "keep": [{}, {"age_group": "unknown"}]"#)
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

    /// A profile whose id, or a table's id, is not a safe name (a path out of --out, `..`, a
    /// slash, spaces, nothing, 300 characters) is refused as a configuration error (exit 78) naming
    /// the file and the field, before anything is read or written: nothing appears in --out, beside
    /// it or above it.
    @Test(arguments: [("id", "../escape"), ("id", ".."), ("id", "a/b"), ("id", "Bad ID!"), ("id", ""),
                      ("id", String(repeating: "a", count: 300)), ("table", "a/b"), ("table", "../escape"), ("table", "..")])
    func anUnsafeIDIsRefusedAndNothingIsWrittenAnywhere(field: String, value: String) throws {
        let input = ExportCommandTests.prepared.pseudonymised
        let dir = CLI.temporaryDirectory(), parent = dir + "/parent", out = parent + "/bundles"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        var profile = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.example))) as? [String: Any])
        if field == "id" {
            profile["id"] = value
        } else {
            var tables = try #require(profile["tables"] as? [[String: Any]])
            tables[0]["id"] = value
            profile["tables"] = tables
        }
        let path = dir + "/unsafe.json"
        try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: path))
        func listing() throws -> [String: [String]] {
            try [dir, parent].reduce(into: [:]) { $0[$1] = try FileManager.default.contentsOfDirectory(atPath: $1).sorted() }
        }
        let before = try listing()
        #expect(before == [dir: ["parent", "unsafe.json"], parent: []])
        let r = export(input, to: out, ["--profile", path, "--period", "2023"])
        #expect(r.status == 78, "\(r.stderr)")
        let expected = field == "id" ? "\(path): id: must match ^[a-z][a-z0-9-]{0,62}$" : "\(path): tables[0].id: must match ^[a-z0-9][a-z0-9-]{0,62}$"
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(try listing() == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/escape-2023") && !FileManager.default.fileExists(atPath: parent + "/escape-2023"))
        #expect(r.stdout.isEmpty)
    }

    /// A table of citizenship × country of exploitation × age band × sex (the example counts
    /// identified victims only, so the status filter is a dimension too) is refused before
    /// anything is read: the input and the signing key named do not even exist, and the refusal
    /// (78) names the profile file, the table and its size; nothing is written. A table under the
    /// limit whose release goes over it is refused too.
    @Test(arguments: [
        (["citizenship_country", "exploitation_country", "age_band", "sex"], "table huge has 21,206,460 cells (3 × 253 × 254 × 11 × 5 categories with totals, over 2 periods and period atoms), more than the 50,000 one table may have"),
        (["citizenship_country", "exploitation_country"], "table huge has 385,572 cells (3 × 253 × 254 categories with totals, over 2 periods and period atoms), more than the 50,000 one table may have"),
    ])
    func aTableTooLargeToProtectIsRefusedBeforeAnythingIsRead(dimensions: [String], expected: String) throws {
        let dir = CLI.temporaryDirectory()
        var profile = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.example))) as? [String: Any])
        var tables = try #require(profile["tables"] as? [[String: Any]])
        tables.append(["id": "huge", "indicator": "Identified victims by citizenship, country of exploitation, age and sex",
                       "period_rule": "identification_date", "dimensions": dimensions])
        profile["tables"] = tables
        let path = dir + "/own.json"
        try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: path))
        let r = CLI.run(["export", "--in", dir + "/no-such-input", "--profile", path, "--period", "2023", "--country", "AZE",
                         "--signing-key", dir + "/no-such.key", "--out", dir + "/bundles"])
        #expect(r.status == 78, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("safestats: --profile \(path): \(expected): protecting it would exhaust memory. Use fewer or coarser dimensions"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("nothing was read or written\n") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["own.json"])
    }

    @Test func aReleaseTooLargeToProtectIsRefusedBeforeAnythingIsRead() throws {
        let dir = CLI.temporaryDirectory()
        var profile = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.example))) as? [String: Any])
        profile["tables"] = ["shelter", "medical", "psychological", "legal", "vocational_training", "employment", "financial_allowance", "education", "repatriation"].map { kind in
            ["id": "by-country-\(kind.replacingOccurrences(of: "_", with: "-"))", "indicator": "Identified victims by country of exploitation and \(kind)",
             "period_rule": "identification_date", "dimensions": ["exploitation_country", "sex", "received_\(kind)"]]
        }
        let path = dir + "/own.json"
        try JSONSerialization.data(withJSONObject: profile).write(to: URL(fileURLWithPath: path))
        let r = CLI.run(["export", "--in", dir + "/no-such-input", "--recipient", "greta", "--profile", path, "--period", "2023",
                         "--country", "AZE", "--unsigned", "--out", dir + "/bundles"])
        #expect(r.status == 78, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("safestats: the release has "), "\(r.stderr)")
        #expect(r.stderr.contains("more than the 200,000 one release may have") && r.stderr.contains("(largest: national-annual-report/by-country-"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["own.json"])
    }
}
