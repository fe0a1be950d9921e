import Testing
@testable import SafeStats

@Suite struct TabulationTests {
    private func input() throws -> TabulationInput {
        try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                 today: ISODate("2026-01-01")!, problems: ProblemLog())
    }

    private func units() throws -> [VictimUnit] { try input().victims }

    @Test func personsAreMergedByTheDocumentedRules() throws {
        let u = try units()
        #expect(u.count == 3)  // six records, three persons
        let women = u.filter { $0.sex == .female }.sorted { $0.firstIdentified < $1.firstIdentified }
        #expect(women.count == 2)
        // V1 (identified 2023-02-01), V2 (presumed 2023-01-20), V3 (identified 2023-03-01).
        #expect(women[0].status == .identified)
        #expect(women[0].firstIdentified == ISODate("2023-01-20"))
        #expect(women[0].age == 28)
        #expect(women[0].countries == ["TUR", "ARE"])
        #expect(women[0].assistance == [.shelter, .medical, .psychological])
        // V4 (identified) and V6 (presumed): the Turkish citizen.
        #expect(women[1].status == .identified && women[1].citizenship == "TUR" && women[1].age == 32)
        let man = try #require(u.first { $0.sex == .male })
        #expect(man.status == .presumed && man.age == nil && man.forms == [.forcedLabour])
    }

    /// Sex, citizenship and age come from the earliest record that knows them, whatever the order
    /// in which the records come: the earliest record of all may not know them.
    @Test func mergedFieldsComeFromTheEarliestRecordThatKnowsThem() throws {
        func record(_ date: String, _ sex: Sex, _ citizenship: String) throws -> VictimRecord {
            var r = try VictimRecordFixture.make(identified: date)
            r.sex = sex
            r.citizenship = citizenship
            return r
        }
        let records = [(try record("2023-01-05", .unknown, "UNK"), nil as Int?), (try record("2023-01-07", .female, "TUR"), 30),
                       (try record("2023-01-06", .male, "UNK"), nil), (try record("2023-01-09", .female, "UZB"), 29)]
        var merged: [VictimUnit] = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            var unit = VictimUnit(person: Pseudonym(high: 1, low: 1), record: records[order[0]].0, age: records[order[0]].1)
            for i in order.dropFirst() { unit.merge(records[i].0, age: records[i].1) }
            merged.append(unit)
        }
        #expect(merged.allSatisfy { $0 == merged[0] })
        #expect(merged[0].sex == .male && merged[0].citizenship == "TUR" && merged[0].age == 30)
        #expect(merged[0].firstIdentified == ISODate("2023-01-05"))
    }

    /// The region of residence comes from the earliest record that gives one, the start of
    /// exploitation is the earliest any record gives, and an offender is wanted as the most any
    /// record says (internationally, then domestically, then not): whatever the order of records.
    @Test func residenceStartOfExploitationAndWantedAreMergedByTheirRules() throws {
        func record(_ date: String, _ region: String?, _ started: String?) throws -> VictimRecord {
            var r = try VictimRecordFixture.make(identified: date)
            r.residenceRegion = region
            r.exploitationStartDate = started.flatMap(ISODate.init)
            return r
        }
        let records = [try record("2023-01-05", nil, "2022-06-01"), try record("2023-01-07", "AZ-GA", "2021-03-01"),
                       try record("2023-01-06", "AZ-BA", nil), try record("2023-01-09", "AZ-SM", "2022-01-01")]
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
            var unit = VictimUnit(person: Pseudonym(high: 1, low: 1), record: records[order[0]])
            for i in order.dropFirst() { unit.merge(records[i]) }
            #expect(unit.residenceRegion == "AZ-BA" && unit.exploitationStarted == ISODate("2021-03-01"))
        }
        func offender(_ wanted: Wanted?) -> OffenderRecord {
            var values = [FieldValue?](repeating: nil, count: OffenderField.allCases.count)
            values[OffenderField.recordID.rawValue] = .text("O")
            values[OffenderField.caseID.rawValue] = .text("C")
            values[OffenderField.sex.rawValue] = .text("male")
            values[OffenderField.citizenship.rawValue] = .text("AZE")
            values[OffenderField.suspectedDate.rawValue] = .date(ISODate("2023-02-01")!)
            values[OffenderField.wanted.rawValue] = wanted.map { .text($0.rawValue) }
            return OffenderRecord(FieldValues<OffenderField>(line: 1, values: values))
        }
        for (says, merged) in [([nil, Wanted.none], Wanted.none), ([.domestic, Wanted.none, nil], .domestic), ([Wanted.none, .international, .domestic], .international),
                               ([nil, nil], nil)] as [([Wanted?], Wanted?)] {
            var unit = OffenderUnit(record: offender(says[0]))
            for w in says.dropFirst() { unit.merge(offender(w)) }
            #expect(unit.wanted == merged)
            #expect(TableDimension.wanted.category(of: .offender(unit)) == merged?.rawValue ?? "unknown")
        }
    }

    @Test func tablesShareCellsAndImplyTheComplementOfAFilter() throws {
        let specs = [try TableSpec(id: "by-sex-age", dimensions: [.sex, .ageGroup]),
                     try TableSpec(id: "identified-by-citizenship", filters: [.init(.identificationStatus, "identified")],
                                   dimensions: [.citizenship(country: "AZE")])]
        let t = Tabulation(try input(), tables: specs, periods: [Period("2023")!])
        func value(_ table: Int, _ categories: [String?]) -> Int? {
            t.tables[table].cells.first { $0.categories == categories }.map { t.universe.cells[$0.cell].value }
        }
        #expect(value(0, ["female", "adult"]) == 2)
        #expect(value(0, ["male", "unknown"]) == 1)
        #expect(value(0, ["female", "child"]) == 0)
        #expect(value(0, [nil, "adult"]) == 2)
        #expect(value(0, ["male", nil]) == 1)
        #expect(value(0, [nil, nil]) == 3)
        #expect(t.tables[0].cells.count == 5 * 4)
        #expect(value(1, ["national"]) == 1)
        #expect(value(1, ["foreign"]) == 1)
        #expect(value(1, [nil]) == 2)
        #expect(t.tables[1].cells.count == 4)
        // The presumed victims are in the universe, unpublished: all = presumed + identified.
        let presumed = try #require(t.keys.firstIndex {
            $0.coordinates == [CellKey.Coordinate(dimension: "identification_status", category: "presumed")]
        })
        #expect(t.universe.cells[presumed].value == 1)
        #expect(t.universe.cells[presumed].status == .unpublished)
        // The grand total is one cell, published by the first table.
        let total = try #require(t.keys.firstIndex { $0.coordinates.isEmpty })
        #expect(t.tables[0].cells.last { $0.categories == [nil, nil] }?.cell == total)
        #expect(t.universe.cells[total].status == .published)
        // Every relation adds up.
        for r in t.universe.relations {
            #expect(t.universe.cells[r.total].value == r.parts.reduce(0) { $0 + t.universe.cells[$1].value })
        }
        // Protected together, the release passes the audit; the small implied cell is protected too.
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        #expect(release.cells[presumed].status == .primary)
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        #expect(try DisclosureAudit(release, rule: ProtectionRule()).passed)
    }

    @Test func victimsAreCountedInThePeriodOfTheirFirstIdentification() throws {
        let t = Tabulation(try input(), tables: [try TableSpec(id: "total", dimensions: [])],
                           periods: [Period("2023-Q1")!, Period("2023-Q2")!, Period("2022")!])
        #expect(t.tables.map { t.universe.cells[$0.cells[0].cell].value } == [1, 2, 0])
    }
}

@Suite struct PeriodAtomTests {
    @Test func overlappingAndNestedPeriodsAreCutIntoAtoms() {
        let atoms = Tabulation.atoms(of: [Period("2023")!, Period("2023-04-01..2024-03-31")!])
        #expect(atoms.map(\.description) == ["2023-Q1", "2023-04-01..2023-12-31", "2024-Q1"])
        #expect(Tabulation.atoms(of: [Period("2023")!, Period("2023-Q1")!]).map(\.description)
                == ["2023-Q1", "2023-04-01..2023-12-31"])
        #expect(Tabulation.atoms(of: [Period("2022")!, Period("2024")!]).map(\.description) == ["2022", "2024"])
    }

    /// Differencing attack: a calendar year and an April–March year published together.
    @Test func overlappingYearsAreLinkedThroughTheirAtoms() throws {
        func unit(_ date: String, _ n: UInt64) -> VictimUnit {
            var r = try! VictimRecordFixture.make(identified: date)
            r.identificationDate = ISODate(date)!
            return VictimUnit(person: Pseudonym(high: n, low: n), record: r)
        }
        // 2 men identified in Jan–Mar 2023, 40 women across the rest: the calendar year 2023 and
        // the TIP year 2023-04..2024-03 differ by the first quarter alone.
        var units = (0..<2).map { unit("2023-02-01", $0) }
        for i in 0..<40 { units.append(unit(i < 20 ? "2023-06-01" : "2024-02-01", 100 + UInt64(i))) }
        for i in 0..<2 { units[i].sex = .male }
        let t = Tabulation(TabulationInput(victims: units), tables: [try TableSpec(id: "by-sex", dimensions: [.sex])],
                           periods: [Period("2023")!, Period("2023-04-01..2024-03-31")!, Period("2024")!])
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        // Men: 2 in 2023 (suppressed), 0 in the TIP year, 0 in 2024. Without the atoms an
        // attacker could not link the years; with them the audit sees every relation.
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        let audit = try DisclosureAudit(release, rule: ProtectionRule())
        #expect(audit.passed, "\(audit.exposed.map { t.keys[$0] })")
        // The atom cells exist, unpublished, and add up to the published periods.
        let q1Men = try #require(t.keys.firstIndex { $0.period == Period("2023-Q1")! && $0.coordinates.map(\.category) == ["male"] })
        #expect(t.universe.cells[q1Men].value == 2)
        #expect(t.universe.cells[q1Men].status == .unpublished)
        for r in t.universe.relations {
            #expect(t.universe.cells[r.total].value == r.parts.reduce(0) { $0 + t.universe.cells[$1].value })
        }
    }
}

/// A minimal valid victim record for tabulation tests.
enum VictimRecordFixture {
    static func make(identified: String) throws -> VictimRecord {
        var values = [FieldValue?](repeating: nil, count: VictimField.allCases.count)
        values[VictimField.recordID.rawValue] = .text("R")
        values[VictimField.source.rawValue] = .text("police")
        values[VictimField.sex.rawValue] = .text("female")
        values[VictimField.citizenship.rawValue] = .text("AZE")
        values[VictimField.identificationStatus.rawValue] = .text("identified")
        values[VictimField.identificationDate.rawValue] = .date(ISODate(identified)!)
        values[VictimField.exploitationForms.rawValue] = .list(["sexual_exploitation"])
        values[VictimField.exploitationCountries.rawValue] = .list(["TUR"])
        return VictimRecord(FieldValues<VictimField>(line: 1, values: values))
    }
}
