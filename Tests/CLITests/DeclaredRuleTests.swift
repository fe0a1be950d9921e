import Foundation
import Testing

/// An auditor holds the producer to the rule it declares. Each attack edits a signed bundle and
/// re-signs it with the (example) signing key using an outside tool (`Tests/python/resign_bundle.py`,
/// Debian's minisign): a lowered threshold or width, a dropped relation, a `tables.csv` or
/// `tables.xlsx` that shows other values than `tables.json`, a weakened copy of the profile, a
/// manifest that declares nothing. `verify`, `audit` and `scripts/check-certificate` refuse each,
/// naming what is wrong; the bundle re-signed untouched passes all three.
@Suite(.serialized) struct DeclaredRuleTests {
    static let prepared: String = {
        let out = CLI.temporaryDirectory() + "/bundles"
        let r = CLI.run(["export", "--in", CLI.fixtures + "/good", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta",
                         "--recipient", "us-tip", "--period", "2023", "--period", "us-tip=2024", "--country", "AZE",
                         "--signing-key", CLI.exampleSigningKey, "--out", out])
        precondition(r.status == 0, r.stderr)
        return out
    }()

    /// A copy of `bundle` edited by the Python code `edit` (with `b` the bundle's path, `json` imported) and re-signed.
    private func attacked(_ bundle: String, _ edit: String, drop: [String] = []) -> String {
        let dir = CLI.temporaryDirectory() + "/" + bundle
        let copy = CLI.execute("/bin/cp", ["-R", Self.prepared + "/" + bundle, dir])
        precondition(copy.status == 0, copy.stderr)
        let script = "import json, sys\nb = sys.argv[1]\n" + edit
        let e = CLI.execute("/usr/bin/python3", ["-c", script, dir])
        precondition(e.status == 0, e.stderr)
        let s = CLI.execute("/usr/bin/python3", [CLI.root + "/Tests/python/resign_bundle.py", dir, CLI.exampleSigningKey] + (drop.isEmpty ? [] : ["--drop"] + drop))
        precondition(s.status == 0, s.stderr)
        return dir
    }

    private struct Verdicts {
        let verify: (status: Int32, stdout: String, stderr: String)
        let audit: (status: Int32, stdout: String, stderr: String)
        let checker: (status: Int32, stdout: String, stderr: String)
    }

    private func judge(_ dir: String) -> Verdicts {
        Verdicts(verify: CLI.run("verify", dir, "--public-key", CLI.examplePublicKey), audit: CLI.run("audit", dir),
                 checker: CLI.execute(CLI.root + "/scripts/check-certificate", [dir]))
    }

    private func failed(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("FAILED ") }
    }

    static let lowerRules = """
        def weaken(o):
            o["threshold"], o["protection_width"] = 1, 0
        t = json.load(open(b + "/tables.json"))
        for o in t["cells"] + t["tables"]: weaken(o)
        json.dump(t, open(b + "/tables.json", "w"), indent=2, sort_keys=True)
        m = json.load(open(b + "/manifest.json"))
        for r in m["table_rules"]: weaken(r)
        m["thresholds"], m["protection_widths"] = [1], [0]
        json.dump(m, open(b + "/manifest.json", "w"), indent=2, sort_keys=True)

        """

    @Test func theBundleReSignedUntouchedPassesAllThree() {
        let v = judge(attacked("greta-2023", "pass"))
        #expect(v.verify.status == 0, "\(v.verify.stdout)")
        #expect(v.verify.stdout.contains("ok     profile.json: the built-in profile greta 1.0.0 (SHA-256 "))
        #expect(v.verify.stdout.contains("ok     tables.json: cells, tables and relations exactly those profile greta's tables imply"))
        #expect(v.verify.stdout.contains("ok     tables.csv: shows exactly the values of tables.json"))
        #expect(v.verify.stdout.contains("ok     tables.xlsx: shows exactly the values of tables.json"))
        #expect(v.audit.status == 0 && v.audit.stdout.contains("ok     manifest.json: every table's rule at least the profile's"), "\(v.audit.stdout)")
        #expect(v.checker.status == 0 && v.checker.stdout.hasSuffix(" proofs, the declared rule kept\n"), "\(v.checker.stdout)")
    }

    /// Threshold 1 and width 0 everywhere: the audit of tables.json alone then has nothing to find
    /// (no count is small, no width to keep), which is why the rule itself must be checked.
    @Test func aLoweredThresholdAndWidthAreRefused() {
        let dir = attacked("greta-2023", Self.lowerRules)
        let alone = CLI.run("audit", dir + "/tables.json")
        #expect(alone.status == 0, "the audit of tables.json alone accepts the weakened rule: \(alone.stdout)")
        let v = judge(dir)
        #expect(v.verify.status == 1)
        #expect(failed(v.verify.stdout).contains { $0.hasPrefix("FAILED manifest.json: every table's rule at least the profile's, and tables.json states it as the manifest does: table greta/victims-by-status-sex-age-form: threshold 1 and width 0 are below the profile's 5 and 5") },
                "\(v.verify.stdout)")
        #expect(failed(v.verify.stdout).contains { $0.contains("cell 0: threshold 1 and width 0 are below its tables' 5 and 5") })
        #expect(v.audit.status == 1 && v.audit.stdout.contains("FAILED manifest.json: every table's rule at least the profile's"))
        #expect(v.checker.status == 1 && v.checker.stdout.contains("table greta/victims-by-status-sex-age-form: the manifest's threshold 1 and width 0 are below the profile's 5 and 5"),
                "\(v.checker.stdout)")
    }

    @Test func oneCellsRuleLoweredInTablesJSONIsRefused() {
        let v = judge(attacked("us-tip-2024", """
            t = json.load(open(b + "/tables.json"))
            t["cells"][3]["threshold"] = 1
            json.dump(t, open(b + "/tables.json", "w"), indent=2, sort_keys=True)
            """))
        #expect(v.verify.status == 1)
        #expect(failed(v.verify.stdout) == ["FAILED tables.json: cells, tables and relations exactly those profile us-tip's tables imply, each cell's rule at least its tables': cell 3: threshold 1 and width 5 are below its tables' 5 and 5"],
                "\(v.verify.stdout)")
        #expect(v.checker.status == 1 && v.checker.stdout.contains("cell 3: threshold 1 and width 5 are below its tables'"), "\(v.checker.stdout)")
    }

    @Test func aDroppedRelationIsRefused() {
        let v = judge(attacked("greta-2023", """
            t = json.load(open(b + "/tables.json"))
            del t["relations"][0]
            json.dump(t, open(b + "/tables.json", "w"), indent=2, sort_keys=True)
            """))
        #expect(v.verify.status == 1)
        #expect(failed(v.verify.stdout).contains { $0.contains("1 relations the tables imply are missing (the first: cell ") }, "\(v.verify.stdout)")
        #expect(v.audit.status == 1)
        #expect(v.checker.status == 1 && v.checker.stdout.contains("1 relations the tables' margins imply are not declared in tables.json"), "\(v.checker.stdout)")
    }

    /// What recipients read: a hidden cell shown as 3 in tables.csv, or in the workbook's long sheet.
    @Test func aCSVOrWorkbookThatShowsOtherValuesIsRefused() {
        let csv = judge(attacked("greta-2023", """
            p = b + "/tables.csv"
            s = open(p, newline="").read()
            open(p, "w", newline="").write(s.replace("[c],suppressed", "3,published", 1))
            """))
        #expect(csv.verify.status == 1)
        #expect(failed(csv.verify.stdout).contains { $0.hasPrefix("FAILED tables.csv: shows exactly the values of tables.json: line ") }, "\(csv.verify.stdout)")
        #expect(csv.checker.status == 1 && csv.checker.stdout.contains("tables.csv: line "), "\(csv.checker.stdout)")
        let xlsx = judge(attacked("greta-2023", """
            import io, zipfile
            p = b + "/tables.xlsx"
            z = zipfile.ZipFile(p)
            items = [(i, z.read(i.filename)) for i in z.infolist()]
            out = io.BytesIO()
            w = zipfile.ZipFile(out, "w")
            marked = '<is><t xml:space="preserve">[c]</t></is>'
            for i, d in items:
                if i.filename == "xl/worksheets/sheet2.xml":
                    s = d.decode()
                    k = s.index('t="inlineStr">' + marked)
                    start = s.rindex("<c ", 0, k)
                    ref = s[start:k].split('"')[1]
                    d = (s[:start] + '<c r="' + ref + '"><v>3</v></c>' + s[s.index("</c>", k) + 4:]).encode()
                w.writestr(i, d)
            w.close()
            open(p, "wb").write(out.getvalue())
            """))
        #expect(xlsx.verify.status == 1)
        #expect(failed(xlsx.verify.stdout) == ["FAILED tables.xlsx: shows exactly the values of tables.json: is not what tables.json, the profile and the manifest's key ids give (a value, label or sheet differs)"],
                "\(xlsx.verify.stdout)")
        #expect(xlsx.checker.status == 1 && xlsx.checker.stdout.contains("tables.xlsx: the sheet of table greta/victims-by-status-sex-age-form (2023) does not show the values of tables.json"),
                "\(xlsx.checker.stdout)")
    }

    /// The producer weakens its copy of the built-in profile to match the weakened tables.
    @Test func aWeakenedCopyOfTheBuiltInProfileIsRefused() {
        let v = judge(attacked("greta-2023", Self.lowerRules + """
            p = json.load(open(b + "/profile.json"))
            p["threshold"], p["protection_width"] = 1, 0
            open(b + "/profile.json", "w").write(json.dumps(p, indent=2, ensure_ascii=False) + "\\n")
            """))
        #expect(v.verify.status == 1)
        #expect(failed(v.verify.stdout).contains { $0.hasPrefix("FAILED profile.json: the built-in profile greta 1.0.0 (SHA-256 ") && $0.contains("differs from the built-in profile greta 1.0.0 (SHA-256 ") },
                "\(v.verify.stdout)")
    }

    @Test func aManifestThatDeclaresNoRuleIsRefused() {
        let v = judge(attacked("greta-2023", """
            m = json.load(open(b + "/manifest.json"))
            m["version"] = 1
            del m["table_rules"], m["profile"]["sha256"]
            json.dump(m, open(b + "/manifest.json", "w"), indent=2, sort_keys=True)
            """, drop: ["profile.json"]))
        #expect(v.verify.status == 1)
        #expect(failed(v.verify.stdout) == ["FAILED manifest.json: names the profile's SHA-256 and every table's rule: it does not (manifest version 1): the bundle cannot be held to a rule it does not declare"],
                "\(v.verify.stdout)")
        #expect(v.checker.status == 1 && v.checker.stdout.contains("manifest.json does not name the profile's SHA-256 and every table's rule"), "\(v.checker.stdout)")
    }

    /// A profile of one's own cannot be compared with a built-in one: verify names its digest for
    /// the auditor to compare with the profile agreed.
    @Test func anOwnProfileIsNamedByItsDigest() throws {
        let out = CLI.temporaryDirectory() + "/own", profile = CLI.temporaryDirectory() + "/own-profile.json"
        // The example profile without its cells to keep (the hand-made fixture's counts are too small to keep them).
        let copy = CLI.execute("/usr/bin/python3", ["-c", """
            import json, sys
            p = json.load(open(sys.argv[1]))
            for t in p["tables"]: t.pop("keep", None)
            open(sys.argv[2], "w").write(json.dumps(p, indent=2, ensure_ascii=False) + "\\n")
            """, CLI.root + "/examples/profiles/national-annual-report.example.json", profile])
        #expect(copy.status == 0, "\(copy.stderr)")
        let e = CLI.run(["export", "--in", CLI.fixtures + "/good", "--pseudonymisation-key", CLI.exampleKey, "--profile", profile, "--period", "2023", "--country", "AZE", "--signing-key", CLI.exampleSigningKey, "--out", out])
        #expect(e.status == 0, "\(e.stderr)")
        let bundle = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix("national-annual-report") })
        let digest = CLI.execute("/usr/bin/sha256sum", [profile]).stdout.prefix(64)
        let v = CLI.run("verify", out + "/" + bundle, "--public-key", CLI.examplePublicKey)
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("ok     profile.json: own profile national-annual-report 2.0.0 (SHA-256 \(digest)): compare its SHA-256 with the profile agreed with the recipient"),
                "\(v.stdout)")
        #expect(CLI.execute("/usr/bin/cmp", [profile, out + "/" + bundle + "/profile.json"]).status == 0)
    }
}
