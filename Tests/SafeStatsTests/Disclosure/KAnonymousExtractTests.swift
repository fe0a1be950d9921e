import Foundation
import Testing
@testable import SafeStats

@Suite struct KAnonymousExtractTests {
    @Test func hierarchies() {
        #expect([0, 8, 9, 17, 18, 20, 21, 29, 30, 38, 39, 47, 48, 90].map(QuasiIdentifier.ctdcBand)
                == ["0-8", "0-8", "9-17", "9-17", "18-20", "18-20", "21-23", "27-29", "30-38", "30-38", "39-47", "39-47", "48+", "48+"])
        var record = try! VictimRecordFixture.make(identified: "2023-05-17")
        record.exploitationCountries = ["TUR", "ARE"]
        record.citizenship = "AZE"
        let unit = VictimUnit(person: Pseudonym(high: 1, low: 1), record: record)
        let c = QuasiIdentifier.citizenship, e = QuasiIdentifier.exploitationCountries, d = QuasiIdentifier.identificationDate
        #expect((0...3).map { c.value(of: unit, level: $0, country: "AZE") } == ["AZE", "Asia", "national", "*"])
        #expect((0...3).map { e.value(of: unit, level: $0, country: "AZE") } == ["ARE;TUR", "Asia", "transnational", "*"])
        #expect((0...3).map { d.value(of: unit, level: $0, country: "AZE") } == ["2023-05-17", "2023-Q2", "2023", "*"])
        #expect(QuasiIdentifier.age.value(of: unit, level: 0, country: "AZE") == "unknown")
        #expect(QuasiIdentifier.sex.value(of: unit, level: 1, country: "AZE") == "*")
    }

    @Test func everyCombinationOccursAtLeastKTimesCheckedByPython() throws {
        let input = TestSupport.temporaryDirectory() + "/in"
        _ = try SyntheticRegister(victimRecords: 6000, seed: 21).write(to: input, replace: false)
        let units = try TabulationInput.read(InputDirectory(path: input), key: TestSupport.exampleKey(), problems: ProblemLog()).victims
        let extract = KAnonymousExtract(units: units, k: 11, country: "AZE")
        #expect(extract.rows.count + extract.loss.recordsDropped == units.count)
        #expect(Double(extract.loss.recordsDropped) <= 0.05 * Double(units.count))
        var counts: [[String]: Int] = [:]
        for r in extract.rows { counts[r.quasi, default: 0] += 1 }
        #expect(counts.values.min()! >= 11)
        #expect(extract.loss.valuesGeneralised > 0)
        // Some detail survives: not everything generalised to the top.
        #expect(extract.loss.levels.values.contains { $0 < 3 })
        let path = TestSupport.temporaryDirectory() + "/extract.csv"
        try Data(extract.csv().utf8).write(to: URL(fileURLWithPath: path))
        let script = """
            import csv, sys, collections
            rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
            qi = ["age", "sex", "citizenship", "exploitation_countries", "identification_date"]
            counts = collections.Counter(tuple(r[q] for q in qi) for r in rows)
            print(len(rows), min(counts.values()))
            """
        let r = TestSupport.run(TestSupport.python3, ["-c", script, path])
        #expect(r.status == 0, "\(r.stderr)")
        let parts = r.stdout.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        #expect(parts[0] == extract.rows.count)
        #expect(parts[1] >= 11)
    }

    @Test func deterministic() throws {
        let units = try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"),
                                             key: TestSupport.exampleKey(), today: ISODate("2026-01-01")!, problems: ProblemLog()).victims
        let a = KAnonymousExtract(units: units, k: 2, country: "AZE"), b = KAnonymousExtract(units: units.reversed(), k: 2, country: "AZE")
        #expect(a.rows == b.rows && a.loss == b.loss)
        // Three persons cannot form classes of 2 on all five quasi-identifiers without loss.
        #expect(a.loss.recordsDropped + a.loss.valuesSuppressed + a.loss.valuesGeneralised > 0)
    }

    /// Groups of k or more records that all share one form of exploitation tell that form for
    /// everyone in them: with l = 2 every group holds two forms at least, counted independently.
    @Test func everyGroupHoldsLFormsWhenAsked() throws {
        let input = TestSupport.temporaryDirectory() + "/in"
        _ = try SyntheticRegister(victimRecords: 4000, seed: 8).write(to: input, replace: false)
        let units = try TabulationInput.read(InputDirectory(path: input), key: TestSupport.exampleKey(), problems: ProblemLog()).victims
        let plain = KAnonymousExtract(units: units, k: 5, country: "AZE")
        let diverse = KAnonymousExtract(units: units, k: 5, l: 2, country: "AZE")
        // Without l, some groups hold one form only; with it, none does.
        var forms: [[String]: Set<String>] = [:]
        for r in plain.rows { forms[r.quasi, default: []].insert(r.forms) }
        #expect(forms.values.contains { $0.count == 1 })
        #expect(plain.achieved.l == 1)
        forms = [:]
        var sizes: [[String]: Int] = [:]
        for r in diverse.rows {
            forms[r.quasi, default: []].insert(r.forms)
            sizes[r.quasi, default: 0] += 1
        }
        #expect(forms.values.map(\.count).min() == diverse.achieved.l && diverse.achieved.l >= 2)
        #expect(sizes.values.min() == diverse.achieved.k && diverse.achieved.k >= 5)
        #expect(sizes.count == diverse.achieved.groups)
        #expect(diverse.rows.count + diverse.loss.recordsDropped == units.count)
        // Diversity costs detail: more values made coarser, replaced by * or dropped.
        #expect(diverse.loss.valuesGeneralised + diverse.loss.valuesSuppressed + 5 * diverse.loss.recordsDropped
                > plain.loss.valuesGeneralised + plain.loss.valuesSuppressed + 5 * plain.loss.recordsDropped)
    }

    @Test func theAnonymityOfRowsIsTheirSmallestGroupAndFewestValues() {
        let quasi = [["a", "1"], ["a", "1"], ["a", "1"], ["b", "1"], ["b", "1"]]
        let sensitive = [["x", "p"], ["y", "p"], ["x", "p"], ["x", "p"], ["y", "q"]]
        #expect(ExtractAnonymity(quasi: quasi, sensitive: sensitive) == ExtractAnonymity(k: 2, l: 1, groups: 2))
        #expect(ExtractAnonymity(quasi: quasi, sensitive: sensitive.map { [$0[0]] }) == ExtractAnonymity(k: 2, l: 2, groups: 2))
        #expect(ExtractAnonymity(quasi: [], sensitive: []) == ExtractAnonymity(k: 0, l: 0, groups: 0))
    }

    /// `verify` re-checks what the manifest promises on the rows themselves.
    @Test func verificationRechecksKAndLOnTheRows() {
        let parameters = BundleManifest.ExtractParameters(k: 2, l: 2, quasiIdentifiers: ["age", "sex"], sensitiveAttributes: ["exploitation_forms"], rows: 4)
        func failure(_ rows: [String], _ p: BundleManifest.ExtractParameters = parameters) -> String? {
            BundleVerification.extractFailure(Data((["age,sex,identification_status,exploitation_forms"] + rows).map { $0 + "\r\n" }.joined().utf8), p)
        }
        let good = ["adult,female,identified,forced_labour", "adult,female,presumed,\"forced_labour;sexual_exploitation\"",
                    "child,*,identified,forced_labour", "child,*,identified,other"]
        #expect(failure(good) == nil)
        #expect(failure(good.dropLast() + ["child,male,identified,other"])?.contains("a group of 1 rows") == true)
        #expect(failure(good.dropLast() + ["child,*,identified,forced_labour"])?.contains("only 1 distinct values") == true)
        #expect(failure(Array(good.dropLast()))?.contains("has 3 rows, the manifest says 4") == true)
        #expect(failure(good.dropLast() + ["child,*,identified"])?.contains("without one value per column") == true)
        #expect(failure(good.dropLast() + ["child,*,identified,\"other"])?.contains("is not CSV") == true)
        var other = parameters
        other.quasiIdentifiers = ["age"]
        #expect(failure(good, other)?.contains("is not CSV with the columns age,identification_status,exploitation_forms") == true)
    }

    @Test func csvTextReadsBackWhatItWrites() {
        let rows = [["a", "b,c", "d\"e"], ["", "line\nbreak", "*"], ["x", "", ""]]
        #expect(CSVText.parse(rows.map(CSVText.row).joined()) == rows)
        #expect(CSVText.parse("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(CSVText.parse("a,\"b") == nil)
        #expect(CSVText.parse("a,b\"c\n") == nil)
        #expect(CSVText.parse("\"a\"b,c\n") == nil)
    }
}
