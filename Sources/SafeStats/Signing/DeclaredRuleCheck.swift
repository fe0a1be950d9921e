import Foundation

/// Holds a bundle of tables to the rule it declares, so that an audit of its `tables.json` means
/// what the recipient was promised: the profile it carries (`profile.json`) is the one the manifest
/// names by SHA-256, and the built-in one when it claims to be; every table's rule in the manifest
/// is at least the profile's, and `tables.json` states the manifest's; the cells, tables and
/// relations of `tables.json` are exactly those the profile's tables imply for the bundle's periods
/// and country (a missing relation would let a recomputable cell look protected), each cell's rule
/// at least that of its tables; and `tables.csv` and `tables.xlsx` are exactly what `tables.json`,
/// the profile and the manifest's key ids give.
enum DeclaredRuleCheck {
    typealias Finding = (subject: String, what: String, failure: String?)

    /// The findings for the bundle whose manifest is `manifest`; `read` gives a regular file of the
    /// bundle by name (nil: missing).
    static func findings(_ manifest: BundleManifest, read: (String) -> Data?) -> [Finding] {
        let manifestFile = BundleSigning.manifestFile
        guard manifest.version >= 2, let digest = manifest.profile.sha256, let rules = manifest.tableRules else {
            return [(manifestFile, "names the profile's SHA-256 and every table's rule",
                     "it does not (manifest version \(manifest.version)): the bundle cannot be held to a rule it does not declare")]
        }
        guard let profileData = read(Profile.fileName) else {
            return [(Profile.fileName, "the profile the tables were counted by", "missing")]
        }
        let profile: Profile
        do { profile = try Profile(json: profileData, source: Profile.fileName) } catch {
            return [(Profile.fileName, "the profile the tables were counted by", "is not a usable profile: \(error.message)")]
        }
        var out: [Finding] = [profileFinding(profile, manifest: manifest, digest: digest)]
        guard let period = Period(manifest.periodText), case let periods = profile.periods(for: period), periods.map(range) == manifest.periods else {
            return out + [(manifestFile, "periods", "are not the periods profile \(profile.id) shows for \(manifest.periodText)")]
        }
        guard let tablesData = read(PublishedDirectory.tablesFile),
              let stated = try? PublishedRelease(json: tablesData, source: PublishedDirectory.tablesFile) else {
            return out + [(PublishedDirectory.tablesFile, "the tables the rule applies to", "missing or not a safestats-tables document")]
        }
        let specs: [TableSpec]
        do { specs = try profile.specs(country: manifest.country) } catch {
            return out + [(Profile.fileName, "the profile's tables for \(manifest.country)", error.message)]
        }
        let (ruled, ruleFailures) = declaredRules(specs, rules: rules, stated: stated)
        out.append((manifestFile, "every table's rule at least the profile's, and tables.json states it as the manifest does",
                    ruleFailures.isEmpty ? nil : summary(ruleFailures)))
        let empty = Tabulation(TabulationInput(), tables: ruled.map { ($0, periods) })
        let implied = PublishedRelease(empty, protected: empty.universe, country: manifest.country)
        let structure = structureFailures(stated, implied: implied)
        out.append((PublishedDirectory.tablesFile, "cells, tables and relations exactly those profile \(profile.id)'s tables imply, each cell's rule at least its tables'",
                    structure.isEmpty ? nil : summary(structure)))
        let layout = BundleLayout(profile: profile, period: period, periods: periods, country: manifest.country, view: stated,
                                  releasedWith: manifest.releasedWith, revision: manifest.revision)
        out.append((TablesCSV.fileName, "shows exactly the values of tables.json", csvFailure(read(TablesCSV.fileName), layout)))
        out.append((TablesWorkbook.fileName, "shows exactly the values of tables.json",
                    read(TablesWorkbook.fileName) == TablesWorkbook.render(layout, keys: BundleKeys(manifest: manifest)) ? nil
                        : "is not what tables.json, the profile and the manifest's key ids give (a value, label or sheet differs)"))
        return out
    }

    private static func range(_ p: Period) -> BundleManifest.PeriodRange {
        BundleManifest.PeriodRange(start: p.start.description, end: p.end.description)
    }

    private static func summary(_ failures: [String]) -> String {
        failures.prefix(3).joined(separator: "; ") + (failures.count > 3 ? "; … \(failures.count) in all" : "")
    }

    /// Which profile the bundle carries, and whether it is what the manifest says.
    private static func profileFinding(_ profile: Profile, manifest: BundleManifest, digest: String) -> Finding {
        let name = "\(profile.id) \(profile.version) (SHA-256 \(profile.sha256))"
        guard profile.sha256 == digest, profile.id == manifest.profile.id, profile.id == manifest.recipient,
              profile.version == manifest.profile.version else {
            return (Profile.fileName, "the profile the manifest names", "is \(name), not the manifest's \(manifest.profile.id) \(manifest.profile.version) (SHA-256 \(digest))")
        }
        guard let builtIn = try? Profile.named(profile.id) else {
            return (Profile.fileName, "own profile \(name): compare its SHA-256 with the profile agreed with the recipient", nil)
        }
        if builtIn.version != profile.version {
            return (Profile.fileName, "profile \(name); this safestats has \(builtIn.id) \(builtIn.version) built in: compare the SHA-256 with the version you expect", nil)
        }
        return (Profile.fileName, "the built-in profile \(name)",
                builtIn.json == profile.json ? nil : "differs from the built-in profile \(builtIn.id) \(builtIn.version) (SHA-256 \(builtIn.sha256)) it claims to be")
    }

    /// The profile's tables with the manifest's rules, and what is wrong with those rules.
    private static func declaredRules(_ specs: [TableSpec], rules: [BundleManifest.TableRule], stated: PublishedRelease) -> ([TableSpec], [String]) {
        var failures: [String] = []
        var ruled: [TableSpec] = []
        for spec in specs {
            guard let r = rules.first(where: { $0.table == spec.id }) else {
                failures.append("the manifest names no rule for table \(spec.id)")
                ruled.append(spec)
                continue
            }
            if r.threshold < spec.rule.threshold || r.protectionWidth < spec.rule.width {
                failures.append("table \(spec.id): threshold \(r.threshold) and width \(r.protectionWidth) are below the profile's \(spec.rule.threshold) and \(spec.rule.width)")
            }
            ruled.append(spec.atLeast(ProtectionRule(threshold: max(1, r.threshold), width: max(0, r.protectionWidth))))
        }
        for r in rules where !specs.contains(where: { $0.id == r.table }) { failures.append("the manifest names a rule for \(r.table), no table of the profile") }
        for t in stated.tables {
            if let r = rules.first(where: { $0.table == t.id }), r.threshold != t.threshold || r.protectionWidth != t.protectionWidth {
                failures.append("table \(t.id) (\(t.period)): tables.json states threshold \(t.threshold) and width \(t.protectionWidth), the manifest \(r.threshold) and \(r.protectionWidth)")
            }
        }
        return (ruled, failures)
    }

    /// How `stated` departs from `implied` (the profile's tables counted over nothing).
    private static func structureFailures(_ stated: PublishedRelease, implied: PublishedRelease) -> [String] {
        var failures: [String] = []
        if stated.country != implied.country { failures.append("its country is \(stated.country), the manifest's \(implied.country)") }
        guard stated.cells.count == implied.cells.count else {
            return failures + ["\(stated.cells.count) cells where the profile's tables have \(implied.cells.count)"]
        }
        for (s, i) in zip(stated.cells, implied.cells) {
            if s.population != i.population || s.periodRule != i.periodRule || s.period != i.period || s.categories != i.categories {
                failures.append("cell \(s.id) is not the profile's cell \(i.id)")
            } else if s.threshold < i.threshold || s.protectionWidth < i.protectionWidth {
                failures.append("cell \(s.id): threshold \(s.threshold) and width \(s.protectionWidth) are below its tables' \(i.threshold) and \(i.protectionWidth)")
            }
        }
        let tableShape = { (t: PublishedRelease.PublishedTable) in
            [t.id, t.population.rawValue, t.periodRule.rawValue, t.period, "\(t.filter.sorted { $0.key < $1.key })", "\(t.dimensions)", "\(t.cells)"]
        }
        if stated.tables.map(tableShape) != implied.tables.map(tableShape) {
            failures.append("its tables are not the profile's tables (ids, periods, filters, dimensions or cells differ)")
        }
        func key(_ r: PublishedRelease.PublishedRelation) -> [Int] { [r.total] + r.parts.sorted() }
        let declared = Set(stated.relations.map(key)), wanted = Set(implied.relations.map(key))
        let missing = implied.relations.filter { !declared.contains(key($0)) }
        if !missing.isEmpty {
            failures.append("\(missing.count) relations the tables imply are missing (the first: cell \(missing[0].total) as the sum of \(missing[0].parts.count) cells)")
        }
        let extra = stated.relations.filter { !wanted.contains(key($0)) }.count
        if extra > 0 { failures.append("\(extra) relations the tables do not imply") }
        return failures
    }

    /// Where `tables.csv` departs from what `layout` gives: its first differing row.
    private static func csvFailure(_ data: Data?, _ layout: BundleLayout) -> String? {
        guard let data else { return "missing" }
        let expected = TablesCSV.render(layout)
        guard data != expected else { return nil }
        let have = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let want = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let row = (zip(have, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(have.count, want.count)) + 1
        return "line \(row) is not what tables.json and the profile give (a value, label or row differs)"
    }
}
