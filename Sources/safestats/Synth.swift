import ArgumentParser
import SafeStats

extension SafeStatsCommand {
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write realistic synthetic identifiable records (no real person) for demos and tests.",
            usage: "safestats synth --out <dir> [--victims <n>] [--seed <n>] [<options>]",
            discussion: """
                Writes victims, cases and offenders in the input contract. The same person appears in \
                several registers with formatting variants of the same identifiers; cases and offenders \
                link to victims. The same --seed gives the same files.

                Example:
                  safestats synth --out synthetic --victims 2000 --seed 7
                """
        )


        @Option(help: ArgumentHelp("Number of victim records (rows); persons are fewer.", valueName: "n"))
        var victims = 1000

        @Option(help: ArgumentHelp("Seed of the generator.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("File format: csv or jsonl.", valueName: "csv|jsonl"))
        var format: RecordFormat = .csv


        @OptionGroup(title: "Output") var destination: OutputDirectoryOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            guard victims >= 1 && victims <= 50_000_000 else { throw ValidationError("--victims must be from 1 to 50000000") }
        }

        func run() throws {
            let summary: SyntheticRegister.Summary
            do {
                summary = try SyntheticRegister(victimRecords: victims, seed: seed, format: format).write(to: destination.path, replace: destination.force)
            } catch {
                throw statusFor(error)
            }
            if output.json {
                print(#"{"output": \#(jsonString(summary.output)), "victim_records": \#(summary.victimRecords), "victim_persons": \#(summary.victimPersons), "cases": \#(summary.cases), "offender_records": \#(summary.offenderRecords)}"#)
            } else {
                print("wrote \(destination.path): \(summary.victimRecords) victim records of \(summary.victimPersons) persons, \(summary.cases) cases, \(summary.offenderRecords) offender records (synthetic)")
            }
        }
    }
}

extension RecordFormat: ExpressibleByArgument {}
