import Foundation
import Testing
@testable import SafeStats

@Suite struct PseudonymisedInputTests {
    /// Synthetic records, read directly with the key, and pseudonymised then read back.
    private func bothWays(victims: Int) throws -> (direct: TabulationInput, pseudonymised: TabulationInput) {
        let dir = TestSupport.temporaryDirectory()
        _ = try SyntheticRegister(victimRecords: victims, seed: 3).write(to: dir + "/records", replace: false)
        let key = try TestSupport.exampleKey()
        let today = ISODate("2026-06-01")!
        let direct = try TabulationInput.read(InputDirectory(path: dir + "/records"), key: key, today: today, problems: ProblemLog())
        _ = try PseudonymisationRun(input: InputDirectory(path: dir + "/records"), key: key, today: today, parallelism: 2)
            .run(output: dir + "/pseudonymised", replace: false, problems: ProblemLog())
        #expect(TabulationInput.isPseudonymised(dir + "/pseudonymised") && !TabulationInput.isPseudonymised(dir + "/records"))
        let back = try TabulationInput.read(pseudonymised: InputDirectory(path: dir + "/pseudonymised"), problems: ProblemLog())
        return (direct, back)
    }

    @Test func pseudonymisedFilesGiveTheUnitsOfTheRecordsTheyCameFrom() throws {
        let (direct, back) = try bothWays(victims: 800)
        #expect(direct.victims.count > 400 && direct.offenders.count > 100 && direct.cases.count > 100)
        #expect(back.victims == direct.victims)
        #expect(back.cases == direct.cases)
        #expect(back.offenders == direct.offenders)
        #expect(back.victims.contains { $0.age != nil } && back.victims.contains { $0.age == nil })
    }

    @Test func aPseudonymMustBeThirtyTwoHexDigits() {
        #expect(Pseudonym(hex: "9f419cfa32264c6912c1ac80807a8465")?.description == "9f419cfa32264c6912c1ac80807a8465")
        #expect(Pseudonym(hex: "9F419CFA32264C6912C1AC80807A8465") == nil)
        #expect(Pseudonym(hex: "9f419cfa32264c6912c1ac80807a846") == nil)
        #expect(Pseudonym(hex: "9f419cfa32264c6912c1ac80807a846g") == nil)
    }
}
