import ArgumentParser
import SafeStats

extension SafeStatsCommand {
    struct Pseudonymise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace direct identifiers by keyed pseudonyms and link each person's records.",
            usage: "safestats pseudonymise --in <dir> --key <file> --out <dir> [<options>]",
            discussion: """
                Validates the whole input first; if anything is wrong nothing is written (exit 65). \
                Writes victims, cases and offenders in the input's formats with record_pid, person_pid, \
                case_pid(s) and ages instead of identifiers and dates of birth, and pseudonymisation.json \
                with the key id and the linkage summary. The output is still personal data: keep it \
                with the data officer.

                Example:
                  safestats pseudonymise --in records/ --key pseudo.key --out pseudonymised/
                """
        )

        @Option(name: .customLong("in"), help: ArgumentHelp("Input directory of identifiable records.", valueName: "dir"), completion: .directory)
        var input: String

        @OptionGroup(title: "Keys") var key: KeyOptions



        @Option(help: ArgumentHelp("Most problems to list.", valueName: "n"))
        var maxProblems = 100

        @OptionGroup var threads: ThreadOptions

        @OptionGroup(title: "Output") var destination: OutputDirectoryOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run() throws {
            let pseudonymisationKey = try loadKey(key)
            let problems = ProblemLog(limit: maxProblems)
            let result: PseudonymisationResult
            do {
                let directory = try InputDirectory(path: input)
                Console.ignored(directory)
                result = try Progress(json: output.json).step("reading, checking and pseudonymising \(Progress.describe(input))") {
                    try PseudonymisationRun(input: directory, key: pseudonymisationKey, parallelism: threads.parallelism).run(output: destination.path, replace: destination.force, problems: problems)
                }
            } catch {
                for p in problems.problems { Console.note(p.description) }
                if problems.total > problems.problems.count {
                    Console.note("… and \(problems.total - problems.problems.count) more problems")
                }
                throw statusFor(error)
            }
            print(LinkageText.render(result, json: output.json))
        }
    }
}

/// The linkage summary as text or JSON.
enum LinkageText {
    static func render(_ r: PseudonymisationResult, json: Bool) -> String {
        if json {
            // The summary as pseudonymisation.json holds it, and where it was written.
            return #"{"output": \#(jsonString(r.output)), "summary": \#(String(decoding: r.summary.json(pretty: false), as: UTF8.self))}"#
        }
        func line(_ name: String, _ s: LinkageSummary) -> String {
            "  \(name): \(s.rows) records → \(s.persons) persons (\(s.rowsMerged) records merged, \(s.unlinkableRows) unlinkable)"
        }
        var lines = ["pseudonymised into \(r.output) with key \(r.keyID)\(r.exampleKey ? " (EXAMPLE key)" : "")",
                     line("victims", r.victims)]
        if let o = r.offenders { lines.append(line("offenders", o)) }
        if let c = r.cases { lines.append("  cases: \(c) records") }
        return lines.joined(separator: "\n")
    }
}
