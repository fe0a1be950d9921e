import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an input directory against the input contract.",
            discussion: """
                Reports every problem with file:line:column, the column name and the rule broken (up to \
                --max-problems, then a count). Values are never printed. Exit status 0 valid, 65 invalid, \
                74 unreadable.

                Example:
                  safestats validate records/
                """
        )

        @Argument(help: ArgumentHelp("Input directory holding victims.csv|jsonl and optionally cases and offenders.", valueName: "dir"), completion: .directory)
        var directory: String

        @Option(help: ArgumentHelp("Most problems to list.", valueName: "n"))
        var maxProblems = 100

        @OptionGroup var threads: ThreadOptions

        @OptionGroup var output: OutputOptions

        func run() throws {
            let problems = ProblemLog(limit: maxProblems)
            let counts: InputReader.RowCounts
            do {
                var visitor = NoVisitor()
                let input = try InputDirectory(path: directory)
                Console.ignored(input)
                counts = try Progress(json: output.json).step("reading and checking \(Progress.describe(directory))") {
                    try InputReader(input: input, parallelism: threads.parallelism).read(problems: problems, partitioned: &visitor)
                }
            } catch {
                throw statusFor(error)
            }
            if output.json {
                let report = ValidationReport(valid: problems.isEmpty, rows: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                                              problemCount: problems.total, problems: problems.problems)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                for p in problems.problems { print(p.description) }
                if problems.total > problems.problems.count {
                    print("… and \(problems.total - problems.problems.count) more problems")
                }
                let rows = RecordKind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
                print(problems.isEmpty ? "valid: \(rows) rows" : "invalid: \(problems.total) problem\(problems.total == 1 ? "" : "s") in \(rows) rows")
            }
            if !problems.isEmpty { throw ExitCode(ExitStatus.dataError.rawValue) }
        }
    }
}

/// `validate --json` output.
struct ValidationReport: Encodable {
    let valid: Bool
    let rows: [String: Int]
    let problemCount: Int
    let problems: [DataProblem]

    enum CodingKeys: String, CodingKey {
        case valid, rows, problems
        case problemCount = "problem_count"
    }
}
