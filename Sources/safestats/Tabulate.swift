import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Tabulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count, protect and audit a release of tables.",
            usage: "safestats tabulate --in <dir> --tables <file> --period <p>... --out <dir>",
            discussion: """
                Counts every table of --tables for every --period (periods may overlap: they are cut into \
                disjoint atoms), suppresses every count from 1 to threshold−1, adds secondary suppressions \
                until no hidden cell can be narrowed below its protection width, and audits the result from \
                the published tables alone. Writes tables.json (every cell with its key and value, null when \
                hidden; the relations; the tables) and audit.json. A release that fails its own audit is not \
                written (exit 1).

                --in takes pseudonymised records (a `safestats pseudonymise` output), or identifiable records \
                with --key, pseudonymised in memory and never written.

                Example:
                  safestats tabulate --in pseudonymised/ \\
                      --tables tables/national-example.json \\
                      --period 2023 --period 2023-04-01..2024-03-31 --out release-2023/
                """
        )

        @Option(name: .customLong("in"), help: ArgumentHelp("Pseudonymised records, or identifiable records with --key.", valueName: "dir"), completion: .directory)
        var input: String

        @Option(help: ArgumentHelp("Table declarations (JSON; see schemas/tables.schema.json).", valueName: "file"), completion: .file())
        var tables: String

        @Option(help: ArgumentHelp("A period: 2023, 2023-Q4, 2023-04 or 2023-04-01..2024-03-31 (repeat for several).", valueName: "period"))
        var period: [Period] = []

        @Option(name: .customLong("key"), help: ArgumentHelp("Pseudonymisation key file, when --in holds identifiable records.", valueName: "file"), completion: .file())
        var keyPath: String?

        @Option(name: .customLong("passphrase-env"), help: ArgumentHelp("Environment variable holding the key file's passphrase.", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
        var passphraseVariable: String?

        @Option(help: ArgumentHelp("Most problems to list.", valueName: "n"))
        var maxProblems = 100

        @OptionGroup(title: "Output") var destination: OutputDirectoryOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            guard !period.isEmpty else { throw ValidationError("give at least one --period") }
        }

        func run() throws {
            let declarations: TableDeclarations
            do { declarations = try TableDeclarations(path: tables) } catch { throw statusFor(error) }
            if let tooLarge = ReleaseSize(declarations.tables.map { ($0, period) }).problem(source: { _ in tables }) { throw statusFor(tooLarge) }
            let progress = Progress(json: output.json)
            let units = try progress.step("reading \(Progress.describe(input))") {
                try readInput(input, keyPath: keyPath, passphraseVariable: passphraseVariable, maxProblems: maxProblems)
            }.units
            let protected: ProtectedRelease
            do {
                protected = try progress.step("protecting \(declarations.tables.count) tables") {
                    try ProtectedRelease(units, tables: declarations, periods: period, progress: progress.round)
                }
                try PublishedDirectory.write(protected.published, audit: protected.recordedAudit(), to: destination.path, replace: destination.force)
            } catch {
                throw statusFor(error)
            }
            print(ReleaseText.render(protected, out: destination.path, json: output.json))
        }
    }
}

/// Reads an input directory once (`ReleaseInput.read`): pseudonymised records as they are, identifiable ones
/// pseudonymised in memory with the key, with the digests of the bytes counted. `keyOption` is the command's name for the
/// key option, for the message when identifiable records come without a key.
func readInput(_ path: String, keyPath: String?, keyOption: String = "--key", passphraseVariable: String?, maxProblems: Int) throws -> ReleaseInput {
    let problems = ProblemLog(limit: maxProblems)
    let pseudonymised = TabulationInput.isPseudonymised(path)
    var key: PseudonymisationKey?
    if !pseudonymised {
        guard let keyPath else {
            Console.error("\(path) holds identifiable records (it has no pseudonymisation.json): give \(keyOption) to pseudonymise them in memory")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        key = try loadKey(keyPath, passphraseVariable: passphraseVariable)
    }
    do {
        let directory = try InputDirectory(path: path)
        Console.ignored(directory)
        return try ReleaseInput.read(directory, key: key, problems: problems)
    } catch {
        for p in problems.problems { Console.note(p.description) }
        if problems.total > problems.problems.count { Console.note("… and \(problems.total - problems.problems.count) more problems") }
        throw statusFor(error)
    }
}

/// The summary of a protected release as text or JSON.
enum ReleaseText {
    static func render(_ r: ProtectedRelease, out: String, json: Bool) -> String {
        let cells = r.release.cells.count
        let hidden = r.audit.intervals.count
        let tables = r.published.tables.count
        if json {
            return #"{"output": \#(jsonString(out)), "tables": \#(tables), "cells": \#(cells), "hidden": \#(hidden), "#
                + #""primary": \#(r.primaryCount), "secondary": \#(r.secondaryCount), "audit_passed": \#(r.audit.passed)}"#
        }
        return """
            \(tables) tables, \(cells) cells: \(r.primaryCount) small counts suppressed, \(r.secondaryCount) more cells suppressed to protect them, \(hidden) hidden in all
            audit passed: no hidden cell can be narrowed below its protection width, no small count is published
            wrote \(out)/\(PublishedDirectory.tablesFile) and \(out)/\(PublishedDirectory.auditFile)
            """
    }
}
