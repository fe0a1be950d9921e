import Foundation
import Testing
@testable import SafeStats

/// Versions of a register in one universe: a count that changed by a small number between two
/// versions is a difference the revision must not let anyone recompute.
@Suite struct RegisterVersionsTests {
    /// a + b = total, with each cell's key and the rule t = 5, p = 5; `fixed`: published in a
    /// release already sent.
    private func table(_ a: Int, _ b: Int, fixed: Bool) -> CellUniverse {
        var u = CellUniverse(cells: [Cell(value: a), Cell(value: b), Cell(value: a + b)], relations: [Additivity(total: 2, parts: [0, 1])],
                             blocks: [[0, 1, 2]], rules: [ProtectionRule](repeating: ProtectionRule(), count: 3))
        let period = Period("2023-Q1")!
        u.setKeys(["a", "b", "total"].map { CellKey(periodRule: .identificationDate, period: period, coordinates: [.init(dimension: "x", category: $0)]) })
        u.weights = [1, 1, 2]
        if fixed { u.fixedPublished = [0, 1, 2] }
        return u
    }

    private func version(_ name: String, _ universe: CellUniverse) -> RegisterVersions.Version {
        RegisterVersions.Version(name: name, universe: universe, sent: [0, 1, 2])
    }

    @Test func aLateRegistrationHidesTheCellsItChangedAndTheirDifferencesStayWide() throws {
        // Sent: a = 10, b = 10, total = 20, all published. Now one late victim in a.
        let joint = RegisterVersions.joint(now: table(11, 10, fixed: false), earlier: [version("greta-2023-Q1", table(10, 10, fixed: true))])
        // b did not change: one cell. a and total: a cell per value, and a difference of 1 each.
        #expect(joint.cells.count == 3 + 2 + 2)
        #expect(joint.cells.suffix(4).map(\.value) == [10, 20, 1, 1])
        #expect(joint.cells.suffix(2).map(\.status) == [.primary, .primary])
        #expect(joint.fixedPublished == [1, 3, 4])
        #expect(joint.keys[5].description == "victims/identification_date 2023-Q1 x=a ~version=difference greta-2023-Q1 / now")
        var protected = joint
        let (_, audit, _) = try SecondarySuppression.protectAndAudit(&protected, rule: ProtectionRule())
        #expect(audit.passed)
        // The revision cannot publish a or the total (each would pin a difference of 1); b stands.
        #expect(protected.prefix(3, blocks: 1).cells.map(\.status) == [.secondary, .published, .secondary])
        #expect(protected.prefix(3, blocks: 1).relations == [Additivity(total: 2, parts: [0, 1])])
        // Protected alone, the same table would publish everything.
        var alone = table(11, 10, fixed: false)
        _ = try SecondarySuppression.protectAndAudit(&alone, rule: ProtectionRule())
        #expect(alone.cells.map(\.status) == [.published, .published, .published])
    }

    @Test func aCountThatChangedByManyIsPublishedAgain() throws {
        let joint = RegisterVersions.joint(now: table(16, 10, fixed: false), earlier: [version("v1", table(10, 10, fixed: true))])
        var protected = joint
        let (_, audit, _) = try SecondarySuppression.protectAndAudit(&protected, rule: ProtectionRule())
        #expect(audit.passed)
        #expect(protected.prefix(3, blocks: 1).cells.map(\.status) == [.published, .published, .published])
    }

    @Test func aCellHiddenInTheVersionSentStaysHidden() throws {
        var sent = table(10, 10, fixed: true)
        sent.fixedPublished = [2]
        sent.cells[0].status = .secondary
        sent.cells[1].status = .secondary
        let joint = RegisterVersions.joint(now: table(10, 10, fixed: false), earlier: [version("v1", sent)])
        #expect(joint.cells.count == 3)
        #expect(joint.cells.map(\.status) == [.secondary, .secondary, .published])
        #expect(joint.fixedPublished == [2])
        // A cell to keep published now that the version sent hid stays hidden.
        var kept = table(10, 10, fixed: false)
        kept.fixedPublished = [0]
        let refused = RegisterVersions.joint(now: kept, earlier: [version("v1", sent)])
        #expect(refused.fixedPublished == [2] && refused.cells[0].status == .secondary)
    }
}
