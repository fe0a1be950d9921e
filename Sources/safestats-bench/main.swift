// Benchmarks of the library's steps on synthetic data, printing figures (not a test).
// Usage: safestats-bench tabulation|disclosure|export [VICTIM_RECORDS] [overlapping] [pseudonymised]
//        safestats-bench optimal [TIME_LIMIT_SECONDS]
import Foundation
import SafeStats

/// Prints a line at once, even into a pipe.
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "optimal" {
    try optimalAgainstHeuristic(timeLimit: arguments.dropFirst().first.flatMap(Double.init) ?? 20)
    exit(0)
}
guard let what = arguments.first, ["tabulation", "disclosure", "export"].contains(what) else {
    FileHandle.standardError.write(Data("usage: safestats-bench tabulation|disclosure|export [VICTIM_RECORDS] [overlapping] [pseudonymised]\n".utf8))
    exit(64)
}
let records = arguments.dropFirst().first.flatMap { Int($0) } ?? (what == "tabulation" ? 1_000_000 : 10_000)
let directory = FileManager.default.currentDirectoryPath + "/bench-data/synthetic-\(records)"
if !FileManager.default.fileExists(atPath: directory) {
    try FileManager.default.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
    _ = try SyntheticRegister(victimRecords: records, seed: 1).write(to: directory, replace: false)
}
let key = try PseudonymisationKey.read(from: "keys-example/pseudonymisation.example.key", passphrase: nil)

var input = TabulationInput()
if arguments.contains("pseudonymised") {
    // Read back what `safestats pseudonymise` wrote (made once, outside the timing).
    let pseudonymised = directory + "-pseudonymised"
    if !FileManager.default.fileExists(atPath: pseudonymised) {
        _ = try PseudonymisationRun(input: InputDirectory(path: directory), key: key, parallelism: 2)
            .run(output: pseudonymised, replace: false, problems: ProblemLog())
    }
    let readTime = try seconds {
        input = try TabulationInput.read(pseudonymised: InputDirectory(path: pseudonymised), problems: ProblemLog())
    }
    report("read pseudonymised records of \(records) victim records → \(input.victims.count) victims, "
        + "\(input.cases.count) cases, \(input.offenders.count) offenders: \(String(format: "%.2f", readTime)) s")
} else {
    let readTime = try seconds {
        input = try TabulationInput.read(InputDirectory(path: directory), key: key, problems: ProblemLog())
    }
    report("read, validate, pseudonymise in memory and link \(records) victim records → \(input.victims.count) victims, "
        + "\(input.cases.count) cases, \(input.offenders.count) offenders: \(String(format: "%.2f", readTime)) s")
}

// The three recipients protected together, as `safestats export` and `safestats run` do it: GRETA
// and UNODC for 2023 with the TIP reporting year 2024 (overlapping), then with the TIP profile for
// calendar 2023 (not overlapping), in turn, three times: the ratio of the two is what to read.
if what == "export" {
    let profiles = try ["greta", "unodc", "us-tip"].map { try Profile.named($0) }
    func requests(tip: String) -> [(profile: Profile, period: Period)] {
        profiles.map { ($0, $0.period($0.id == "us-tip" ? tip : "2023")!) }
    }
    var ratios: [Double] = []
    for run in 1...3 {
        var figures: [Double] = []
        for (name, tip) in [("overlapping (TIP year 2024)", "2024"), ("not overlapping (TIP profile for 2023)", "2023-01-01..2023-12-31")] {
            var export: Export?
            let time = try seconds { export = try Export(input, requests: requests(tip: tip), country: "AZE") }
            figures.append(time)
            report("run \(run), \(name): \(String(format: "%.2f", time)) s; \(export!.release.loss.summary)")
        }
        ratios.append(figures[0] / figures[1])
        report("run \(run): overlapping / not overlapping = \(String(format: "%.1f", ratios.last!))")
    }
    report("median ratio over 3 runs: \(String(format: "%.1f", ratios.sorted()[1]))")
    exit(0)
}

// The example national table set (24 linked tables of victims, cases and offenders), for one
// calendar year, or (with "overlapping") also for an April–March year.
let declarations = try TableDeclarations(path: "tables/national-example.json")
let periods = arguments.contains("overlapping") ? [Period("2023")!, Period("2023-04-01..2024-03-31")!] : [Period("2023")!]
var tabulation: Tabulation?
let tabulateTime = seconds { tabulation = Tabulation(input, tables: declarations.tables, periods: periods) }
let release = tabulation!.universe
report("tabulate into \(declarations.tables.count) tables × \(periods.count) period(s): \(release.cells.count) cells, "
    + "\(release.relations.count) relations: \(String(format: "%.2f", tabulateTime)) s")

if what == "disclosure" {
    var protected = release
    let rule = ProtectionRule()
    protected.applyPrimarySuppression(rule)
    let primary = protected.cells.filter { $0.status == .primary }.count
    let hidden = protected.cells.filter { $0.status.isSuppressed }.count
    report("primary suppression: \(primary) small counts, \(hidden) hidden cells in all (with the unpublished)")
    var added = 0
    let start = Date()
    let suppressTime = try seconds { added = try SecondarySuppression.protect(&protected, rule: rule, first: Set(tabulation!.tables.flatMap { $0.cells.map(\.cell) })) { step in
        report("  round \(step.round): audit finds \(step.narrow) narrow cells (\(step.added) suppressed so far) at \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    } }
    var audit: DisclosureAudit?
    let auditTime = try seconds { audit = try DisclosureAudit(protected, rule: rule) }
    report("primary cells \(primary); secondary suppression added \(added): \(String(format: "%.2f", suppressTime)) s")
    report("audit of \(audit!.intervals.count) hidden cells (\(audit!.passed ? "passed" : "FAILED")): \(String(format: "%.2f", auditTime)) s")
    report("suppression + audit: \(String(format: "%.2f", suppressTime + auditTime)) s")
}
