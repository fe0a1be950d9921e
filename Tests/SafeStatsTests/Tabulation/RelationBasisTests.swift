import Testing
@testable import SafeStats

/// The tabulation keeps one relation per margin cell and ties periods to their atoms through inner
/// cells only; every other additivity follows from these. These tests rebuild every additivity
/// from the cells' keys and check that nothing the attacker could use is lost.
@Suite struct RelationBasisTests {
    /// Victims spread over 2023 and the first quarter of 2024, in three tables: a calendar year
    /// and an April–March year overlap.
    private func tabulation() throws -> Tabulation {
        var units: [VictimUnit] = []
        let dates = ["2023-02-01", "2023-03-15", "2023-05-01", "2023-09-30", "2024-01-20", "2024-03-01"]
        for n in 0..<90 {
            var record = try VictimRecordFixture.make(identified: dates[n % dates.count])
            record.identificationDate = ISODate(dates[(n * 7) % dates.count])!
            var unit = VictimUnit(person: Pseudonym(high: UInt64(n), low: UInt64(n)), record: record, age: [nil, 12, 30, 45][n % 4])
            unit.sex = [.female, .male, .female, .unknown][(n / 3) % 4]
            unit.citizenship = ["AZE", "TUR", "AZE", "GEO", "UNK"][(n / 2) % 5]
            unit.status = n % 5 == 0 ? .presumed : .identified
            units.append(unit)
        }
        let specs = [try TableSpec(id: "by-sex-age", dimensions: [.sex, .ageGroup]),
                     try TableSpec(id: "by-sex-age-band", dimensions: [.sex, .ageBand]),
                     try TableSpec(id: "identified-by-sex-citizenship", filters: [.init(.identificationStatus, "identified")],
                                   dimensions: [.sex, .citizenship(country: "AZE")])]
        return Tabulation(TabulationInput(victims: units), tables: specs.map { ($0, Self.periods) })
    }

    private static let periods = [Period("2023")!, Period("2023-04-01..2024-03-31")!]

    /// Every additivity the cells' keys imply: each cell is the sum of its categories along every
    /// dimension some cell adds to it, each cell of a period the sum of its atoms' cells, and each
    /// margin of a coarser age level the sum of the finer level's cells (from the relations that
    /// tie the levels' inner cells, with other dimensions dropped to their totals).
    private func everyRelation(_ t: Tabulation) -> [Additivity] {
        let index = Dictionary(uniqueKeysWithValues: t.keys.enumerated().map { ($1, $0) })
        var parts: [Int: [String: [Int]]] = [:]
        for (i, key) in t.keys.enumerated() {
            for q in key.coordinates.indices {
                var coarser = key.coordinates
                let dimension = coarser.remove(at: q).dimension
                if let total = index[CellKey(periodRule: key.periodRule, period: key.period, coordinates: coarser)] {
                    parts[total, default: [:]][dimension, default: []].append(i)
                }
            }
        }
        var relations = parts.sorted { $0.key < $1.key }.flatMap { total, byDimension in
            byDimension.sorted { $0.key < $1.key }.map { Additivity(total: total, parts: $0.value) }
        }
        for r in t.universe.relations {
            let total = t.keys[r.total], parts = r.parts.map { t.keys[$0] }
            guard parts.contains(where: { part in !total.coordinates.allSatisfy(part.coordinates.contains) }) else { continue }
            let shared = total.coordinates.filter { c in parts.allSatisfy { $0.coordinates.contains(c) } }
            for mask in 1..<(1 << shared.count) {
                let dropped = Set(shared.indices.filter { mask & (1 << $0) != 0 }.map { shared[$0] })
                func coarser(_ key: CellKey) -> Int? {
                    index[CellKey(periodRule: key.periodRule, period: key.period, coordinates: key.coordinates.filter { !dropped.contains($0) })]
                }
                if let t = coarser(total) { relations.append(Additivity(total: t, parts: parts.map { coarser($0)! })) }
            }
        }
        let atoms = Tabulation.atoms(of: Self.periods)
        for (i, key) in t.keys.enumerated() where Self.periods.contains(key.period) {
            let parts = atoms.filter { key.period.contains($0.start) }
            guard parts.count > 1 else { continue }
            relations.append(Additivity(total: i, parts: parts.map {
                index[CellKey(periodRule: key.periodRule, period: $0, coordinates: key.coordinates)]!
            }))
        }
        return relations
    }

    /// The rank of relations as rows (total − Σ parts).
    private func rank(_ relations: [Additivity], cells: Int) -> Int {
        TestSupport.rank(relations.map { r -> [Double] in
            var row = [Double](repeating: 0, count: cells)
            row[r.total] -= 1
            for p in r.parts { row[p] += 1 }
            return row
        })
    }

    @Test func theRelationsKeptImplyEveryOther() throws {
        let t = try tabulation()
        let kept = t.universe.relations
        let every = everyRelation(t)
        #expect(t.keys.contains { $0.period == Period("2023-Q1")! }, "the periods are cut into atoms")
        let links = kept.filter { r in r.parts.contains { !t.keys[r.total].coordinates.allSatisfy(t.keys[$0].coordinates.contains) } }
        #expect(links.contains { !t.keys[$0.total].coordinates.isEmpty && t.keys[$0.total].coordinates.count > 1 }, "the age levels are linked by sex")
        // Fewer relations, the same space: no additivity is lost.
        #expect(kept.count < every.count)
        #expect(rank(kept, cells: t.keys.count) == rank(kept + every, cells: t.keys.count))
        for r in every {
            #expect(t.universe.cells[r.total].value == r.parts.reduce(0) { $0 + t.universe.cells[$1].value })
        }
    }

    @Test func theAttackerLearnsTheSameFromEitherSetOfRelations() throws {
        let t = try tabulation()
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        var everything = release
        everything.relations += everyRelation(t)
        let lean = try DisclosureAudit(release, rule: ProtectionRule(), exact: true)
        let full = try DisclosureAudit(everything, rule: ProtectionRule(), exact: true)
        #expect(lean.passed && full.passed)
        #expect(lean.intervals.count > 20)
        #expect(lean.intervals.map(\.cell) == full.intervals.map(\.cell))
        for (a, b) in zip(lean.intervals, full.intervals) {
            #expect(abs(a.lower - b.lower) < 1e-6 && abs((a.upper ?? -1) - (b.upper ?? -1)) < 1e-6, "cell \(a.cell)")
        }
    }
}
