import Foundation
import Testing

/// `safestats run` killed at every moment of writing a release, and a release on disk that the
/// history lost: the next run is protected against everything on disk, and the history and the
/// output directory agree.
@Suite(.serialized) struct RunRecoveryTests {
    /// Records of 400 victims and a job releasing GRETA's last quarter into `dir/releases`.
    private func register() -> String {
        let dir = CLI.temporaryDirectory()
        #expect(CLI.run("synth", "--out", dir + "/records", "--victims", "400", "--seed", "5").status == 0)
        CLI.writeJob(in: dir, period: "last-quarter")
        return dir
    }

    private func run(_ dir: String, asOf: String, killAt: String? = nil) -> (status: Int32, stdout: String, stderr: String) {
        CLI.run(["run", "--config", dir + "/job.yaml", "--as-of", asOf], environment: killAt.map { ["SAFESTATS_KILL_AT": $0] } ?? [:])
    }

    /// The history's releases with their states, and the release directories on disk (Python's sqlite3).
    private func historyAndDisk(_ dir: String) -> String {
        let script = """
            import os, sqlite3, sys
            db = sqlite3.connect(os.path.join(sys.argv[1], ".state/history.sqlite"))
            rows = [f"{n}:{s}" for n, s in db.execute("SELECT name, state FROM release ORDER BY rowid")]
            disk = sorted(e for e in os.listdir(sys.argv[1]) if not e.startswith("."))
            print(" ".join(rows), "|", " ".join(disk))
            """
        let r = CLI.execute("/usr/bin/env", ["python3", "-c", script, dir + "/releases"])
        return r.stdout + r.stderr
    }

    /// Killed (SIGKILL) after the release is written, after it is recorded as pending, and after
    /// it is moved into place: the year's run that follows is protected together with the
    /// quarter exactly when the quarter reached its place, and the quarter's run can be repeated.
    @Test(arguments: ["written", "recorded-pending", "moved"])
    func aRunKilledAtAnyMomentLeavesAHistoryThatAgreesWithTheDisk(point: String) throws {
        let dir = register()
        #expect(run(dir, asOf: "2023-04-02").status == 0)
        let killed = run(dir, asOf: "2023-10-02", killAt: point)
        #expect(killed.status == SIGKILL, "\(point): \(killed.status) \(killed.stderr)")
        let inPlace = point == "moved"
        #expect(FileManager.default.fileExists(atPath: dir + "/releases/greta-2023-Q3") == inPlace)
        CLI.writeJob(in: dir, period: "last-calendar-year")
        let year = run(dir, asOf: "2024-01-03")
        #expect(year.status == 0, "\(year.stderr)")
        #expect(year.stderr.contains(inPlace ? "sent=greta-2023-Q1, greta-2023-Q3" : "sent=greta-2023-Q1\n"), "\(year.stderr)")
        #expect(year.stderr.contains(inPlace ? "stopped after moving its release into place: recorded it now release=greta-2023-Q3"
                                             : "stopped before moving its release into place: it was never released release=greta-2023-Q3")
                || point == "written", "\(year.stderr)")
        #expect(historyAndDisk(dir) == (inPlace ? "greta-2023-Q1:confirmed greta-2023-Q3:confirmed greta-2023:confirmed | greta-2023 greta-2023-Q1 greta-2023-Q3\n"
                                                : "greta-2023-Q1:confirmed greta-2023:confirmed | greta-2023 greta-2023-Q1\n"))
        // The killed quarter's run again: identical bundles when it was in place, released now when not.
        CLI.writeJob(in: dir, period: "last-quarter")
        let again = run(dir, asOf: "2023-10-02")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains(inPlace ? "already released" : "info released"), "\(again.stderr)")
    }

    /// A release in place that the history lacks (a run of an earlier version killed between its
    /// move and its record) is verified and recorded; one that does not verify stops the run,
    /// naming it and what to do.
    @Test func aReleaseOnDiskThatTheHistoryLacksIsRecordedOrRefused() throws {
        let dir = register()
        #expect(run(dir, asOf: "2023-04-02").status == 0)
        #expect(run(dir, asOf: "2023-10-02").status == 0)
        let forget = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for t in ("cell", "bundle", "units"): db.execute(f"DELETE FROM {t} WHERE release = 'greta-2023-Q3'")
            db.execute("DELETE FROM release WHERE name = 'greta-2023-Q3'")
            db.commit()
            """
        #expect(CLI.execute("/usr/bin/env", ["python3", "-c", forget, dir + "/releases/.state/history.sqlite"]).status == 0)
        // Tampered: one byte of its tables changed, so it does not verify.
        let tables = dir + "/releases/greta-2023-Q3/greta-2023-Q3/tables.csv"
        let original = try Data(contentsOf: URL(fileURLWithPath: tables))
        try (original + Data(" ".utf8)).write(to: URL(fileURLWithPath: tables))
        CLI.writeJob(in: dir, period: "last-calendar-year")
        let refused = run(dir, asOf: "2024-01-03")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("greta-2023-Q3 is a release the history does not record, and its bundle greta-2023-Q3 does not verify"), "\(refused.stderr)")
        #expect(refused.stderr.contains("if it was never sent, move it out of"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/releases/greta-2023"))
        try original.write(to: URL(fileURLWithPath: tables))
        let year = run(dir, asOf: "2024-01-03")
        #expect(year.status == 0, "\(year.stderr)")
        #expect(year.stderr.contains("a release on disk was missing from the history"), "\(year.stderr)")
        #expect(year.stderr.contains("sent=greta-2023-Q1, greta-2023-Q3"), "\(year.stderr)")
        #expect(historyAndDisk(dir) == "greta-2023-Q1:confirmed greta-2023-Q3:confirmed greta-2023:confirmed | greta-2023 greta-2023-Q1 greta-2023-Q3\n")
    }
}
