import Foundation
import Testing
@testable import safestats

/// Every command's `--help`, as printed 80 columns wide: no line is wider, and every example is a
/// whole command (its lines joined where one ends in a backslash) that the command line parser
/// accepts as it is, so pasting it runs what it says and pasting only its first line runs nothing.
@Suite struct HelpTests {
    static let commands = [[], ["keygen"], ["keygen", "pseudonymisation"], ["keygen", "signing"], ["synth"], ["validate"], ["pseudonymise"],
                           ["tabulate"], ["export"], ["extract"], ["verify"], ["audit"], ["run"], ["demo"]]

    /// The commands of the example blocks of `help`: a line "Example…:" (its sentence may run on
    /// unindented), then indented lines up to a blank one; a line ending in " \" goes on in the next.
    static func examples(_ help: String) -> (commands: [String], problems: [String]) {
        var commands: [String] = [], problems: [String] = []
        var inBlock = false, header = false, pending: String?
        for line in help.components(separatedBy: "\n") {
            if line.hasPrefix("Example") { inBlock = true; header = !line.hasSuffix(":"); continue }
            guard inBlock else { continue }
            if line.isEmpty {
                if let pending { problems.append("ends in a backslash: \(pending)") }
                inBlock = false; pending = nil; continue
            }
            if header { header = !line.hasSuffix(":"); continue }
            let indent = pending == nil ? "  " : "      "
            guard line.hasPrefix(indent), !line.dropFirst(indent.count).hasPrefix(" ") else {
                problems.append("not a whole command line (wrapped?): \(line)"); continue
            }
            let text = (pending.map { $0 + " " } ?? "") + line.trimmingCharacters(in: .whitespaces)
            if text.hasSuffix(" \\") { pending = String(text.dropLast(2)); continue }
            pending = nil
            commands.append(text)
        }
        return (commands, problems)
    }

    @Test(arguments: commands)
    func everyHelpLineFitsAndEveryExampleIsAWholeCommand(_ command: [String]) throws {
        let r = CLI.run(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0)
        for line in r.stdout.components(separatedBy: "\n") { #expect(line.count <= 80, "\(line.count): \(line)") }
        let (examples, problems) = Self.examples(r.stdout)
        #expect(problems.isEmpty, "\(problems)")
        #expect(command.count == 1 && command == ["keygen"] || command.isEmpty || !examples.isEmpty, "no example in \(command)")
        for example in examples {
            var words = example.split(separator: " ").map(String.init)
            #expect(words.first == "safestats", "\(example)")
            words.removeFirst()
            #expect(Array(words.prefix(command.count)) == command, "\(example)")
            do { _ = try SafeStatsCommand.parseAsRoot(words) } catch {
                Issue.record("\(example): \(SafeStatsCommand.message(for: error))")
            }
        }
    }

    /// The keygen example's first line names --passphrase-env before the line ends: pasted alone,
    /// it cannot write an unencrypted key (the shell waits at the backslash; without --out the
    /// parser refuses it).
    @Test func theKeygenExampleNeverWritesAnUnencryptedKeyFromItsFirstLine() throws {
        let help = CLI.run(["keygen", "pseudonymisation", "--help"], environment: ["COLUMNS": "80"]).stdout
        let first = try #require(help.components(separatedBy: "\n").first { $0.hasPrefix("  safestats keygen pseudonymisation") })
        #expect(first.contains("--passphrase-env SAFESTATS_PASSPHRASE") && first.hasSuffix(" \\"), "\(first)")
        let words = first.dropLast(2).split(separator: " ").map(String.init).dropFirst()
        #expect(throws: (any Error).self) { _ = try SafeStatsCommand.parseAsRoot(Array(words)) }
    }

    /// Usage lines fit too: long ones are shortened to their required options and [<options>],
    /// and the options are listed in groups.
    @Test func usageLinesFitAndCompletionKnowsRecipientsAndPaths() {
        for command in Self.commands {
            let usage = CLI.run(command + ["--help"]).stdout.components(separatedBy: "\n").first { $0.hasPrefix("USAGE:") } ?? ""
            #expect(!usage.isEmpty && usage.count <= 80, "\(usage)")
        }
        let bash = CLI.run("--generate-completion-script", "bash").stdout
        #expect(bash.contains("-W 'greta'$'\\n''unodc'$'\\n''us-tip'"), "recipients complete by name")
        let zsh = CLI.run("--generate-completion-script", "zsh").stdout
        #expect(zsh.contains("_files") && zsh.contains("_files -/"), "files and directories complete as paths")
        #expect(zsh.contains("___recipient=('greta' 'unodc' 'us-tip')"), "recipients complete by name")
    }
}
