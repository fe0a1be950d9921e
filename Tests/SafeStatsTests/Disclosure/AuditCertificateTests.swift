import Foundation
import Testing
@testable import SafeStats

@Suite struct AuditCertificateTests {
    let rule = ProtectionRule(threshold: 3, width: 3)

    /// The audit of `release`, and its certificate.
    private func certify(_ release: CellUniverse) throws -> (audit: DisclosureAudit, certificate: AuditCertificate) {
        var groups: [GroupBounds]? = []
        let audit = try DisclosureAudit(release, rule: rule, keeping: &groups)
        return (audit, AuditCertificate(release: release, groups: groups ?? [], rule: rule))
    }

    private func table(_ inner: [Int]) -> CellUniverse { CellUniverse.threeByFour(inner) }

    /// On random tables with random hidden cells: every release the audit passes gets a
    /// certificate that proves every cell that needs it, with integers; no release it fails does
    /// (the check finds the narrow cell unproven).
    @Test func releasesThatPassAreProvenAndReleasesThatFailAreNot() throws {
        var generator = SeededGenerator(seed: 23)
        var passed = 0, failed = 0, bounds = 0
        for _ in 0..<200 {
            // Small counts always hidden (as primary suppression hides them), other cells at random:
            // the releases that fail have narrow hidden cells, not small published ones.
            var release = table((0..<12).map { _ in Int.random(in: 0...9, using: &generator) })
            for i in release.cells.indices where rule.isSmall(release.cells[i].value) || Int.random(in: 0..<3, using: &generator) == 0 {
                release.cells[i].status = .secondary
            }
            let (audit, certificate) = try certify(release)
            let check = CertificateCheck(certificate, release: release, rule: rule)
            if audit.passed {
                passed += 1
                #expect(check.passed, "\(check.failures)")
                let needed = release.cells.indices.filter { release.cells[$0].status.isSuppressed }.count
                #expect(check.proven == needed)
            } else {
                failed += 1
                #expect(!check.passed)
            }
            bounds += certificate.bounds.count
        }
        #expect(passed > 40 && failed > 40 && bounds > 40, "\(passed) \(failed) \(bounds)")
    }

    /// The certificate is made from the published tables alone: two releases that publish the
    /// same values get the same certificate whatever their hidden values, and no witness is the
    /// true table.
    @Test func theCertificateDependsOnThePublishedValuesOnly() throws {
        let first = [4, 2, 7, 3, 5, 6, 3, 8, 3, 3, 4, 9], second = [5, 1, 7, 3, 4, 7, 3, 8, 3, 3, 4, 9]
        func hidden(_ inner: [Int]) -> CellUniverse {
            var release = table(inner)
            for i in [0, 1, 4, 5] { release.cells[i].status = .secondary }
            return release
        }
        let a = try certify(hidden(first)), b = try certify(hidden(second))
        #expect(a.audit.passed && a.certificate == b.certificate)
        #expect(a.certificate.json() == b.certificate.json())
        for truth in [first, second] {
            let values = [0, 1, 4, 5].map { truth[$0] }
            #expect(!a.certificate.witnesses.contains { w in w.values(first: a.certificate.witnesses[0]) == values.map { $0 * w.scale } })
        }
        #expect(CertificateCheck(a.certificate, release: hidden(second), rule: rule).passed)
    }

    /// The check rejects a witness off a relation, a negative witness, an altered multiplier, a
    /// changed published value and a proof that points elsewhere, naming what fails.
    @Test func tamperedCertificatesAreRejected() throws {
        // Row 3 is all zeros, its total published: its hidden cell is a known zero (a bound).
        var release = table([4, 2, 7, 3, 5, 6, 3, 8, 0, 0, 0, 0])
        for i in [0, 1, 4, 5, 8] { release.cells[i].status = .secondary }
        let (audit, certificate) = try certify(release)
        #expect(audit.passed)
        #expect(CertificateCheck(certificate, release: release, rule: rule).passed)
        #expect(!certificate.witnesses.isEmpty && !certificate.bounds.isEmpty)
        func failures(_ edit: (inout AuditCertificate) -> Void, release changed: CellUniverse? = nil) -> [String] {
            var c = certificate
            edit(&c)
            return CertificateCheck(c, release: changed ?? release, rule: rule).failures
        }
        #expect(failures { $0.witnesses[0].values![0] += $0.witnesses[0].scale }.contains { $0.hasPrefix("witness 0: relation") })
        #expect(failures { c in
            c.witnesses[0].values = c.witnesses[0].values!.map { _ in -1 }
        }.contains("witness 0: a negative value of a hidden cell (position 0)"))
        // A witness written by its changes to the first keeps the first's other values.
        let full = certificate.witnesses.map { $0.values(first: certificate.witnesses[0]) }
        #expect(full.allSatisfy { $0?.count == certificate.hidden.count })
        #expect(failures { c in
            c.witnesses.append(AuditCertificate.Witness(scale: c.witnesses[0].scale, changes: [[0, -1]]))
        }.contains { $0.hasPrefix("witness \(certificate.witnesses.count): a negative value") })
        #expect(failures { $0.bounds[0].multipliers[0][1] = -$0.bounds[0].multipliers[0][1] }.contains { $0.hasPrefix("bound 0: ") })
        var changed = release
        changed.cells[12].value += 1
        changed.cells[19].value += 1
        changed.cells[15].value += 1
        #expect(!CertificateCheck(certificate, release: changed, rule: rule).passed)
        #expect(failures { c in
            c.proofs = c.proofs.map { AuditCertificate.Proof(cell: $0.cell, witnesses: [0, 0], bound: nil) }
        }.contains { $0.contains("its witnesses are less than its protection width 3 apart") })
        #expect(failures { $0.proofs.removeFirst() }.contains { $0.hasSuffix(": no proof") })
    }
}

@Suite struct ExactScaleTests {
    /// A vertex of the 10,000-record benchmark's GRETA audit had values in thirteenths, which a
    /// fixed list of common denominators missed (and the export refused its own certificate).
    @Test func anyDenominatorIsFoundAndTheScaleIsTheirLeastCommonMultiple() throws {
        let vertex = [228.0 / 13, 81.0 / 13, 309.0 / 13, 4, 0.5]
        let exact = try #require(ExactScale.integers(vertex.map { $0 + 3e-12 }))
        #expect(exact.scale == 26)
        #expect(exact.values == [456, 162, 618, 104, 13])
        #expect(ExactScale.integers([1.0 / 7, 2.0 / 3])?.scale == 21)
        #expect(ExactScale.integers([3, 0, 12])! == (1, [3, 0, 12]))
        #expect(ExactScale.denominator(of: 17.538461538461547) == 13)
        // Within 10⁻⁸ of p/q: the first convergent that close (the exact check of the
        // certificate then decides whether the rounded table keeps every relation).
        #expect(ExactScale.integers([Double.pi])! == (33102, [103993]))
        #expect(ExactScale.integers([2 + 4e-9])! == (1, [2]))
        // Denominators whose least common multiple passes a million: no scale.
        #expect(ExactScale.integers([1.0 / 997, 1.0 / 991, 1.0 / 983]) == nil)
        #expect(ExactScale.integers([.infinity]) == nil)
    }
}
