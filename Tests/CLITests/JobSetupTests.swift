import Foundation
import Testing

/// The job's setup as `examples/` ships it: the systemd units pass `systemd-analyze verify` with
/// no warning, and the cron line's command, run by `/bin/sh` as cron runs it, reads a passphrase
/// with spaces (and shell syntax, never run) from the passphrases file and releases.
@Suite(.serialized) struct JobSetupTests {
    static let examples = CLI.root + "/examples"
    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// scripts/ensure-deps installs systemd (for `systemd-analyze`) when it is missing; it runs in
    /// a container too: `verify` loads the units offline and needs no running systemd.
    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed (scripts/ensure-deps installs it as root)"))
    func theSystemdUnitsVerifyWithoutAWarning() throws {
        let dir = CLI.temporaryDirectory()
        let units = ["safestats.service", "safestats.timer", "safestats-alert@.service"]
        for unit in units {
            let text = try String(contentsOfFile: Self.examples + "/systemd/" + unit, encoding: .utf8)
            // verify checks that ExecStart's program exists: the built one stands in for the installed one.
            try text.replacingOccurrences(of: "/usr/local/bin/safestats", with: CLI.binary).write(toFile: dir + "/" + unit, atomically: true, encoding: .utf8)
        }
        let r = CLI.execute(Self.systemdAnalyze!, ["verify", "--man=no"] + units.map { dir + "/" + $0 })
        #expect(r.status == 0 && r.stderr.isEmpty && r.stdout.isEmpty, "\(r.stdout)\(r.stderr)")
        let service = try String(contentsOfFile: Self.examples + "/systemd/safestats.service", encoding: .utf8)
        for line in ["ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes", "ReadWritePaths=/srv/safestats/releases",
                     "OnFailure=safestats-alert@%n.service", "EnvironmentFile=/etc/safestats/passphrases.env", "User=safestats"] {
            #expect(service.split(separator: "\n").contains(Substring(line)), "\(line)")
        }
        // A misspelt key is only a warning to verify: the check above reads its output, not just its status.
        try "[Service]\nExecStart=/bin/true\nProtectSytem=strict\n".write(toFile: dir + "/typo.service", atomically: true, encoding: .utf8)
        #expect(CLI.execute(Self.systemdAnalyze!, ["verify", "--man=no", dir + "/typo.service"]).stderr.contains("Unknown key 'ProtectSytem'"))
    }

    @Test func theCronLineRunsTheJobWithAPassphraseWithSpaces() throws {
        let dir = CLI.temporaryDirectory()
        let passphrase = "correct horse $(touch \(dir)/PWNED) `touch \(dir)/PWNED` battery; staple"
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "150", "--seed", "4").status == 0)
        let keygen = CLI.run(["keygen", "pseudonymisation", "--out", dir + "/pseudo.key", "--passphrase-env", "SAFESTATS_PASSPHRASE"],
                             environment: ["SAFESTATS_PASSPHRASE": passphrase])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        CLI.write("""
            input: records
            pseudonymisation_key: pseudo.key
            pseudonymisation_passphrase_env: SAFESTATS_PASSPHRASE
            signing_key: \(CLI.exampleSigningKey)
            country: AZE
            output: releases
            recipients:
              greta: 2023
            """, to: dir + "/quarterly.yaml")
        // As the example says: one VARIABLE=value a line, comments and blank lines, no quotes; the
        // last line without its new line.
        CLI.write("# passphrases of the job\n\nSAFESTATS_PASSPHRASE=\(passphrase)\nSAFESTATS_SIGNING_PASSPHRASE=not used here", to: dir + "/passphrases.env")
        try FileManager.default.createDirectory(atPath: dir + "/log", withIntermediateDirectories: false)

        let cron = try String(contentsOfFile: Self.examples + "/cron/safestats", encoding: .utf8)
        let entries = cron.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(entries.count == 1, "\(entries)")
        // Fields: minute, hour, day, month, weekday, user, then the command to the end of the line.
        var rest = Substring(try #require(entries.first))
        var fields: [Substring] = []
        for _ in 0..<6 {
            rest = rest.drop { $0 == " " }
            let field = rest.prefix { $0 != " " }
            fields.append(field)
            rest = rest.dropFirst(field.count)
        }
        #expect(fields == ["0", "6", "5", "1,4,7,10", "*", "safestats"])
        let command = String(rest.drop { $0 == " " })
            .replacingOccurrences(of: "/etc/safestats/passphrases.env", with: dir + "/passphrases.env")
            .replacingOccurrences(of: "/etc/safestats/quarterly.yaml", with: dir + "/quarterly.yaml")
            .replacingOccurrences(of: "/usr/local/bin/safestats", with: CLI.binary)
            .replacingOccurrences(of: "/var/log/safestats", with: dir + "/log")
        #expect(!command.contains("%"), "cron turns % into a new line")
        // As cron runs it: /bin/sh -c, with the cron file's PATH and nothing of ours in the environment.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir, "SHELL": "/bin/sh"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        try process.run()
        process.waitUntilExit()
        let log = (try? String(contentsOfFile: dir + "/log/run.log", encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("\"message\":\"released\"") || log.contains("released"), "\(log)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/releases").contains("greta-2023"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/PWNED"), "a passphrase must never be run as a command")
        #expect(!log.contains("horse"), "the log holds no passphrase")
    }
}
