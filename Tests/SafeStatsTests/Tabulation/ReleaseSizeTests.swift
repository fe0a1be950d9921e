import Foundation
import Testing
@testable import SafeStats

/// The size of a release, estimated before anything is counted (`ReleaseSize`), against the
/// cells tabulation then makes, and the limits beyond which a release is refused.
@Suite struct ReleaseSizeTests {
    private func scheduled(_ requests: [(String, String)]) throws -> [(spec: TableSpec, periods: [Period])] {
        let requests = try requests.map { id, text in
            let profile = try Profile.named(id)
            return (profile: profile, period: profile.period(text)!)
        }
        return try Export.schedule(requests, earlier: [], country: "AZE", atLeast: nil).0
    }

    /// With the TIP year beside the calendar year (period atoms), every table's estimate is the
    /// number of cells tabulation gives it (a link's at least that), and the release's is at least its cells.
    @Test func theEstimateIsWhatTabulationCounts() throws {
        let tables = try scheduled([("greta", "2023"), ("unodc", "2023"), ("us-tip", "2024")])
        let size = ReleaseSize(tables)
        let tabulation = Tabulation(try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                                                today: ISODate("2026-01-01")!, problems: ProblemLog()), tables: tables)
        #expect(size.blocks.count == tabulation.universe.blocks.count)
        for (block, cells) in zip(size.blocks, tabulation.universe.blocks) {
            // A link's cubes share their margins, which the estimate counts once per cube.
            #expect(block.link ? block.cells >= cells.count : block.cells == cells.count, "\(block.table)")
        }
        #expect(size.cells >= tabulation.universe.cells.count)
        #expect(size.problem(source: { $0 }) == nil)
    }

    /// The built-in recipients together, and a year with its four quarters as the job protects
    /// them, stay far below the limits.
    @Test func theBuiltInProfilesAreFarBelowTheLimits() throws {
        let all = ReleaseSize(try scheduled([("greta", "2023"), ("unodc", "2023"), ("us-tip", "2024")]))
        #expect(all.blocks.map(\.cells).max()! <= ReleaseSize.tableLimit / 5)
        #expect(all.cells <= ReleaseSize.releaseLimit / 4)
        let quarters = ReleaseSize(try scheduled([("greta", "2023"), ("greta", "2023-Q1"), ("greta", "2023-Q2"), ("greta", "2023-Q3"), ("greta", "2023-Q4")]))
        #expect(quarters.cells <= ReleaseSize.releaseLimit / 2)
    }

    /// A table of 253 × 254 × 11 × 5 categories with totals per period is refused, named, with
    /// its size; the product never overflows, however many dimensions.
    @Test func aTableTooLargeIsRefusedByName() throws {
        let spec = try TableSpec(id: "mine/big", dimensions: [.citizenshipCountry, .exploitationCountry, .ageBand, .sex])
        let size = ReleaseSize([(spec, [Period("2023")!])])
        #expect(size.cells == 253 * 254 * 11 * 5)
        let problem = try #require(size.problem(source: { "--profile \($0).json" }))
        #expect(problem.message.hasPrefix("--profile mine.json: table big has 3,534,410 cells (253 × 254 × 11 × 5 categories with totals, over 1 period and period atoms), more than the 50,000 one table may have"))
        let wide = try TableSpec(id: "mine/wide", dimensions: [.citizenshipCountry, .exploitationCountry, .ageBand, .sex, .glotipForm,
                                                               .compensation, .citizenshipRegion, .reflectionPeriod, .residencePermit, .assisted]
                                     + Assistance.allCases.map { .received($0) } + ExploitationForm.allCases.map { .hasForm($0) })
        #expect(ReleaseSize([(wide, [Period("2023")!])]).cells == Int.max)
        #expect(ReleaseSize.describe(Int.max) == "more than 9 × 10^18" && ReleaseSize.describe(1_234_567) == "1,234,567" && ReleaseSize.describe(999) == "999")
    }

    /// Tables each under the limit, together over the release's limit, are refused as a release.
    @Test func aReleaseTooLargeIsRefused() throws {
        let specs = try Assistance.allCases.map { a in
            try TableSpec(id: "mine/\(a.rawValue)", dimensions: [.exploitationCountry, .sex, .ageGroup, .received(a)])
        }
        let size = ReleaseSize(specs.map { ($0, [Period("2022")!, Period("2023")!]) })
        #expect(size.blocks.allSatisfy { $0.cells <= ReleaseSize.tableLimit })
        let problem = try #require(size.problem(source: { $0 }))
        #expect(problem.message.hasPrefix("the release has \(ReleaseSize.describe(size.cells)) cells over all its tables, periods and period atoms (largest: mine/"))
        #expect(problem.message.hasSuffix("nothing was read or written"))
    }
}
