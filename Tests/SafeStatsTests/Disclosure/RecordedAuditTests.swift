import Testing
@testable import SafeStats

/// Protection solves large groups of linked hidden cells in reduced programs; `audit.json` must
/// still hold the audit that `safestats audit` recomputes from the published tables.
@Suite struct RecordedAuditTests {
    @Test func theRecordedAuditIsTheOneRecomputedFromThePublishedTables() throws {
        let dir = TestSupport.temporaryDirectory() + "/records"
        _ = try SyntheticRegister(victimRecords: 120, seed: 3).write(to: dir, replace: false)
        let input = try TabulationInput.read(InputDirectory(path: dir), key: TestSupport.exampleKey(), today: ISODate("2026-06-01")!, problems: ProblemLog())
        let declarations = try TableDeclarations(path: TestSupport.root + "/tables/national-example.json")
        let protected = try ProtectedRelease(input, tables: declarations, periods: [Period("2023")!, Period("2023-04-01..2024-03-31")!])
        #expect(protected.auditReduced, "a group of more than 2,000 linked hidden cells, solved reduced")
        let recorded = try protected.recordedAudit()
        #expect(recorded == (try AuditReport(auditing: protected.published)))
        #expect(recorded.passed == protected.audit.passed && recorded.narrow == protected.audit.narrow)
        #expect(recorded.intervals.map(\.cell) == protected.audit.intervals.map(\.cell))
    }
}
