import Foundation
import Testing
@testable import SafeStats

@Suite struct PublishedReleaseTests {
    private func protectedRelease() throws -> ProtectedRelease {
        let input = try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                             today: ISODate("2026-01-01")!, problems: ProblemLog())
        let declarations = try TableDeclarations(json: Data(#"""
            {"country": "AZE", "threshold": 3, "tables": [
              {"id": "by-sex-age", "period_rule": "identification_date", "dimensions": ["sex", "age_group"]},
              {"id": "by-band", "period_rule": "identification_date", "dimensions": ["age_band"], "threshold": 4, "protection_width": 6}]}
            """#.utf8), source: "t.json")
        return try ProtectedRelease(input, tables: declarations, periods: [Period("2023")!])
    }

    /// A cell's key across releases is the same read from the tabulation's keys (as protection
    /// with a history reads it) and from the published document (as the history records it).
    @Test func historyKeysAgreeBetweenTheTabulationAndTheDocument() throws {
        let p = try protectedRelease()
        let fromKeys = p.tabulation.keys.map(\.historyKey), fromDocument = p.published.cells.map(\.historyKey)
        #expect(fromKeys == fromDocument && Set(fromKeys).count == fromKeys.count)
        #expect(fromKeys.contains("victims|identification_date|2023|age_group=adult|sex=female"))
    }

    @Test func thePublishedDocumentHidesEveryHiddenValueAndCarriesTheStructure() throws {
        let p = try protectedRelease()
        let doc = p.published
        #expect(doc.cells.count == p.release.cells.count && doc.relations.count == p.release.relations.count)
        for (i, cell) in p.release.cells.enumerated() {
            #expect(doc.cells[i].value == (cell.status.isSuppressed ? nil : cell.value))
            #expect(doc.cells[i].threshold == p.release.rules[i].threshold)
        }
        // Three victims in 2023, all counts under 3 or 0: every non-zero count is hidden.
        #expect(doc.cells.allSatisfy { ($0.value ?? 0) == 0 || $0.value! >= 3 })
        let band = try #require(doc.tables.first { $0.id == "by-band" })
        #expect(band.threshold == 4 && band.protectionWidth == 6 && band.dimensions == ["age_band"] && band.cells.count == 11)
        #expect(doc.cells[band.cells[0]].categories == ["age_band": "0-8"] && doc.cells[band.cells[0]].period == "2023")
        #expect(doc.cells[band.cells.last!].categories.isEmpty)
        // The grand total is shared by both tables and takes the stricter rule.
        #expect(doc.cells[band.cells.last!].threshold == 4 && doc.cells[band.cells.last!].protectionWidth == 6)
        // The bytes read back to the same document, and are the same every time.
        #expect(try PublishedRelease(json: doc.json(), source: "t") == doc)
        #expect(try protectedRelease().published.json() == doc.json())
        #expect(String(decoding: doc.json(), as: UTF8.self).contains(#""value" : null"#))
    }

    @Test func theAuditFromTheDocumentAloneIsTheAuditOfTheRelease() throws {
        let p = try protectedRelease()
        let attacker = try p.published.release()
        #expect(attacker.cells.map(\.status.isSuppressed) == p.release.cells.map(\.status.isSuppressed))
        #expect(attacker.cells.allSatisfy { $0.status != .primary })  // the document does not say why
        let direct = try DisclosureAudit(p.release, rule: ProtectionRule())
        #expect(p.audit.intervals.map(\.cell) == direct.intervals.map(\.cell))
        for (a, b) in zip(p.audit.intervals, direct.intervals) {
            #expect(abs(a.lower - b.lower) < 1e-6 && (a.upper ?? -1) - (b.upper ?? -1) < 1e-6)
        }
        #expect(p.audit.passed && direct.passed)
        #expect(try AuditReport(json: p.audit.json(), source: "a") == p.audit)
    }

    @Test func documentsThatCannotBeAuditedAreRefusedWithWhy() throws {
        var doc = try protectedRelease().published
        doc.relations.append(.init(total: doc.cells.count, parts: [0]))
        #expect(throws: PublishedRelease.Problem(message: "relation \(doc.relations.count - 1) names a cell that is not in the document")) {
            try AuditReport(auditing: doc)
        }
        doc = try protectedRelease().published
        doc.cells[1].id = 7
        #expect(throws: PublishedRelease.Problem(message: "cell 1: its id is 7; cells must be numbered 0, 1, 2, … in order")) {
            try doc.release()
        }
        #expect(throws: PublishedRelease.Problem.self) { try PublishedRelease(json: Data(#"{"format": "other"}"#.utf8), source: "x") }
    }
}
