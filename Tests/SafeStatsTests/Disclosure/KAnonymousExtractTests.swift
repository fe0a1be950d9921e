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
        try extract.write(to: path)
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
}
