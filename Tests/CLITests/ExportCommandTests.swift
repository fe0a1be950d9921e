import Foundation
import Testing

/// `safestats export`, run as a data officer runs it, and its bundles checked as an auditor and a
/// recipient would check them: with Python, with `safestats audit` and in a browser.
@Suite(.serialized) struct ExportCommandTests {
    static let recipients = ["--recipient", "greta", "--recipient", "unodc", "--recipient", "us-tip"]
    /// GRETA and UNODC for calendar 2023, the TIP Report for its 2024 reporting year
    /// (2023-04-01..2024-03-31, beside 2022-04-01..2023-03-31): overlapping periods, one release.
    static let periods = ["--period", "2023", "--period", "us-tip=2024"]
    static let bundles = ["greta-2023", "unodc-2023", "us-tip-2024"]
    static let files = ["SHA256SUMS", "audit.json", "certificate.json", "manifest.json", "profile.json", "report.html", "tables.csv", "tables.json", "tables.xlsx"]
        .flatMap { [$0, $0 + ".minisig"] }.sorted()
    static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// Synthetic records, their pseudonymised form, and the three bundles exported from the latter.
    static let prepared: (records: String, pseudonymised: String, out: String, stdout: String) = {
        let dir = CLI.temporaryDirectory()
        CLI.run("synth", "--out", dir + "/records", "--victims", "150", "--seed", "3")
        CLI.run("pseudonymise", "--in", dir + "/records", "--key", CLI.exampleKey, "--out", dir + "/pseudonymised")
        let r = export(dir + "/pseudonymised", to: dir + "/bundles")
        precondition(r.status == 0, r.stderr)
        return (dir + "/records", dir + "/pseudonymised", dir + "/bundles", r.stdout)
    }()

    @discardableResult
    static func export(_ input: String, to out: String, _ more: [String] = []) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute(CLI.binary, ["export", "--in", input] + recipients + periods
                        + ["--country", "AZE", "--signing-key", CLI.exampleSigningKey, "--out", out] + more,
                    environment: epoch)
    }

    private func data(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    private func python(_ arguments: String...) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute("/usr/bin/env", ["python3"] + arguments)
    }

    @Test func oneRunWritesABundlePerRecipientThatPassesItsAudit() throws {
        let p = Self.prepared
        #expect(try FileManager.default.contentsOfDirectory(atPath: p.out).sorted() == (Self.bundles + ["loss.json"]).sorted())
        for bundle in Self.bundles {
            let dir = p.out + "/" + bundle
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == Self.files)
            #expect(p.stdout.contains("\(p.out)/\(bundle): ") && p.stdout.contains("read \(p.out)/\(bundle)/report.html before sending"))
            // An auditor recomputes each bundle's audit from its tables.json alone.
            let audit = CLI.run("audit", dir)
            #expect(audit.status == 0, "\(bundle): \(audit.stdout)\(audit.stderr)")
            #expect(audit.stdout.contains("0 narrow, 0 small counts published: passed (proven by certificate.json; no program solved)"))
            #expect(audit.stdout.contains("audit.json states the verdict that certificate.json proves"))
            // The solver's word too: every interval solved exactly agrees with audit.json and the certificate.
            let exact = CLI.run("audit", dir, "--exact")
            #expect(exact.status == 0 && exact.stdout.contains("audit.json agrees with the recomputed audit")
                    && exact.stdout.contains("certificate.json: every hidden cell proven protected"), "\(bundle): \(exact.stdout)")
            // Python checks the schemas, the manifest's sizes and SHA-256, and tables.csv against tables.json.
            let check = python(CLI.root + "/Tests/python/check_bundle.py", dir, CLI.root + "/schemas")
            #expect(check.status == 0, "\(bundle): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.hasPrefix("ok: "))
            // openpyxl reads tables.xlsx back: every value agrees with tables.csv and tables.json.
            let workbook = python(CLI.root + "/Tests/python/check_workbook.py", dir)
            #expect(workbook.status == 0 && workbook.stdout.hasPrefix("ok: "), "\(bundle): \(workbook.stdout)\(workbook.stderr)")
            // scipy recomputes the attacker's interval of every hidden cell and the verdict.
            let attack = python(CLI.root + "/Tests/python/check_release.py", dir + "/tables.json", dir + "/audit.json", CLI.root + "/schemas", "100000")
            #expect(attack.status == 0 && attack.stdout.hasPrefix("ok: "), "\(bundle): \(attack.stdout)\(attack.stderr)")
        }
        let manifest = try #require(JSONSerialization.jsonObject(with: data(p.out + "/us-tip-2024/manifest.json")) as? [String: Any])
        #expect(manifest["recipient"] as? String == "us-tip")
        #expect(manifest["created"] as? String == "2026-01-01T00:00:00Z")
        #expect(manifest["released_with"] as? [String] == ["greta", "unodc"])
    }

    /// Every bundle carries a certificate of its audit: Python's standard library (no solver)
    /// checks it against tables.json and proves every hidden cell that needs it, as `audit` does;
    /// a witness moved off a relation, an altered multiplier and a changed published value are
    /// rejected by both, naming what fails.
    @Test func everyBundleCarriesACertificateThatPythonChecksWithoutASolver() throws {
        let p = Self.prepared
        let checker = CLI.root + "/scripts/check-certificate"
        for bundle in Self.bundles {
            let dir = p.out + "/" + bundle
            let check = CLI.execute(checker, [dir])
            let tables = try #require(try JSONSerialization.jsonObject(with: data(dir + "/tables.json")) as? [String: Any])
            let hidden = try #require(tables["cells"] as? [[String: Any]]).filter { $0["value"] is NSNull }
            let needing = hidden.filter { ($0["threshold"] as! Int) > 1 && ($0["protection_width"] as! Int) > 0 }.count
            #expect(check.status == 0 && check.stdout == "ok: \(hidden.count) hidden cells, \(needing) proofs, the declared rule kept\n", "\(bundle): \(check.stdout)\(check.stderr)")
            let schema = python("-c", "import json, sys, jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2]))); print('valid')",
                                CLI.root + "/schemas/certificate.schema.json", dir + "/certificate.json")
            #expect(schema.stdout == "valid\n", "\(schema.stderr)")
            #expect(CLI.run("audit", dir).stdout.contains("certificate.json: every hidden cell proven protected with integer arithmetic (\(needing) proofs)"))
        }
        let tamper = python("-c", """
            import json, shutil, subprocess, sys
            source, work, checker, binary = sys.argv[1:5]
            certificate = json.load(open(source + "/certificate.json"))
            tables = json.load(open(source + "/tables.json"))
            def attempt(name, certificate, tables):
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(source, work)
                json.dump(certificate, open(work + "/certificate.json", "w"))
                json.dump(tables, open(work + "/tables.json", "w"))
                script = subprocess.run([checker, work], capture_output=True, text=True)
                audit = subprocess.run([binary, "audit", work], capture_output=True, text=True)
                print(name, script.returncode, audit.returncode, script.stdout.splitlines()[0])
            moved = json.loads(json.dumps(certificate)); moved["witnesses"][0]["values"][0] += moved["witnesses"][0]["scale"]
            attempt("witness", moved, tables)
            altered = json.loads(json.dumps(certificate)); altered["bounds"][0]["multipliers"][0][1] *= -1
            attempt("multiplier", altered, tables)
            changed = json.loads(json.dumps(tables)); cell = next(c for c in changed["cells"] if c["value"]); cell["value"] += 1
            attempt("published", certificate, changed)
            """, p.out + "/unodc-2023", CLI.temporaryDirectory() + "/tampered", checker, CLI.binary)
        let lines = tamper.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(tamper.stdout)\(tamper.stderr)")
        for (line, name) in zip(lines, ["witness 1 1 witness 0: relation", "multiplier 1 1 bound 0: cell", "published 1 1 tables.csv: line "]) {
            #expect(line.hasPrefix(name), "\(line)")
        }
    }

    /// The loss report lies beside the bundles, not in them; its figures for each bundle are those
    /// anyone can count in the bundle's tables.json (cells, hidden cells, headline cells), and the
    /// bundles themselves state one number of hidden cells, never how many are small counts.
    @Test func theLossReportAddsUpAndStaysOutOfTheBundles() throws {
        let p = Self.prepared
        let report = try #require(JSONSerialization.jsonObject(with: data(p.out + "/loss.json")) as? [String: Any])
        #expect(report["format"] as? String == "safestats-loss")
        let valid = python("-c", "import json, sys, jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2]))); print('valid')",
                           CLI.root + "/schemas/loss.schema.json", p.out + "/loss.json")
        #expect(valid.stdout == "valid\n", "\(valid.stderr)")
        let bundles = try #require(report["bundles"] as? [[String: Any]])
        #expect(bundles.map { $0["bundle"] as? String } == Self.bundles)
        var releaseCells = 0
        for entry in bundles {
            let name = try #require(entry["bundle"] as? String)
            let loss = try #require(entry["loss"] as? [String: Int])
            let tables = try #require(JSONSerialization.jsonObject(with: data("\(p.out)/\(name)/tables.json")) as? [String: Any])
            let cells = try #require(tables["cells"] as? [[String: Any]])
            var inTables = Set<Int>(), headline = Set<Int>(), grand = Set<Int>()
            for table in try #require(tables["tables"] as? [[String: Any]]) {
                let filter = try #require(table["filter"] as? [String: String])
                for id in try #require(table["cells"] as? [Int]) {
                    inTables.insert(id)
                    let split = try #require(cells[id]["categories"] as? [String: String]).keys.filter { filter[$0] == nil }.count
                    if split <= 1 { headline.insert(id) }
                    if split == 0 { grand.insert(id) }
                }
            }
            let hidden = Set(inTables.filter { cells[$0]["value"] is NSNull })
            #expect(loss["cells"] == inTables.count, "\(name)")
            #expect(loss["hidden"] == hidden.count, "\(name)")
            #expect(loss["small_counts"]! + loss["secondary"]! == hidden.count, "\(name)")
            #expect(loss["headline_secondary"]! <= loss["headline_hidden"]! && loss["grand_totals_secondary"]! <= loss["grand_totals_hidden"]!)
            #expect(loss["headline"] == headline.count && loss["headline_hidden"] == headline.intersection(hidden).count, "\(name)")
            #expect(loss["grand_totals"] == grand.count && loss["grand_totals_hidden"] == grand.intersection(hidden).count, "\(name)")
            let shown = try String(contentsOfFile: "\(p.out)/\(name)/report.html", encoding: .utf8)
            #expect(shown.contains("<td>\(hidden.count)</td>") && !shown.contains("Small counts"), "\(name)")
            releaseCells += inTables.count
            #expect(try !FileManager.default.contentsOfDirectory(atPath: "\(p.out)/\(name)").contains("loss.json"))
        }
        let release = try #require((report["release"] as? [String: Any])?["loss"] as? [String: Int])
        #expect(release["cells"]! <= releaseCells && release["cells"]! > 0)
        #expect(p.stdout.contains("loss report (for you, not to send): \(p.out)/loss.json"))
        // These records' period atoms link most hidden cells into one group too large to try again
        // by default: the summary says how many cells --thorough would try.
        let untried = p.stdout.firstMatch(of: /--thorough would try to publish again (\d+) more cells hidden to protect others/).map { Int($0.1)! }
        #expect(untried != nil && untried! > 0 && untried! <= release["secondary"]!, "\(p.stdout)")
    }

    /// `--keep` publishes a cell the plain export hides (UNODC's adult victims of 2023 in these
    /// records: 14), and refuses a cell that holds a small count, naming it and writing nothing.
    @Test func keptCellsArePublishedOrRefusedByName() throws {
        let p = Self.prepared
        func adults(_ bundles: String) throws -> Int?? {
            let tables = try #require(JSONSerialization.jsonObject(with: data(bundles + "/unodc-2023/tables.json")) as? [String: Any])
            let cells = try #require(tables["cells"] as? [[String: Any]])
            let table = try #require((tables["tables"] as? [[String: Any]])?.first { $0["id"] as? String == "unodc/victims" && $0["period"] as? String == "2023" })
            let id = try #require((table["cells"] as? [Int])?.first { (cells[$0]["categories"] as? [String: String]) == ["age_group": "adult"] })
            return .some(cells[id]["value"] as? Int)
        }
        #expect(try adults(p.out) == .some(nil))
        let kept = CLI.temporaryDirectory() + "/bundles"
        let r = Self.export(p.pseudonymised, to: kept, ["--keep", "unodc/victims:age_group=adult"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try adults(kept) == .some(14))
        let audit = CLI.run("audit", kept + "/unodc-2023")
        #expect(audit.status == 0 && audit.stdout.contains("0 narrow, 0 small counts published: passed"))
        let small = CLI.temporaryDirectory() + "/bundles"
        let refused = Self.export(p.pseudonymised, to: small, ["--keep", "unodc/victims:age_group=unknown"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("unodc/victims:age_group=unknown is to be kept published but holds a small count"))
        #expect(!FileManager.default.fileExists(atPath: small))
        let unknown = Self.export(p.pseudonymised, to: small, ["--keep", "unodc/victims:colour=blue"])
        #expect(unknown.status == 64 && unknown.stderr.contains("table victims: not split by colour"))
        #expect(!FileManager.default.fileExists(atPath: small))
    }

    @Test func noIdentifierOrPseudonymOfTheInputIsInAnyBundle() {
        let p = Self.prepared
        let check = python(CLI.root + "/Tests/python/check_no_identifiers.py", p.records, p.pseudonymised, p.out)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("ok: "))
    }

    @Test func theSameInputGivesTheSameBytesFromAnotherProcessAndFromIdentifiableRecords() {
        let p = Self.prepared
        let again = CLI.temporaryDirectory() + "/bundles"
        #expect(Self.export(p.pseudonymised, to: again).status == 0)
        let fromRecords = CLI.temporaryDirectory() + "/bundles"
        let r = Self.export(p.records, to: fromRecords, ["--pseudonymisation-key", CLI.exampleKey])
        #expect(r.status == 0, "\(r.stderr)")
        for bundle in Self.bundles {
            for file in Self.files {
                #expect(data("\(again)/\(bundle)/\(file)") == data("\(p.out)/\(bundle)/\(file)"), "\(bundle)/\(file)")
            }
            // The tables do not depend on where the pseudonyms came from; the manifest names the input files.
            for file in ["tables.json", "audit.json", "tables.csv"] {
                #expect(data("\(fromRecords)/\(bundle)/\(file)") == data("\(p.out)/\(bundle)/\(file)"), "\(bundle)/\(file)")
            }
        }
    }

    @Test func everySuppressedCellCarriesTheOneMark() throws {
        let csv = String(decoding: data(Self.prepared.out + "/greta-2023/tables.csv"), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n").dropLast()  // CRLF, as RFC 4180 says
        #expect(lines[0] == "Table,Indicator,Status of victim,Sex,Age,Dimension,Category,Year,Value,Status")
        let suppressed = lines.filter { $0.hasSuffix(",suppressed") }
        #expect(!suppressed.isEmpty && suppressed.allSatisfy { $0.hasSuffix(",[c],suppressed") })
        #expect(csv.hasSuffix("\r\n") && lines.dropFirst().filter { !$0.hasSuffix(",suppressed") }.allSatisfy { $0.hasSuffix(",published") })
        let unodc = String(decoding: data(Self.prepared.out + "/unodc-2023/tables.csv"), as: UTF8.self)
        #expect(unodc.hasPrefix("Indicator,Dimension,Category,Sex,Age,Year,Value,Status\r\n"))
    }

    /// A pseudonymised directory whose pseudonymisation.json is not one is refused, naming it.
    @Test func aMalformedSummaryIsRefusedNamingIt() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Self.prepared.pseudonymised, toPath: dir + "/in")
        try Data(#"{"format": 1}"#.utf8).write(to: URL(fileURLWithPath: dir + "/in/pseudonymisation.json"))
        let r = CLI.run("export", "--in", dir + "/in", "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--out", dir + "/out")
        #expect(r.status == 74)
        #expect(r.stderr.contains("\(dir)/in/pseudonymisation.json: not the summary safestats pseudonymise writes"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func refusalsExit64AndWriteNothing() {
        let p = Self.prepared
        let out = CLI.temporaryDirectory() + "/out"
        let cases: [([String], String)] = [
            (["--recipient", "greta", "--period", "2023", "--country", "AZE"], "give --signing-key FILE (or --unsigned for a trial)"),
            (["--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--signing-key", CLI.exampleSigningKey],
             "--unsigned and --signing-key exclude each other"),
            (["--recipient", "eurostat", "--period", "2023", "--country", "AZE", "--unsigned"], "The value 'eurostat' is invalid for '--recipient <recipient>'. Please provide one of 'greta', 'unodc' or 'us-tip'."),
            (["--recipient", "greta", "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned"], "given twice"),
            (["--recipient", "greta", "--period", "2023-Q5", "--country", "AZE", "--unsigned"], "The value '2023-Q5' is invalid for '--period <period>'"),
            (["--recipient", "greta", "--period", "=2023", "--country", "AZE", "--unsigned"], "The value '=2023' is invalid for '--period <period>'"),
            (["--recipient", "greta", "--period", "unodc=2023", "--country", "AZE", "--unsigned"], "unodc is not a recipient of this run"),
            (["--recipient", "greta", "--country", "AZE", "--unsigned"], "no --period for greta"),
            (["--recipient", "greta", "--period", "2023", "--country", "XYZ", "--unsigned"],
             "--country XYZ: not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
            // The rule of table sets and the job: stateless is not a reporting country.
            (["--recipient", "greta", "--period", "2023", "--country", "XXA", "--unsigned"],
             "--country XXA: not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
            (["--recipient", "greta", "--period", "2023", "--unsigned"], "--country"),
            (["--period", "2023", "--country", "AZE", "--unsigned"], "give at least one --recipient"),
        ]
        for (arguments, message) in cases {
            let r = CLI.execute(CLI.binary, ["export", "--in", p.pseudonymised, "--out", out] + arguments)
            #expect(r.status == 64, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        // Identifiable records need the key; an existing output is kept unless --force.
        let noKey = CLI.run("export", "--in", p.records, "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--out", out)
        #expect(noKey.status == 64 && noKey.stderr.contains("--pseudonymisation-key"), "\(noKey.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let exists = CLI.run("export", "--in", p.pseudonymised, "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--out", p.out)
        #expect(exists.status == 74 && exists.stderr.contains("--force"))
        #expect(FileManager.default.fileExists(atPath: p.out + "/us-tip-2024/manifest.json"))
    }

    /// The report as a reader gets it: rendered by headless Chromium to PDF, read back with pdftotext.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")))
    func theReportRendersInChromiumAndPrintsToA4() throws {
        let dir = CLI.temporaryDirectory()
        for bundle in Self.bundles {
            let pdf = "\(dir)/\(bundle).pdf"
            let render = CLI.execute("/usr/bin/chromium", [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(dir)/profile",
                "--print-to-pdf=\(pdf)", "file://\(Self.prepared.out)/\(bundle)/report.html",
            ])
            #expect(FileManager.default.fileExists(atPath: pdf), "\(bundle): \(render.stderr)")
            let text = CLI.execute("/usr/bin/pdftotext", ["-layout", pdf, "-"]).stdout
            let info = CLI.execute("/usr/bin/pdfinfo", [pdf]).stdout
            #expect(info.contains("(A4)"), "\(bundle): \(info)")
            #expect(text.contains("What was protected") && text.contains("Parameters") && text.contains("Linkage"))
            #expect(text.contains("[c]") && text.contains("suppressed to protect persons"))
            #expect(text.contains("EXAMPLE"))
            #expect(!text.contains("AUDIT FAILED"))
        }
        let greta = CLI.execute("/usr/bin/pdftotext", ["\(dir)/greta-2023.pdf", "-"]).stdout
        for indicator in ["Victims by nationality", "Persons prosecuted", "Sentences of convicted persons"] {
            #expect(greta.contains(indicator), "\(indicator)")
        }
        let tip = CLI.execute("/usr/bin/pdftotext", ["\(dir)/us-tip-2024.pdf", "-"]).stdout
        #expect(tip.contains("2023-04-01") && tip.contains("2024-03-31"))
    }
}
