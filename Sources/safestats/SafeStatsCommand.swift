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

/// swift-argument-parser's messages with each value they quote ('…') capped (see `EchoedText`):
/// only on a line longer than `longLine` (help and usage lines are shorter, and an apostrophe
/// in them is not a quote), which is then at most `longLine` characters plus the capped values.
enum ParserMessage {
    static let longLine = 200

    static func capped(_ message: String) -> String {
        // Control characters (but the line breaks) never reach the terminal.
        let clean = String(String.UnicodeScalarView(message.unicodeScalars.map { $0 != "\n" && $0.properties.generalCategory == .control ? "?" : $0 }))
        return clean.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.count > longLine else { return String(line) }
            let parts = line.split(separator: "'", omittingEmptySubsequences: false)
            let quoted = parts.enumerated().map { n, part in n % 2 == 1 && n < parts.count - 1 ? EchoedText.capped(String(part)) : String(part) }
                .joined(separator: "'")
            return EchoedText.capped(quoted, limit: longLine * 2)
        }.joined(separator: "\n")
    }
}
