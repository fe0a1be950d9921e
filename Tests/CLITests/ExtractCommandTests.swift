import Foundation
import Testing

/// `safestats extract`, run as a data officer runs it, and its bundle checked as an auditor and a
/// recipient would: `safestats verify`, minisign, and Python's pycanon for k and l.
@Suite(.serialized) struct ExtractCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1767225600"]
    static let files = ["SHA256SUMS", "extract.csv", "loss.json", "manifest.json", "report.html"].flatMap { [$0, $0 + ".minisig"] }.sorted()

    /// Synthetic identifiable records and the extract of 2023 made from them.
    static let prepared: (records: String, out: String, stdout: String) = {
        let dir = CLI.temporaryDirectory()
        CLI.run("synth", "--out", dir + "/records", "--victims", "3000", "--seed", "5")
        let r = extract(dir + "/records", to: dir + "/extract")
        precondition(r.status == 0, r.stderr)
        return (dir + "/records", dir + "/extract", r.stdout)
    }()

    @discardableResult
    static func extract(_ input: String, to out: String, _ more: [String] = ["--period", "2023", "--json"]) -> (status: Int32, stdout: String, stderr: String) {
        CLI.run(["extract", "--in", input, "--pseudonymisation-key", CLI.exampleKey, "--country", "AZE",
                 "--signing-key", CLI.exampleSigningKey, "--out", out] + more, environment: epoch)
    }

    private func python(_ arguments: String...) -> (status: Int32, stdout: String, stderr: String) {
        CLI.execute("/usr/bin/env", ["python3"] + arguments)
    }

    private func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path) ?? Data()) as? [String: Any])
    }

    @Test func theExtractIsABundleThatVerifiesAndPycanonFindsItsKAndL() throws {
        let p = Self.prepared
        #expect(try FileManager.default.contentsOfDirectory(atPath: p.out).sorted() == Self.files)
        let verify = CLI.run("verify", p.out, "--public-key", CLI.examplePublicKey)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("ok     extract.csv: k-anonymity and l-diversity re-checked on the rows"))
        #expect(verify.stdout.contains("VERIFIED — signed by C079D8FB59CC3536, intact, nothing missing or added, k and l re-checked (17 checks)"))
        // pycanon counts k and l of extract.csv; the schemas, sizes and SHA-256 are checked beside.
        let check = python(CLI.root + "/Tests/python/check_extract.py", p.out, CLI.root + "/schemas")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let loss = try json(p.out + "/loss.json"), manifest = try json(p.out + "/manifest.json")
        let achieved = try #require(loss["achieved"] as? [String: Int])
        #expect(check.stdout == "ok: k=\(achieved["k"]!) l=\(achieved["l"]!) rows=\(loss["rows"] as! Int)\n")
        #expect(achieved["k"]! >= 11 && achieved["l"]! >= 2)
        #expect(manifest["recipient"] as? String == "extract" && manifest["thresholds"] == nil)
        #expect((manifest["period"] as? [String: String]) == ["start": "2023-01-01", "end": "2023-12-31"])
        let promise = try #require(manifest["extract"] as? [String: Any])
        #expect(promise["k"] as? Int == 11 && promise["l"] as? Int == 2 && promise["sensitive_attributes"] as? [String] == ["exploitation_forms"])
        // Every victim of the period is a row or counted as left out; the summary says what loss.json says.
        #expect((loss["victims"] as! Int) == (loss["rows"] as! Int) + (loss["records_dropped"] as! Int))
        let stdout = try #require(JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: try #require(stdout["loss"] as? [String: Any])).isEqual(to: loss))
        #expect(stdout["period"] as? String == "2023")
    }

    @Test func minisignChecksEverySignatureAndTheSameInputGivesTheSameBytes() throws {
        let p = Self.prepared
        let files = try FileManager.default.contentsOfDirectory(atPath: p.out).filter { !$0.hasSuffix(".minisig") }
        #expect(files.count == 5)
        for file in files {
            let r = CLI.execute("/usr/bin/minisign", ["-Vm", p.out + "/" + file, "-p", CLI.examplePublicKey])
            #expect(r.status == 0 && r.stdout.contains("\tfile:\(file)\trecipient:extract\tperiod:2023-01-01..2023-12-31\t"), "\(file): \(r.stdout)\(r.stderr)")
        }
        let again = CLI.temporaryDirectory() + "/extract"
        #expect(Self.extract(p.records, to: again).status == 0)
        for file in Self.files {
            #expect(FileManager.default.contents(atPath: again + "/" + file) == FileManager.default.contents(atPath: p.out + "/" + file), "\(file)")
        }
    }

    /// No name, identity number or date of birth of the input reaches any file of the bundle.
    @Test func noIdentifierOfTheInputIsWritten() throws {
        let p = Self.prepared
        let victims = try String(contentsOfFile: p.records + "/victims.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = victims[0].map(String.init)
        let columns = ["national_id", "passport_number", "family_name", "date_of_birth", "record_id"].compactMap { header.firstIndex(of: $0) }
        let identifiers = Set(victims.dropFirst().flatMap { row in columns.compactMap { $0 < row.count ? String(row[$0]) : nil } }.filter { $0.count >= 6 })
        #expect(identifiers.count > 1000)
        for file in ["extract.csv", "loss.json", "report.html", "manifest.json"] {
            let text = try String(contentsOfFile: p.out + "/" + file, encoding: .utf8)
            #expect(!identifiers.contains { text.contains($0) }, "\(file)")
        }
    }

    @Test func aChangedRowFailsVerification() throws {
        let p = Self.prepared
        let copy = CLI.temporaryDirectory() + "/extract"
        try FileManager.default.copyItem(atPath: p.out, toPath: copy)
        var rows = try String(contentsOfFile: copy + "/extract.csv", encoding: .utf8)
        rows += rows.split(separator: "\r\n")[1] + "\r\n"
        try rows.write(toFile: copy + "/extract.csv", atomically: false, encoding: .utf8)
        let verify = CLI.run("verify", copy, "--public-key", CLI.examplePublicKey)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("FAILED extract.csv.minisig: signature: does not match the bytes of extract.csv"))
        #expect(verify.stdout.contains("FAILED extract.csv: k-anonymity and l-diversity re-checked on the rows: has \(try json(copy + "/loss.json")["rows"] as! Int + 1) rows"))
    }

    @Test func whatCannotBeExtractedIsRefusedAndNothingIsWritten() {
        let p = Self.prepared
        let dir = CLI.temporaryDirectory()
        let cases: [(arguments: [String], status: Int32, message: String)] = [
            (["--k", "1"], 64, "--k 1: give a group size from 2 to 1000"),
            (["--l", "12"], 64, "--l 12: give from 1 (no l-diversity) to --k"),
            (["--quasi-identifiers", "age,postcode"], 64, "--quasi-identifiers: postcode is not one of age, sex, citizenship, exploitation_countries, identification_date"),
            (["--sensitive", "identification_status", "--l", "3"], 64, "--l 3: identification_status takes at most 2 different values"),
            (["--period", "2040"], 65, "no victim was first identified in 2040: there is nothing to extract"),
            (["--period", "2023", "--k", "400", "--l", "6"], 65, "no group of the 299 victims reaches k = 400 rows with l = 6"),
        ]
        for (n, c) in cases.enumerated() {
            let r = Self.extract(p.records, to: dir + "/\(n)", c.arguments)
            #expect(r.status == c.status, "\(c.arguments): \(r.stderr)")
            #expect(r.stderr.contains(c.message), "\(c.arguments): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/\(n)"))
        }
        let unsigned = CLI.run(["extract", "--in", p.records, "--pseudonymisation-key", CLI.exampleKey, "--country", "AZE", "--unsigned",
                                "--out", dir + "/unsigned", "--k", "5", "--quasi-identifiers", "age,sex"])
        #expect(unsigned.status == 0 && unsigned.stdout.contains("victims first identified from 2019-01-01 to 2025-12-31 (k = 5, l = 2 of exploitation_forms)"), "\(unsigned.stdout)\(unsigned.stderr)")
        #expect(CLI.run("verify", dir + "/unsigned", "--public-key", CLI.examplePublicKey).status == 1)
    }
}
