import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every step on synthetic data with the example key.",
            discussion: """
                synth → validate → pseudonymise → tabulate (the EXAMPLE table set, 2023: counts,
                suppression, audit) → audit the written release again from its tables alone. Uses the
                published EXAMPLE key in keys-example/: nothing it makes protects anyone.

                Example:
                  safestats demo --out demo-output
                """
        )

        @Option(help: "Directory to create for the demo's files.")
        var out = "demo-output"

        @Option(help: "Example key to use.")
        var key = "keys-example/pseudonymisation.example.key"

        @Option(help: "Example table set to tabulate.")
        var tables = "tables/national-example.json"

        @Option(help: "Number of synthetic victim records.")
        var victims = 2000

        @Flag(help: "Replace the output directory if it exists.")
        var force = false

        func run() throws {
            do {
                if force, FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
            } catch {
                Console.error("\(out): cannot create the demo directory (exists? pass --force): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.ioError.rawValue)
            }
            let records = out + "/records"
            let pseudonymised = out + "/pseudonymised"
            do {
                print("1. synth: writing \(victims) synthetic victim records with cases and offenders")
                let s = try SyntheticRegister(victimRecords: victims, seed: 2026).write(to: records, replace: false)
                print("   \(s.victimRecords) victim records of \(s.victimPersons) persons, \(s.cases) cases, \(s.offenderRecords) offender records → \(records)")

                print("2. validate \(records)")
                let problems = ProblemLog()
                var none = NoVisitor()
                _ = try InputReader(input: InputDirectory(path: records)).read(problems: problems, visitor: &none)
                guard problems.isEmpty else {
                    for p in problems.problems { Console.note(p.description) }
                    throw ExitCode(ExitStatus.dataError.rawValue)
                }
                print("   valid")

                print("3. pseudonymise with \(key)")
                let k = try loadKey(KeyOptions.parse(["--key", key]))
                guard k.isExample else {
                    Console.error("the demo runs with example keys only; \(key) is not marked as an example")
                    throw ExitCode(ExitStatus.configuration.rawValue)
                }
                let result = try PseudonymisationRun(input: InputDirectory(path: records), key: k)
                    .run(output: pseudonymised, replace: false, problems: problems)
                print(LinkageText.render(result, json: false))

                let release = out + "/release-2023"
                print("4. tabulate \(pseudonymised) with \(tables) for 2023")
                let units = try TabulationInput.read(pseudonymised: InputDirectory(path: pseudonymised), problems: problems)
                let protected = try ProtectedRelease(units, tables: TableDeclarations(path: tables), periods: [Period("2023")!])
                try PublishedDirectory.write(protected, to: release, replace: false)
                print(ReleaseText.render(protected, out: release, json: false))

                print("5. audit \(release) from its tables alone")
                let recheck = try PublishedDirectory.recheck(release)
                guard recheck.audit.passed, recheck.matchesRecorded == true else {
                    Console.error("the written release does not pass its audit")
                    throw ExitCode(ExitStatus.verificationFailed.rawValue)
                }
                print("   \(recheck.audit.intervals.count) hidden cells, none narrow, no small count published; audit.json agrees")
            } catch let e as ExitCode {
                try? FileManager.default.removeItem(atPath: out)  // no partial demo left behind
                throw e
            } catch {
                try? FileManager.default.removeItem(atPath: out)
                throw statusFor(error)
            }
        }
    }
}
