import Foundation
import Testing

/// `safestats run`, as a systemd timer runs it: from a configuration file, unattended, logging
/// to standard error, with the exit statuses of DESIGN.md.
@Suite(.serialized) struct RunCommandTests {
    static let asOf = ["--as-of", "2024-05-02"]
    static let release = "greta-2023+unodc-2023+us-tip-2024"

    /// A configuration in a new directory: the hand-made records (copied, so a test may change
    /// them), the example keys, all three recipients.
    private func job(_ extra: String = "", input: String? = nil) throws -> (config: String, dir: String) {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixtures + "/good", toPath: dir + "/records")
        let config = dir + "/job.yaml"
        CLI.write("""
            input: \(input ?? "records")
            pseudonymisation_key: \(CLI.exampleKey)
            signing_key: \(CLI.exampleSigningKey)
            country: AZE
            output: releases
            recipients:
              greta: last-calendar-year
              unodc: last-calendar-year
              us-tip: last-tip-year
            \(extra)
            """, to: config)
        return (config, dir)
    }

    @Test func aRunReleasesSignedBundlesAndARerunFindsThemUnchanged() throws {
        let (config, dir) = try job()
        let first = CLI.run(["run", "--config", config] + Self.asOf)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "released \(dir)/releases/\(Self.release): greta-2023, unodc-2023, us-tip-2024 (signed and verified)\n")
        for line in ["info period end=2023-12-31 recipient=greta start=2023-01-01", "info period end=2024-03-31 recipient=us-tip start=2023-04-01",
                     "warning the signing key is an EXAMPLE key", "info read cases=2 input=\(dir)/records offenders=2 victims=3",
                     "info verified bundle=us-tip-2024 checks=35 key_id=C079D8FB59CC3536", "info released release=\(dir)/releases/\(Self.release)"] {
            #expect(first.stderr.contains(line), "\(line)")
        }
        // The loss goes to the local log, named and valued as in loss.json beside the bundles.
        let loss = try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: "\(dir)/releases/\(Self.release)/loss.json") ?? Data()) as? [String: Any])
        let figures = try #require((loss["release"] as? [String: Any])?["loss"] as? [String: Int])
        let logged = try #require(first.stderr.split(separator: "\n").first { $0.contains(" info loss of the release ") })
        #expect(figures.count == 13 && figures.allSatisfy { logged.contains(" \($0.key)=\($0.value)") }, "\(logged)")
        let bundles = ["greta-2023", "unodc-2023", "us-tip-2024"].map { "\(dir)/releases/\(Self.release)/\($0)" }
        #expect(CLI.run(["verify"] + bundles + ["--public-key", CLI.examplePublicKey]).status == 0)
        let manifest = dir + "/releases/\(Self.release)/greta-2023/manifest.json"
        let before = FileManager.default.contents(atPath: manifest)
        // Later, in the same quarter: the same periods, the same input.
        let again = CLI.run(["run", "--config", config, "--as-of", "2024-06-30"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "unchanged: \(dir)/releases/\(Self.release) already holds these bundles, byte for byte; nothing written\n")
        #expect(FileManager.default.contents(atPath: manifest) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/releases").sorted() == [".safestats-run.lock", ".state", Self.release])
        // No identifier of the records in the logs or the release.
        CLI.write(first.stderr + again.stderr, to: dir + "/releases/\(Self.release)/run.log")
        let empty = CLI.temporaryDirectory()
        let check = CLI.execute("/usr/bin/env", ["python3", CLI.root + "/Tests/python/check_no_identifiers.py", dir + "/records", empty, dir + "/releases"])
        #expect(check.status == 0 && check.stdout.hasPrefix("ok: "), "\(check.stdout)")
    }

    /// `revisions: hold`: a correction in a period already sent leaves what was sent standing. The
    /// quarter's second run counts it as it was sent, finds its bundles byte for byte, and says
    /// how many cells the register now disagrees with, never their values.
    @Test func aCorrectionInAPeriodAlreadySentLeavesTheReleaseAsItWasSent() throws {
        let (config, dir) = try job()
        #expect(CLI.run(["run", "--config", config] + Self.asOf).status == 0)
        let history = dir + "/releases/.state/history.sqlite"
        #expect(try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int == 0o600)
        let victims = dir + "/records/victims.csv"
        let text = String(decoding: FileManager.default.contents(atPath: victims)!, as: UTF8.self)
        CLI.write(text.replacingOccurrences(of: ",male,AZE,", with: ",female,AZE,"), to: victims)  // a correction in the register
        let manifest = dir + "/releases/\(Self.release)/greta-2023/manifest.json"
        let before = FileManager.default.contents(atPath: manifest)
        let r = CLI.run(["run", "--config", config] + Self.asOf)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "unchanged: \(dir)/releases/\(Self.release) already holds these figures, as they were sent; nothing written\n")
        #expect(r.stderr.contains("notice the register now gives other values for cells already sent (late registrations or corrections): they stand as sent (revisions: hold) cells=52"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: manifest) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/releases").sorted() == [".safestats-run.lock", ".state", Self.release])
    }

    @Test func logsAreJSONLinesOnRequest() throws {
        let (config, _) = try job()
        let r = CLI.run(["run", "--config", config, "--log-json"] + Self.asOf)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count >= 10)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
            #expect(object["time"] != nil && object["level"] != nil && object["message"] != nil)
        }
        #expect(r.stderr.contains(#"{"time": "#) && r.stderr.contains(#""message": "released", "release": "#))
    }

    @Test func failuresExitWithTheDocumentedStatusAndWriteNothing() throws {
        // Configuration: unknown setting, and an encrypted signing key with no passphrase variable (never a prompt).
        let (bad, _) = try job("passphrase: hunter2")
        let r78 = CLI.run(["run", "--config", bad] + Self.asOf)
        #expect(r78.status == 78 && r78.stderr.contains("unknown setting passphrase") && !r78.stderr.contains("hunter2"), "\(r78.stderr)")
        let (config, dir) = try job()
        #expect(CLI.run("keygen", "signing", "--out", dir + "/e.key", "--public-out", dir + "/e.pub", "--passphrase-env", "P", environment: ["P": "pw"]).status == 0)
        CLI.write(String(decoding: FileManager.default.contents(atPath: config)!, as: UTF8.self)
            .replacingOccurrences(of: CLI.exampleSigningKey, with: dir + "/e.key"), to: config)
        let locked78 = CLI.run(["run", "--config", config] + Self.asOf)
        #expect(locked78.status == 78 && locked78.stderr.contains("e.key: the key file is encrypted"), "\(locked78.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/releases").sorted() == [".safestats-run.lock"])
        // Invalid input: 65, the problems logged by file, line, column and rule, without values.
        let (invalid, _) = try job(input: CLI.fixtures + "/bad/duplicate-ids")
        let r65 = CLI.run(["run", "--config", invalid] + Self.asOf)
        #expect(r65.status == 65 && r65.stderr.contains("victims.csv:4:1 (record_id) [unique-record-id]") && r65.stderr.contains("the input is invalid"), "\(r65.stderr)")
        // Another run holds the lock: 74.
        let (config2, dir2) = try job()
        try FileManager.default.createDirectory(atPath: dir2 + "/releases", withIntermediateDirectories: true)
        let fd = open(dir2 + "/releases/.safestats-run.lock", O_RDWR | O_CREAT, 0o600)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let r74 = CLI.run(["run", "--config", config2] + Self.asOf)
        #expect(r74.status == 74 && r74.stderr.contains("another safestats run is writing here"), "\(r74.stderr)")
    }

    /// `keep` and `thorough` reach the protection: a thorough run releases bundles that pass their
    /// audit; keeping the victims' total of these hand-made records (3 victims, a small count) is
    /// refused by name (exit 1), and keeping a cell of no table is a configuration error (exit 78);
    /// neither writes a release.
    @Test func keptCellsAndThoroughProtectionFromTheConfiguration() throws {
        let (config, dir) = try job("thorough: true")
        let r = CLI.run(["run", "--config", config] + Self.asOf)
        #expect(r.status == 0, "\(r.stderr.suffix(600))")
        let audit = CLI.run("audit", "\(dir)/releases/\(Self.release)/unodc-2023")
        #expect(audit.status == 0 && audit.stdout.contains("passed"), "\(audit.stdout)")
        let (small, smallDir) = try job("keep:\n  - unodc/victims")
        let r1 = CLI.run(["run", "--config", small] + Self.asOf)
        #expect(r1.status == 1 && r1.stderr.contains("unodc/victims is to be kept published but holds a small count"), "\(r1.stderr.suffix(600))")
        #expect(!FileManager.default.fileExists(atPath: smallDir + "/releases/" + Self.release))
        let (bad, badDir) = try job("keep:\n  - unodc/nothing")
        let r78 = CLI.run(["run", "--config", bad] + Self.asOf)
        #expect(r78.status == 78 && r78.stderr.contains("unodc has no table nothing"), "\(r78.stderr.suffix(600))")
        #expect(!FileManager.default.fileExists(atPath: badDir + "/releases/" + Self.release))
    }

    /// The configuration schema accepts the example and refuses what `run` refuses (Python's jsonschema).
    @Test func theSchemaAgreesWithTheExampleConfiguration() {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.validate(yaml.safe_load(open(sys.argv[2])), schema)
            jsonschema.validate(dict(yaml.safe_load(open(sys.argv[2])), keep=["unodc/victims", "greta/victims:sex=male"], thorough=True), schema)
            bad = dict(yaml.safe_load(open(sys.argv[2])), passphrase="x")
            try:
                jsonschema.validate(bad, schema)
                sys.exit("an unknown setting was accepted")
            except jsonschema.ValidationError:
                print("ok")
            """
        let r = CLI.execute("/usr/bin/env", ["python3", "-c", script, CLI.root + "/schemas/run-config.schema.json", CLI.root + "/examples/quarterly-job.example.yaml"])
        #expect(r.status == 0 && r.stdout == "ok\n", "\(r.stderr)")
    }

    /// The four quarters of 2023, then the year, each by a run of the job: the year's release is
    /// protected together with the quarters already out, so it hides cells that a release made
    /// alone publishes (the library's tests show that alone they leak by differencing).
    @Test func quartersThenTheYearAreProtectedTogetherWithWhatWentOut() throws {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "400", "--seed", "5").status == 0)
        func config(_ period: String) { CLI.writeJob(in: dir, period: period) }
        config("last-quarter")
        for asOf in ["2023-04-02", "2023-07-02", "2023-10-02", "2024-01-02"] {
            let r = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", asOf])
            #expect(r.status == 0, "\(asOf): \(r.stderr)")
        }
        config("last-calendar-year")
        let year = CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", "2024-01-03"])
        #expect(year.status == 0, "\(year.stderr)")
        #expect(year.stderr.contains("info protected together with releases already sent sent=greta-2023-Q1, greta-2023-Q2, greta-2023-Q3, greta-2023-Q4"))
        // The same year exported alone publishes more.
        let alone = CLI.run("export", "--in", dir + "/records", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta",
                            "--period", "2023", "--country", "AZE", "--unsigned", "--out", dir + "/alone")
        #expect(alone.status == 0)
        func suppressed(_ path: String) -> Int {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).components(separatedBy: ",[c],suppressed").count - 1
        }
        let together = suppressed(dir + "/releases/greta-2023/greta-2023/tables.csv"), single = suppressed(dir + "/alone/greta-2023/tables.csv")
        #expect(together > single, "\(together) vs \(single)")
        #expect(CLI.run("verify", dir + "/releases/greta-2023/greta-2023", "--public-key", CLI.examplePublicKey).status == 0)
        // The history, read with Python's sqlite3: five releases in order, each with its bundle and cells.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            names = [r[0] for r in db.execute("SELECT name FROM release ORDER BY rowid")]
            cells = db.execute("SELECT COUNT(*), COUNT(value) FROM cell WHERE release = 'greta-2023'").fetchone()
            periods = [r for r in db.execute("SELECT period_start, period_end FROM bundle WHERE release = 'greta-2023-Q3'")]
            print(names, cells[0] > cells[1] > 0, periods)
            """
        let py = CLI.execute("/usr/bin/env", ["python3", "-c", script, dir + "/releases/.state/history.sqlite"])
        #expect(py.stdout == "['greta-2023-Q1', 'greta-2023-Q2', 'greta-2023-Q3', 'greta-2023-Q4', 'greta-2023'] True [('2023-07-01', '2023-09-30')]\n",
                "\(py.stdout)\(py.stderr)")
    }
}
