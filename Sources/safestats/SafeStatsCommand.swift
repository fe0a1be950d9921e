import ArgumentParser
import Foundation
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

    /// Runs the command as swift-argument-parser does, except that a value its error messages
    /// quote is cut to `EchoedText.limit` characters: a 100,000-character argument costs a line of
    /// standard error, not 100 KB.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let text = code == .success ? message : ParserMessage.capped(message)
                if code == .success { print(text) } else { FileHandleOutput.stderr(text + "\n") }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// swift-argument-parser's messages with each value they quote ('…') capped (see `EchoedText`).
enum ParserMessage {
    static func capped(_ message: String) -> String {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        return parts.enumerated().map { n, part in n % 2 == 1 && n < parts.count - 1 ? EchoedText.capped(String(part)) : String(part) }
            .joined(separator: "'")
    }
}
