import Foundation
import Testing

/// The built `safestats` binary, run as a user runs it: arguments in, output and exit status out.
enum CLI {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("safestats").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return root + "/.build/debug/safestats"
    }()

    static let exampleKey = root + "/keys-example/pseudonymisation.example.key"
    static let exampleSigningKey = root + "/keys-example/signing.example.key"
    static let examplePublicKey = root + "/keys-example/signing.example.pub"
    static let fixtures = root + "/Tests/SafeStatsTests/Fixtures"

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, stdout: String, stderr: String) {
        execute(binary, arguments, environment: environment)
    }

    @discardableResult
    static func run(_ arguments: String..., environment: [String: String] = [:], in directory: String? = nil)
        -> (status: Int32, stdout: String, stderr: String) {
        execute(binary, arguments, environment: environment, in: directory)
    }

    /// Runs any program (the Python checks, say) and collects its output.
    static func execute(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil)
        -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// One directory for all of this test process's files, removed when the process exits.
    static let sessionDirectory: String = {
        let path = NSTemporaryDirectory() + "safestats-cli-tests-\(getpid())"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: CLI.sessionDirectory) }
        return path
    }()

    static func temporaryDirectory() -> String {
        let path = sessionDirectory + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `dir/job.yaml`: the job over the records in `dir/records` with the example keys,
    /// releasing into `dir/releases` for `recipient` with `period`. Returns its path.
    @discardableResult
    static func writeJob(in dir: String, recipient: String = "greta", period: String) -> String {
        write("""
            input: records
            pseudonymisation_key: \(exampleKey)
            signing_key: \(exampleSigningKey)
            country: AZE
            output: releases
            recipients:
              \(recipient): \(period)
            """, to: dir + "/job.yaml")
        return dir + "/job.yaml"
    }

    static func write(_ text: String, to path: String) {
        precondition(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)), path)
    }

    static func mode(_ path: String) -> Int {
        (try! FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}

@Suite struct CLITests {
    /// The subcommands a command's help lists (the lines under SUBCOMMANDS that start with a name).
    private func subcommands(of command: [String]) -> [String] {
        let help = CLI.run(command + ["--help"]).stdout
        guard let section = help.range(of: "SUBCOMMANDS:") else { return [] }
        return help[section.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first, !line.contains("See '") else { return nil }
            return String(name)
        }
    }

    /// Every command the root command lists (and every subcommand of those), found from the help
    /// itself, has help with a usage line and an example.
    @Test func everyCommandHasHelpWithAnExample() {
        var commands: [[String]] = []
        var queue = subcommands(of: []).map { [$0] }
        while let command = queue.first {
            queue.removeFirst()
            let nested = subcommands(of: command)
            if nested.isEmpty { commands.append(command) } else { queue += nested.map { command + [$0] } }
        }
        #expect(commands.count == 12 && commands.contains(["run"]) && commands.contains(["extract"]) && commands.contains(["keygen", "signing"]), "\(commands)")
        let root = CLI.run(["--help"])
        #expect(root.status == 0 && root.stdout.contains("USAGE: safestats"))
        for command in commands {
            let r = CLI.run(command + ["--help"], environment: ["COLUMNS": "80"])
            #expect(r.status == 0 && r.stdout.contains("USAGE: safestats") && r.stdout.contains("\nExample"), "\(command)")
            // Paragraphs are filled to the width, not broken where the source broke them: a line of
            // prose followed by more of the same paragraph reaches well into the 80 columns.
            let discussion = r.stdout.components(separatedBy: "USAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(discussion, discussion.dropFirst()) where !line.isEmpty && !line.hasPrefix(" ") && !next.isEmpty && !next.hasPrefix(" ") {
                #expect(line.count >= 55, "\(command): a ragged line in the help: \(line)")
            }
            #expect(discussion.allSatisfy { $0.hasPrefix(" ") || $0.count <= 80 }, "\(command)")
            // Paths and names are named for what they are (`--in <dir>`), not after their option (`--in <in>`).
            for option in ["in", "out", "key", "tables", "config", "public-out", "public-key", "signing-key", "pseudonymisation-key", "passphrase-env", "max-problems"] {
                #expect(!r.stdout.contains("--\(option) <\(option)>"), "\(command): --\(option)")
            }
        }
    }

    /// Options come in the groups a user looks for: what is read, how it is signed, what is written.
    @Test func helpGroupsInputSigningAndOutput() {
        let export = CLI.run("export", "--help").stdout
        func section(_ title: String) -> String {
            guard let start = export.range(of: "\n\(title):\n") else { return "" }
            return export[start.upperBound...].components(separatedBy: "\n\n")[0]
        }
        #expect(section("INPUT").contains("--in <dir>") && section("INPUT").contains("--pseudonymisation-key <file>"), "\(export)")
        #expect(section("SIGNING").contains("--signing-key <file>") && section("SIGNING").contains("--unsigned"))
        #expect(section("OUTPUT").contains("--out <dir>") && section("OUTPUT").contains("--force") && section("OUTPUT").contains("--json"))
        for command in ["pseudonymise", "synth", "tabulate"] {
            let help = CLI.run(command, "--help").stdout
            let output = help.components(separatedBy: "\nOUTPUT:\n").dropFirst().first?.components(separatedBy: "\n\n")[0] ?? ""
            #expect(output.contains("--out <dir>") && output.contains("--force"), "\(command): \(help)")
        }
    }

    @Test func usageErrorsExit64() {
        #expect(CLI.run("validate").status == 64)
        #expect(CLI.run("synth", "--out", "x", "--victims", "0").status == 64)
        #expect(CLI.run("no-such-command").status == 64)
    }

    @Test func keygenWritesAPrivateKeyAndNeverOverwrites() {
        let dir = CLI.temporaryDirectory()
        let r = CLI.run("keygen", "pseudonymisation", "--out", dir + "/k.key")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("wrote \(dir)/k.key (key id "))
        #expect(CLI.mode(dir + "/k.key") == 0o600)
        let again = CLI.run("keygen", "pseudonymisation", "--out", dir + "/k.key")
        #expect(again.status == 78)
        #expect(again.stderr.contains("never overwrites a key file"))
    }

    @Test func encryptedKeysAndPassphrasesFromTheEnvironment() {
        let dir = CLI.temporaryDirectory()
        let missing = CLI.run("keygen", "pseudonymisation", "--out", dir + "/k.key", "--passphrase-env", "SAFESTATS_NO_SUCH_VAR")
        #expect(missing.status == 78)
        #expect(missing.stderr.contains("SAFESTATS_NO_SUCH_VAR is unset or empty"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/k.key"))
        let made = CLI.run("keygen", "pseudonymisation", "--out", dir + "/k.key", "--passphrase-env", "PP", "--json",
                           environment: ["PP": "a long passphrase"])
        #expect(made.status == 0)
        #expect(made.stdout.contains(#""encrypted": true"#))
        #expect(!made.stdout.contains("a long passphrase") && !made.stderr.contains("a long passphrase"))
        let out = dir + "/out"
        let noPassphrase = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", dir + "/k.key", "--out", out)
        #expect(noPassphrase.status == 78)
        #expect(noPassphrase.stderr.contains("--passphrase-env"))
        let wrong = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", dir + "/k.key", "--out", out,
                            "--passphrase-env", "PP", environment: ["PP": "wrong"])
        #expect(wrong.status == 78)
        #expect(wrong.stderr.contains("wrong passphrase"))
        let right = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", dir + "/k.key", "--out", out,
                            "--passphrase-env", "PP", environment: ["PP": "a long passphrase"])
        #expect(right.status == 0)
        #expect(!right.stdout.contains("EXAMPLE"))
    }

    @Test func unsafeKeyPermissionsAndMissingKeys() {
        let dir = CLI.temporaryDirectory()
        CLI.run("keygen", "pseudonymisation", "--out", dir + "/k.key")
        chmod(dir + "/k.key", 0o640)
        let r = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", dir + "/k.key", "--out", dir + "/out")
        #expect(r.status == 78)
        #expect(r.stderr.contains("chmod 600"))
        let none = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", dir + "/none.key", "--out", dir + "/out")
        #expect(none.status == 74)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func validateReportsEveryProblemWithPlaceAndRule() {
        let r = CLI.run("validate", CLI.fixtures + "/bad/unknown-codes")
        #expect(r.status == 65)
        #expect(r.stdout == """
            victims.csv:2:9 (sex) [enum] must be one of: female, male, other, unknown
            victims.csv:3:10 (citizenship) [enum] must be an ISO 3166-1 alpha-3 country code, XXA (stateless) or UNK (unknown)
            victims.csv:4:15 (exploitation_forms) [enum] each item must be one of: sexual_exploitation, forced_labour, domestic_servitude, forced_begging, forced_criminality, forced_marriage, organ_removal, illegal_adoption, other, unknown
            invalid: 3 problems in 3 victims rows

            """)
        let json = CLI.run("validate", CLI.fixtures + "/bad/invalid-utf8", "--json")
        #expect(json.status == 65)
        let doc = try! JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(doc["valid"] as? Bool == false)
        #expect(doc["problem_count"] as? Int == 1)
        let problem = (doc["problems"] as! [[String: Any]])[0]
        #expect(problem["file"] as? String == "victims.csv")
        #expect(problem["line"] as? Int == 3)
        #expect(problem["column_number"] as? Int == 6)
        #expect(problem["column"] as? String == "given_name")
        #expect(problem["rule"] as? String == "utf-8")
        #expect(!json.stdout.contains("Bad") && !json.stdout.contains("Name"))
    }

    @Test func validateAcceptsGoodDirectories() {
        let r = CLI.run("validate", CLI.fixtures + "/good")
        #expect(r.status == 0)
        #expect(r.stdout == "valid: 6 victims, 2 cases, 3 offenders rows\n")
        #expect(CLI.run("validate", "/nonexistent-dir").status == 74)
    }

    @Test func pseudonymiseWritesNothingForBadInput() {
        let dir = CLI.temporaryDirectory()
        let r = CLI.run("pseudonymise", "--in", CLI.fixtures + "/bad/duplicate-ids", "--key", CLI.exampleKey, "--out", dir + "/out")
        #expect(r.status == 65)
        #expect(r.stderr.contains("victims.csv:4:1 (record_id) [unique-record-id] repeats the record_id of line 2"))
        #expect(r.stderr.contains("nothing was written"))
        #expect(try! FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func pseudonymiseLinksAndSaysItUsedAnExampleKey() {
        let dir = CLI.temporaryDirectory()
        let r = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", CLI.exampleKey, "--out", dir + "/out")
        #expect(r.status == 0)
        #expect(r.stdout == """
            pseudonymised into \(dir)/out with key 52d3149ac8f65a26 (EXAMPLE key)
              victims: 6 records → 3 persons (3 records merged, 1 unlinkable)
              offenders: 3 records → 2 persons (1 records merged, 0 unlinkable)
              cases: 2 records

            """)
        #expect(r.stderr.contains("EXAMPLE key"))
        let data = FileManager.default.contents(atPath: dir + "/out/pseudonymisation.json")!
        let summary = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(summary["example_key"] as? Bool == true && summary["normalisation"] as? String == "v1")
        #expect(summary["pseudonymisation_key_id"] as? String == "52d3149ac8f65a26")
        #expect(summary["files"] as? [String: String] == ["victims": "victims.csv", "cases": "cases.csv", "offenders": "offenders.csv"])
        #expect((summary["offenders"] as? [String: Int]) == ["rows": 3, "persons": 2, "rows_merged": 1, "unlinkable_rows": 0])
        #expect((summary["cases"] as? [String: Int]) == ["rows": 2])
        let again = CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", CLI.exampleKey, "--out", dir + "/out")
        #expect(again.status == 74)
        #expect(again.stderr.contains("--force"))
    }

    @Test func synthThenValidateThenPseudonymiseAsJSON() {
        let dir = CLI.temporaryDirectory()
        let s = CLI.run("synth", "--out", dir + "/in", "--victims", "1500", "--seed", "3", "--format", "jsonl", "--json")
        #expect(s.status == 0)
        #expect(s.stdout.contains(#""victim_records": 1500"#))
        #expect(CLI.run("validate", dir + "/in").status == 0)
        let p = CLI.run("pseudonymise", "--in", dir + "/in", "--key", CLI.exampleKey, "--out", dir + "/out", "--json")
        #expect(p.status == 0)
        // --json prints where it wrote and the summary exactly as pseudonymisation.json holds it.
        let doc = try! JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as! [String: Any]
        #expect(doc["output"] as? String == dir + "/out")
        let summary = doc["summary"] as! [String: Any]
        #expect((summary["victims"] as! [String: Int])["rows"] == 1500)
        let file = try! JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: dir + "/out/pseudonymisation.json")!)
        func canonical(_ object: Any) -> Data { try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(canonical(summary) == canonical(file))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/victims.jsonl"))
    }

    @Test func demoRunsEveryStep() {
        let dir = CLI.temporaryDirectory()
        let r = CLI.run("demo", "--out", dir + "/demo", "--key", CLI.exampleKey, "--signing-key", CLI.exampleSigningKey, "--victims", "120")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2. validate"))
        #expect(r.stdout.contains("victims: 120 records →"))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/pseudonymised/pseudonymisation.json"))
        for bundle in ["greta-2023", "unodc-2023", "us-tip-2024"] {
            #expect(r.stdout.contains("\(bundle): ") && r.stdout.contains("\(dir)/demo/bundles/\(bundle)/report.html"))
            #expect(CLI.run("audit", dir + "/demo/bundles/" + bundle).status == 0)
        }
        #expect(r.stdout.contains("audit passed") && r.stdout.contains("audit.json agrees"))
        #expect(r.stdout.contains("6. verify each bundle"))
        for bundle in ["greta-2023", "unodc-2023", "us-tip-2024"] {
            #expect(r.stdout.contains("\(bundle): 35 checks passed (signed by C079D8FB59CC3536, EXAMPLE key)"), "\(r.stdout)")
            #expect(CLI.run("verify", dir + "/demo/bundles/" + bundle, "--public-key", CLI.examplePublicKey).status == 0)
        }
        #expect(r.stdout.contains("7. extract") && r.stdout.contains("extract: 17 checks passed, k and l counted again on its rows"), "\(r.stdout)")
        #expect(r.stdout.contains("\(dir)/demo/extract/report.html"))
        #expect(CLI.run("verify", dir + "/demo/extract", "--public-key", CLI.examplePublicKey).status == 0)
    }
}
