// Benchmarks of the library's steps on synthetic data, printing figures (not a test).
// Usage: safestats-bench tabulation|disclosure [VICTIM_RECORDS]
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
guard let what = arguments.first, ["tabulation", "disclosure"].contains(what) else {
    FileHandle.standardError.write(Data("usage: safestats-bench tabulation|disclosure [VICTIM_RECORDS]\n".utf8))
    exit(64)
}
let records = arguments.dropFirst().first.flatMap { Int($0) } ?? (what == "tabulation" ? 1_000_000 : 16_000)
let directory = FileManager.default.currentDirectoryPath + "/bench-data/synthetic-\(records)"
if !FileManager.default.fileExists(atPath: directory) {
    try FileManager.default.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
    _ = try SyntheticRegister(victimRecords: records, seed: 1).write(to: directory, replace: false)
}
let key = try PseudonymisationKey.read(from: "keys-example/pseudonymisation.example.key", passphrase: nil)

var units: [VictimUnit] = []
let readTime = try seconds {
    units = try Tabulation.victimUnits(input: InputDirectory(path: directory), key: key, problems: ProblemLog())
}
report("read, validate, pseudonymise in memory and link \(records) victim records → \(units.count) persons: \(String(format: "%.2f", readTime)) s")

// Twenty linked tables: pairs of dimensions, each with sex, for two overlapping periods.
let dimensions: [TableDimension] = [.ageGroup, .form, .citizenship(country: "AZE"), .scope(country: "AZE"), .identificationStatus]
    + [Assistance.shelter, .medical, .psychological, .legal, .financialAllowance].map { .received($0) }
var specs: [TableSpec] = []
for (i, a) in dimensions.enumerated() {
    for b in dimensions[(i + 1)...] where specs.count < 20 {
        specs.append(TableSpec(id: "\(a.id)-\(b.id)", dimensions: [.sex, a, b]))
    }
}
var tabulation: Tabulation?
let periods = [Period("2023")!, Period("2023-04-01..2024-03-31")!]
let tabulateTime = seconds { tabulation = Tabulation(victims: units, tables: specs, periods: periods) }
let release = tabulation!.release
report("tabulate into \(specs.count) tables × \(periods.count) overlapping periods: \(release.cells.count) cells, \(release.relations.count) relations: \(String(format: "%.2f", tabulateTime)) s")

if what == "disclosure" {
    var protected = release
    let rule = ProtectionRule()
    protected.applyPrimarySuppression(rule)
    let primary = protected.cells.filter { $0.status == .primary }.count
    report("primary cells: \(primary) of \(protected.cells.count)")
    var added = 0
    let suppressTime = try seconds { added = try SecondarySuppression.protect(&protected, rule: rule) }
    var audit: DisclosureAudit?
    let auditTime = try seconds { audit = try DisclosureAudit(protected, rule: rule) }
    report("primary cells \(primary); secondary suppression added \(added): \(String(format: "%.2f", suppressTime)) s")
    report("audit of \(audit!.intervals.count) hidden cells (\(audit!.passed ? "passed" : "FAILED")): \(String(format: "%.2f", auditTime)) s")
    report("suppression + audit: \(String(format: "%.2f", suppressTime + auditTime)) s")
}
