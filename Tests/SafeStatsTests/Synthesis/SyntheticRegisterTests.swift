import Foundation
import Testing
@testable import SafeStats

@Suite struct SyntheticRegisterTests {
    @Test func deterministicForASeedAndValid() throws {
        let a = TestSupport.temporaryDirectory() + "/a", b = TestSupport.temporaryDirectory() + "/b"
        let sa = try SyntheticRegister(victimRecords: 3000, seed: 5).write(to: a, replace: false)
        _ = try SyntheticRegister(victimRecords: 3000, seed: 5).write(to: b, replace: false)
        for f in ["victims.csv", "cases.csv", "offenders.csv"] {
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f))
        }
        #expect(sa.victimRecords == 3000)
        #expect(sa.victimPersons < 2200 && sa.victimPersons > 1500)
        #expect(try TestSupport.problems(in: a, today: .today()).isEmpty)
    }

    @Test func hasTheShapeOfASmallNationalRegister() throws {
        let dir = TestSupport.temporaryDirectory() + "/s"
        _ = try SyntheticRegister(victimRecords: 5000, seed: 9).write(to: dir, replace: false)
        struct Tally: RecordVisitor {
            var female = 0, male = 0, children = 0, sexual = 0, abroad = 0, rows = 0, sources = Set<Source>()
            var identified = 0, presumed = 0, withCases = 0
            mutating func visit(victim r: VictimRecord) {
                rows += 1
                if r.sex == .female { female += 1 }
                if r.sex == .male { male += 1 }
                if let dob = r.identifiers.dateOfBirth, let s = r.exploitationStartDate, (dob.age(on: s) ?? 99) < 18 { children += 1 }
                if r.exploitationForms.contains(.sexualExploitation) { sexual += 1 }
                if r.exploitationCountries != [r.citizenship] { abroad += 1 }
                if r.identificationStatus == .identified { identified += 1 } else { presumed += 1 }
                if !r.caseIDs.isEmpty { withCases += 1 }
                sources.insert(r.source)
            }
        }
        var t = Tally()
        _ = try InputReader(input: InputDirectory(path: dir)).read(problems: ProblemLog(), visitor: &t)
        #expect(Double(t.female) / Double(t.rows) > 0.75)
        #expect(t.male > 0 && Double(t.male) / Double(t.rows) < 0.2)
        #expect(t.children > 0 && Double(t.children) / Double(t.rows) < 0.2)
        #expect(Double(t.sexual) / Double(t.rows) > 0.5)
        #expect(Double(t.abroad) / Double(t.rows) > 0.6)
        #expect(t.identified > 0 && t.presumed > 0 && t.withCases > 0)
        #expect(t.sources.count >= 6)
    }
}
