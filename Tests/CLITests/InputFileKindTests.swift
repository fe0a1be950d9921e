import Foundation
import Testing

/// A record file's name that exists but is not a readable regular file is an I/O error (exit 74)
/// naming it, for every command that reads input — never taken as absent (a dangling link to a
/// share that is not mounted would otherwise release zeros), and never opened in a way that blocks
/// (a FIFO). Nothing is written.
@Suite(.serialized) struct InputFileKindTests {
    /// The hand-made records with `name` replaced by what `make` puts there.
    private func input(replacing name: String, _ make: (String) throws -> Void) throws -> String {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixtures + "/good", toPath: dir + "/records")
        try FileManager.default.removeItem(atPath: dir + "/records/" + name)
        try make(dir + "/records/" + name)
        return dir
    }

    static let kinds: [(name: String, what: String, make: @Sendable (String) throws -> Void)] = [
        ("offenders.csv", "a symbolic link to nothing", { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/nonexistent/share/offenders.csv") }),
        ("cases.csv", "a symbolic link loop", { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: $0) }),
        ("victims.csv", "a FIFO", { path in guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) } }),
        ("offenders.csv", "a directory", { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) }),
    ]

    @Test(arguments: 0..<4) func aNameThatIsNotARegularFileIsAnIOError(kind: Int) throws {
        let (name, what, make) = Self.kinds[kind]
        let dir = try input(replacing: name, make)
        let records = dir + "/records"
        let commands: [[String]] = [
            ["validate", records],
            ["pseudonymise", "--in", records, "--key", CLI.exampleKey, "--out", dir + "/pseudonymised"],
            ["export", "--in", records, "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta", "--period", "2023",
             "--country", "AZE", "--unsigned", "--out", dir + "/bundles"],
        ]
        for arguments in commands {
            let r = CLI.run(arguments)
            #expect(r.status == 74, "\(arguments[0]) with \(name) as \(what): \(r.stderr)")
            #expect(r.stderr.contains("\(records)/\(name): exists but is not a readable regular file (\(what)"), "\(arguments[0]): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/pseudonymised") && !FileManager.default.fileExists(atPath: dir + "/bundles"))
        // The unattended job stops the same way and releases nothing.
        let run = CLI.run(["run", "--config", CLI.writeJob(in: dir, period: "last-calendar-year"), "--as-of", "2024-05-02"])
        #expect(run.status == 74 && run.stderr.contains("exists but is not a readable regular file (\(what)"), "\(run.stderr)")
        let released = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/releases")) ?? []
        #expect(released.allSatisfy { $0.hasPrefix(".") }, "\(released)")
    }

    /// A near miss of a record file's name (`Offenders.csv`, `victim.csv`, `cases.json`, `.CSV`) is a
    /// data error (65) naming the file and the name meant, for identifiable and pseudonymised input
    /// alike; nothing is written.
    @Test(arguments: [("offenders.csv", "Offenders.csv"), ("victims.csv", "victim.csv"), ("cases.csv", "cases.CSV"), ("cases.csv", "cases.json")])
    func aMisnamedRecordFileIsADataError(right: String, wrong: String) throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixtures + "/good", toPath: dir + "/records")
        try FileManager.default.moveItem(atPath: dir + "/records/" + right, toPath: dir + "/records/" + wrong)
        let meant = wrong.hasSuffix(".json") ? right.replacingOccurrences(of: ".csv", with: ".jsonl") : right
        let message = "\(wrong):0 [file-name] looks like a record file but is not named as one: rename it \(meant)"
        for arguments in [["validate", dir + "/records"],
                          ["pseudonymise", "--in", dir + "/records", "--key", CLI.exampleKey, "--out", dir + "/pseudonymised"],
                          ["export", "--in", dir + "/records", "--pseudonymisation-key", CLI.exampleKey, "--recipient", "greta", "--period", "2023",
                           "--country", "AZE", "--unsigned", "--out", dir + "/bundles"]] {
            let r = CLI.run(arguments)
            #expect(r.status == 65 && (r.stdout + r.stderr).contains(message), "\(arguments[0]): \(r.stdout) \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/pseudonymised") && !FileManager.default.fileExists(atPath: dir + "/bundles"))
        guard right != "victims.csv" else { return }
        // Pseudonymised files renamed the same way.
        let good = CLI.temporaryDirectory()
        #expect(CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", CLI.exampleKey, "--out", good + "/p").status == 0)
        try FileManager.default.moveItem(atPath: good + "/p/" + right, toPath: good + "/p/" + wrong)
        let r = CLI.run(["export", "--in", good + "/p", "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--out", good + "/bundles"])
        #expect(r.status == 65 && r.stderr.contains(message), "pseudonymised: \(r.stderr)")
    }

    /// Other files beside the records are ignored, and said to be, by their number only (a file's
    /// name may name a person); pseudonymised records' summary is not one of them.
    @Test func otherFilesAreCountedNeverNamed() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: CLI.fixtures + "/good", toPath: dir + "/records")
        for name in ["Aliyev Ali notes.txt", "README.md"] { CLI.write("x", to: dir + "/records/" + name) }
        let r = CLI.run("validate", dir + "/records")
        #expect(r.status == 0 && r.stderr.contains("holds 2 other files (not victims, cases or offenders .csv or .jsonl): ignored"), "\(r.stderr)")
        #expect(!r.stderr.contains("Aliyev") && !r.stdout.contains("Aliyev"))
        #expect(CLI.run("pseudonymise", "--in", CLI.fixtures + "/good", "--key", CLI.exampleKey, "--out", dir + "/p").status == 0)
        let e = CLI.run("export", "--in", dir + "/p", "--recipient", "greta", "--period", "2023", "--country", "AZE", "--unsigned", "--out", dir + "/b")
        #expect(e.status == 0 && !e.stderr.contains("other file"), "\(e.stderr)")
    }
}
