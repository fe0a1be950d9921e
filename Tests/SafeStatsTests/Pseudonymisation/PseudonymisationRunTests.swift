import Foundation
import Testing
@testable import SafeStats

@Suite struct PseudonymisationRunTests {
    private func run(_ input: String, parallelism: Int = 1) throws -> (PseudonymisationResult, String) {
        let out = TestSupport.temporaryDirectory() + "/out"
        let result = try PseudonymisationRun(input: InputDirectory(path: input), key: TestSupport.exampleKey(),
                                             today: ISODate(year: 2026, month: 1, day: 1)!, parallelism: parallelism)
            .run(output: out, replace: false, problems: ProblemLog())
        return (result, out)
    }

    @Test func linksTheSamePersonAcrossRegisters() throws {
        let (result, out) = try run(TestSupport.fixtures + "/good")
        // V1, V2, V3 are one person (name+dob, national id, passport); V4 and V6 another; V5 has no identifier.
        #expect(result.victims == LinkageSummary(rows: 6, persons: 3, rowsMerged: 3, unlinkableRows: 1))
        #expect(result.offenders == LinkageSummary(rows: 3, persons: 2, rowsMerged: 1, unlinkableRows: 0))
        #expect(result.cases == 2)
        let rows = TestSupport.read(out + "/victims.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].joined(separator: ",") == PseudonymisedRows.victimColumns.joined(separator: ","))
        let person = rows.dropFirst().map { String($0[1]) }
        #expect(person[0] == person[1] && person[1] == person[2])
        #expect(person[3] == person[5])
        #expect(Set(person).count == 3)
        // The person id is the smallest of the person's identifier pseudonyms.
        let p = Pseudonymiser(key: try TestSupport.exampleKey())
        let ids = ["nid:AA1234567", "name-dob:MƏMMƏDOVA|ILAHƏ|1994-08-08", "pp:AZE:C01234567"].map { p.person(message: $0) }
        #expect(person[0] == ids.min()!.description)
        // The unlinkable row is its own person, named by its record pseudonym.
        #expect(person[4] == String(rows[5][0]))
        // Ages replace the date of birth: V1 born 1994-08-08, identified 2023-02-01, exploited from 2022-06-01.
        #expect(rows[1][6] == "28" && rows[1][7] == "27")
        #expect(rows[1][14] == Substring(p.caseID("C-1").description))
    }

    @Test func noIdentifierReachesTheOutput() throws {
        for dir in ["good", "good-jsonl"] {
            let (_, out) = try run(TestSupport.fixtures + "/" + dir)
            var all = ""
            for f in try FileManager.default.contentsOfDirectory(atPath: out) { all += TestSupport.read(out + "/" + f) }
            for secret in ["123", "4567", "İlahə", "ilahə", "Məmmədova", "MƏMMƏDOVA", "Ayşe", "Yılmaz", "YILMAZ", "1994-08-08",
                           "1990-02-28", "C07654321", "AA7654321", "Orxan", "Qasımov", "Nigar", "1980-01-01", "V1", "O1", "C-1,"] {
                #expect(!all.contains(secret), "\(dir): \(secret)")
            }
            for column in ["national_id", "passport", "given_name", "family_name", "date_of_birth", "record_id", "case_id"] {
                #expect(!all.contains(column + ","), "\(dir): \(column)")
                #expect(!all.contains("\"" + column + "\""), "\(dir): \(column)")
            }
        }
    }

    @Test func jsonLinesInputGivesJSONLinesOutputWithTheSamePseudonyms() throws {
        let (csvResult, csvOut) = try run(TestSupport.fixtures + "/good")
        let (jsonResult, jsonOut) = try run(TestSupport.fixtures + "/good-jsonl")
        #expect(csvResult.victims == jsonResult.victims)
        let csvPersons = TestSupport.read(csvOut + "/victims.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        let jsonPersons = TestSupport.read(jsonOut + "/victims.jsonl").split(separator: "\n").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["person_pid"] as! String
        }
        #expect(csvPersons.map(String.init) == jsonPersons)
    }

    @Test func invalidInputWritesNothing() throws {
        let parent = TestSupport.temporaryDirectory()
        let log = ProblemLog()
        #expect(throws: PseudonymisationError.self) {
            try PseudonymisationRun(input: InputDirectory(path: TestSupport.fixtures + "/bad/duplicate-ids"),
                                    key: TestSupport.exampleKey()).run(output: parent + "/out", replace: false, problems: log)
        }
        #expect(log.total == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
    }

    @Test func anExistingOutputIsReplacedOnlyWhenAsked() throws {
        let parent = TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: parent + "/out", withIntermediateDirectories: false)
        let run = PseudonymisationRun(input: try InputDirectory(path: TestSupport.fixtures + "/good"), key: try TestSupport.exampleKey(),
                                      today: ISODate(year: 2026, month: 1, day: 1)!)
        #expect(throws: PseudonymisationError.self) { try run.run(output: parent + "/out", replace: false, problems: ProblemLog()) }
        _ = try run.run(output: parent + "/out", replace: true, problems: ProblemLog())
        #expect(FileManager.default.fileExists(atPath: parent + "/out/victims.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    /// `pseudonymisation.json` is written and read by one type: read back, it is the run's summary;
    /// Python's jsonschema accepts it; a file that is not one is refused, naming it.
    @Test func theSummaryIsReadBackAsWrittenAndCheckedAgainstItsSchema() throws {
        let (result, out) = try run(TestSupport.fixtures + "/good")
        let path = out + "/" + PseudonymisationSummary.fileName
        let (summary, bytes) = try PseudonymisationSummary.read(path: path)
        #expect(summary == result.summary && bytes == summary.json())
        #expect(summary.pseudonymisationKeyID == "52d3149ac8f65a26" && summary.exampleKey && summary.notice != nil)
        #expect(summary.files == ["victims": "victims.csv", "cases": "cases.csv", "offenders": "offenders.csv"])
        #expect(summary.victims == LinkageSummary(rows: 6, persons: 3, rowsMerged: 3, unlinkableRows: 1) && summary.cases?.rows == 2)
        let script = """
            import json, sys, jsonschema
            jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
            print("valid")
            """
        let check = TestSupport.run(TestSupport.python3, ["-c", script, TestSupport.root + "/schemas/pseudonymisation-summary.schema.json", path])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "valid", "\(check.stderr)")
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written.contains(#""version" : 1"#))
        for (text, reason) in [("{}", "not the summary safestats pseudonymise writes"),
                               (written.replacingOccurrences(of: #""version" : 1"#, with: #""version" : 2"#),
                                "format safestats-pseudonymised-records version 2; expected safestats-pseudonymised-records version 1")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: InputError.malformedSummary(path: path, reason: reason)) { try PseudonymisationSummary.read(path: path) }
        }
    }

    @Test func partsInParallelGiveTheSameBytesAsOnePart() throws {
        let input = TestSupport.temporaryDirectory() + "/in"
        _ = try SyntheticRegister(victimRecords: 60_000, seed: 11).write(to: input, replace: false)
        let (one, outOne) = try run(input, parallelism: 1)
        let (two, outTwo) = try run(input, parallelism: 2)
        #expect(one.victims == two.victims && one.offenders == two.offenders)
        for f in ["victims.csv", "cases.csv", "offenders.csv", "pseudonymisation.json"] {
            #expect(FileManager.default.contents(atPath: outOne + "/" + f) == FileManager.default.contents(atPath: outTwo + "/" + f), "\(f)")
        }
        #expect(one.victims.rows == 60_000)
        #expect(one.victims.persons < 60_000 && one.victims.rowsMerged > 10_000)
    }
}
