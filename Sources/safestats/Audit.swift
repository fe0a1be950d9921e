import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check the disclosure control of a published release from its tables and certificate alone.",
            discussion: """
                Reads tables.json (in PATH, or PATH itself). With a certificate.json beside it (every bundle has \
                one), checks it with integer arithmetic: when it proves every hidden cell protected and the \
                audit.json beside it records that verdict, no program is solved. Otherwise, for every hidden \
                cell, solves the attacker's two linear programs (GLPK): the smallest and largest value it can \
                take given every published value, every relation and non-negativity. Fails (exit 1) if a hidden \
                cell's interval is narrower than its protection width and holds a value from 1 to threshold−1, \
                if a published count is from 1 to threshold−1, if the audit.json beside it says otherwise, or if \
                the certificate does not hold. Exit 65 if a document is malformed. --json prints the audit (the \
                audit.json format).

                In a bundle (a directory with manifest.json), also holds it to the rule it declares, as verify does: \
                profile.json is the profile the manifest names (and the built-in one when it claims to be), every \
                table's rule is at least the profile's and tables.json states it, the cells, tables and relations \
                are exactly those the profile's tables imply, and tables.csv and tables.xlsx show exactly the \
                values of tables.json. Signatures are verify's.

                By default a cell already shown wide enough by the solutions found is not solved for \
                (audit.json marks it "exact": false); --exact solves every hidden cell's minimum and maximum, \
                whatever the certificate, and checks that audit.json agrees (the same verdicts, and every \
                recorded range inside the exact interval) and that the certificate holds.

                Example:
                  safestats audit release-2023/
                """
        )

        @Argument(help: ArgumentHelp("A directory holding tables.json (a release or a bundle), or a tables.json file.", valueName: "path"), completion: .file())
        var path: String

        @Flag(help: "Solve the exact interval of every hidden cell (two linear programs each; slower).")
        var exact = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let recheck: PublishedDirectory.Recheck
            do { recheck = try PublishedDirectory.recheck(path, exact: exact) } catch { throw statusFor(error) }
            let audit = recheck.audit
            if output.json {
                print(String(decoding: audit.json(), as: UTF8.self), terminator: "")
            } else {
                for cell in audit.intervals where cell.narrow {
                    print("narrow: cell \(cell.cell) (\(describe(recheck.published.cells[cell.cell]))) lies in [\(cell.lower), \(cell.upper.map { "\($0)" } ?? "∞")]")
                }
                for cell in audit.smallPublished {
                    print("small count published: cell \(cell) (\(describe(recheck.published.cells[cell])))")
                }
                print("\(audit.intervals.count) hidden cells, \(audit.narrow.count) narrow, \(audit.smallPublished.count) small counts published: "
                    + (audit.passed ? "passed" : "FAILED") + (recheck.byCertificate ? " (proven by \(AuditCertificate.fileName); no program solved)" : ""))
                switch recheck.matchesRecorded {
                case true? where recheck.byCertificate: print("\(PublishedDirectory.auditFile) states the verdict that \(AuditCertificate.fileName) proves")
                case true?: print("\(PublishedDirectory.auditFile) agrees with the recomputed audit")
                case false?: print("\(PublishedDirectory.auditFile) does NOT agree with the recomputed audit")
                case nil: print("no \(PublishedDirectory.auditFile) to compare with")
                }
                if let check = recheck.certificate {
                    for failure in check.failures { print("certificate: \(failure)") }
                    print("\(AuditCertificate.fileName): " + (check.passed ? "every hidden cell proven protected with integer arithmetic (\(check.proven) proofs)" : "does NOT prove the release protected"))
                }
            }
            let declared = isDirectory(path) ? BundleVerification.declaredRule(bundle: path) : nil
            if !output.json {
                for check in declared ?? [] {
                    print(check.failure.map { "FAILED \(check.subject): \(check.what): \($0)" } ?? "ok     \(check.subject): \(check.what)")
                }
            }
            if declared?.contains(where: { $0.failure != nil }) == true {
                if output.json { Console.error("the bundle does not keep the rule it declares: run without --json for the failures") }
                throw ExitCode(ExitStatus.verificationFailed.rawValue)
            }
            if !audit.passed || recheck.matchesRecorded == false || recheck.certificate?.passed == false {
                throw ExitCode(ExitStatus.verificationFailed.rawValue)
            }
        }

        private func isDirectory(_ path: String) -> Bool {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
        }

        private func describe(_ c: PublishedRelease.PublishedCell) -> String {
            ([c.population.rawValue, c.periodRule.rawValue, c.period] + c.categories.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
        }
    }
}
