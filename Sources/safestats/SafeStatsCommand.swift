import ArgumentParser
import SafeStats

@main
struct SafeStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safestats",
        abstract: "Anonymised, signed statistics on trafficking victims, cases and offenders.",
        discussion: """
            Exit status: 0 success, 1 verification failed, 64 usage, 65 bad data, 70 internal error (a bug: report it), 74 I/O, 78 configuration.
            """,
        version: SafeStatsInfo.version,
        subcommands: [Keygen.self, Synth.self, Validate.self, Pseudonymise.self, Tabulate.self, Export.self, Extract.self, Verify.self, Audit.self, Run.self, Demo.self]
    )
}
