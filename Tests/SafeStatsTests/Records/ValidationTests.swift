import Foundation
import Testing
@testable import SafeStats

/// One expected problem: file, line, CSV column (nil when the rule has none), column name, rule.
private struct Expected: Equatable, CustomStringConvertible {
    let file: String, line: Int, number: Int?, column: String?, rule: String
    var description: String { "\(file):\(line):\(number.map(String.init) ?? "-") (\(column ?? "-")) [\(rule)]" }
}

private func found(_ problems: [DataProblem]) -> [Expected] {
    problems.map { Expected(file: $0.file, line: $0.line, number: $0.columnNumber, column: $0.column, rule: $0.rule) }
}

@Suite struct ValidationTests {
    @Test func goodCSVAndJSONLinesAreValid() throws {
        for dir in ["good", "good-jsonl", "header-only"] {
            let problems = try TestSupport.problems(in: TestSupport.fixtures + "/" + dir)
            #expect(problems.isEmpty, "\(dir): \(problems)")
        }
    }

    @Test func bothFormatsDecodeToTheSameRecords() throws {
        struct Collect: RecordVisitor {
            var victims: [VictimRecord] = [], cases: [CaseRecord] = [], offenders: [OffenderRecord] = []
            mutating func visit(victim r: VictimRecord) { var r = r; r.line = 0; victims.append(r) }
            mutating func visit(case r: CaseRecord) { var r = r; r.line = 0; cases.append(r) }
            mutating func visit(offender r: OffenderRecord) { var r = r; r.line = 0; offenders.append(r) }
        }
        func read(_ dir: String) throws -> Collect {
            var c = Collect()
            _ = try InputReader(input: InputDirectory(path: TestSupport.fixtures + "/" + dir), parallelism: 1)
                .read(problems: ProblemLog(), visitor: &c)
            return c
        }
        let csv = try read("good"), jsonl = try read("good-jsonl")
        #expect(csv.victims.count == 6 && csv.cases.count == 2 && csv.offenders.count == 3)
        #expect(csv.victims == jsonl.victims)
        #expect(csv.cases == jsonl.cases)
        #expect(csv.offenders == jsonl.offenders)
        // Quoted comma, BOM and CRLF were read as data, not as structure.
        #expect(csv.cases[0].legalArticle == "144-1, part 2")
        #expect(csv.victims[0].recordID == "V1")
        #expect(csv.victims[0].assistance == [.shelter, .medical])
        #expect(csv.victims[0].exploitationCountries == ["TUR", "ARE"])
        #expect(csv.offenders[0].sentenceMonths == 96)
    }

    @Test(arguments: [
        ("wrong-types", [Expected(file: "victims.csv", line: 2, number: 17, column: "recruited_online", rule: "type"),
                         Expected(file: "victims.csv", line: 3, number: 20, column: "reflection_period_granted", rule: "type"),
                         Expected(file: "offenders.csv", line: 2, number: 16, column: "sentence_months", rule: "type")]),
        ("unknown-codes", [Expected(file: "victims.csv", line: 2, number: 9, column: "sex", rule: "enum"),
                           Expected(file: "victims.csv", line: 3, number: 10, column: "citizenship", rule: "enum"),
                           Expected(file: "victims.csv", line: 4, number: 15, column: "exploitation_forms", rule: "enum")]),
        ("impossible-date", [Expected(file: "victims.csv", line: 2, number: 13, column: "identification_date", rule: "format")]),
        ("unterminated-quote", [Expected(file: "victims.csv", line: 3, number: 3, column: "national_id", rule: "csv-syntax"),
                                Expected(file: "victims.csv", line: 3, number: nil, column: nil, rule: "column-count")]),
        ("wrong-column-count", [Expected(file: "victims.csv", line: 3, number: nil, column: nil, rule: "column-count"),
                                Expected(file: "victims.csv", line: 4, number: nil, column: nil, rule: "column-count")]),
        ("empty-file", [Expected(file: "victims.csv", line: 1, number: nil, column: nil, rule: "empty-file")]),
        ("duplicate-ids", [Expected(file: "victims.csv", line: 4, number: 1, column: "record_id", rule: "unique-record-id")]),
        // A key twice in one JSON object, plainly and through an escape (s\u0065x is sex).
        ("duplicate-key", [Expected(file: "victims.jsonl", line: 2, number: nil, column: nil, rule: "duplicate-key"),
                           Expected(file: "victims.jsonl", line: 3, number: nil, column: nil, rule: "duplicate-key")]),
        ("invalid-utf8", [Expected(file: "victims.csv", line: 3, number: 6, column: "given_name", rule: "utf-8")]),
        ("missing-case", [Expected(file: "victims.csv", line: 2, number: 18, column: "case_ids", rule: "case-reference")]),
        ("future-date", [Expected(file: "victims.csv", line: 2, number: 13, column: "identification_date", rule: "date-not-in-future")]),
        ("date-order", [Expected(file: "victims.csv", line: 2, number: 13, column: "identification_date", rule: "date-order")]),
        ("passport-without-country", [Expected(file: "victims.csv", line: 2, number: 5, column: "passport_country", rule: "dependentRequired")]),
        ("unknown-column", [Expected(file: "victims.csv", line: 1, number: 23, column: nil, rule: "additionalProperties")]),
        ("missing-column", [Expected(file: "victims.csv", line: 1, number: nil, column: "sex", rule: "required")]),
        ("offender-order", [Expected(file: "offenders.csv", line: 2, number: 12, column: "prosecuted_date", rule: "date-order"),
                            Expected(file: "offenders.csv", line: 2, number: 14, column: "acquitted_date", rule: "verdict"),
                            Expected(file: "offenders.csv", line: 2, number: 16, column: "sentence_months", rule: "sentence-months-type")]),
    ])
    fileprivate func badFilesGetTheirProblem(name: String, expected: [Expected]) throws {
        let problems = try TestSupport.problems(in: TestSupport.fixtures + "/bad/" + name)
        #expect(found(problems) == expected)
        for p in problems { #expect(!p.message.isEmpty) }
    }

    @Test func problemsNeverContainValues() throws {
        // Every value in the bad corpus that could identify someone, or any cell at all.
        let secrets = ["Bad", "Name", "1990-01-01", "unclosed", "C123", "yes", "slavery", "XYZ", "2023-02-30", "C-9", "x"]
        for dir in try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixtures + "/bad") {
            for p in try TestSupport.problems(in: TestSupport.fixtures + "/bad/" + dir) {
                for s in secrets where s.count > 1 { #expect(!p.message.contains(s), "\(dir): \(p)") }
            }
        }
    }

    @Test func aTenMegabyteFieldIsReportedNotKept() throws {
        let dir = TestSupport.temporaryDirectory()
        let header = VictimField.specs.map(\.name).joined(separator: ",")
        let huge = String(repeating: "A", count: 10 << 20)
        TestSupport.write(header + "\nV1,police,,,,\(huge),Name,1990-01-01,female,AZE,,identified,2023-02-01,,sexual_exploitation,TUR,,,,,,\n",
                          to: dir + "/victims.csv")
        let problems = try TestSupport.problems(in: dir)
        #expect(found(problems) == [Expected(file: "victims.csv", line: 2, number: 6, column: "given_name", rule: "field-size")])
    }

    @Test func aMillionColumnLineIsCountedNotKept() throws {
        let dir = TestSupport.temporaryDirectory()
        let header = VictimField.specs.map(\.name).joined(separator: ",")
        TestSupport.write(header + "\n" + String(repeating: "x,", count: 999_999) + "x\n", to: dir + "/victims.csv")
        let problems = try TestSupport.problems(in: dir)
        #expect(found(problems) == [Expected(file: "victims.csv", line: 2, number: nil, column: nil, rule: "column-count")])
        #expect(problems[0].message.contains("1000000 fields"))
    }

    @Test func manyProblemsAreCappedAndCounted() throws {
        let dir = TestSupport.temporaryDirectory()
        let header = VictimField.specs.map(\.name).joined(separator: ",")
        let rows = (1...500).map { "V\($0),police,,,,,,,f,AZE,,identified,2023-02-01,,sexual_exploitation,TUR,,,,,," }
        TestSupport.write(header + "\n" + rows.joined(separator: "\n") + "\n", to: dir + "/victims.csv")
        let log = ProblemLog(limit: 100)
        var none = NoVisitor()
        _ = try InputReader(input: InputDirectory(path: dir)).read(problems: log, partitioned: &none)
        #expect(log.total == 500)
        #expect(log.problems.count == 100)
        #expect(log.problems.last?.line == 101)
    }

    @Test func directoryProblemsAreInputErrors() throws {
        #expect(throws: InputError.notADirectory(path: "/nonexistent")) { try InputDirectory(path: "/nonexistent") }
        let dir = TestSupport.temporaryDirectory()
        #expect(throws: InputError.missingVictims(directory: dir)) { try InputDirectory(path: dir) }
        TestSupport.write("", to: dir + "/victims.csv")
        TestSupport.write("", to: dir + "/victims.jsonl")
        #expect(throws: InputError.ambiguous(directory: dir, kind: .victims)) { try InputDirectory(path: dir) }
    }
}
