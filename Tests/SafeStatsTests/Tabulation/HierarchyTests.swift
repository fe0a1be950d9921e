import Testing
@testable import SafeStats

@Suite struct HierarchyTests {
    @Test func levelsMapOntoTheLevelsAboveThem() {
        #expect(TableDimension.ageBand.coarsening(to: .ageGroup) == [0, 0, 1, 1, 1, 1, 1, 1, 1, 2])
        #expect(TableDimension.ageGroup.coarsening(to: .ageBand) == nil)
        let region = TableDimension.citizenshipCountry.coarsening(to: .citizenshipRegion)!
        let code = CountryCodes.all.firstIndex(of:)
        #expect(TableDimension.regions[region[code("AZE")!]] == "asia")
        #expect(TableDimension.regions[region[code("RUS")!]] == "europe")
        #expect(TableDimension.regions[region[code("XXA")!]] == "stateless")
        #expect(TableDimension.regions[region[code("UNK")!]] == "unknown")
        let citizenship = TableDimension.citizenshipCountry.coarsening(to: .citizenship(country: "AZE"))!
        #expect([code("AZE")!, code("TUR")!, code("UNK")!, code("XXA")!].map { citizenship[$0] } == [0, 1, 2, 1])
        // Region and national/foreign do not nest: Asia holds nationals and foreigners.
        #expect(TableDimension.citizenshipRegion.coarsening(to: .citizenship(country: "AZE")) == nil)
        #expect(TableDimension.citizenship(country: "AZE").coarsening(to: .citizenshipRegion) == nil)
        #expect(TableDimension.sex.coarsening(to: .sex) == nil)
    }

    /// For synthetic victims and offenders, every level's category is the coarsening of the
    /// finest level's: the maps the release's relations use agree with how units are counted.
    @Test func everyLevelIsTheCoarseningOfTheFinestLevelUnitByUnit() throws {
        let dir = TestSupport.temporaryDirectory() + "/records"
        _ = try SyntheticRegister(victimRecords: 600, seed: 11).write(to: dir, replace: false)
        let input = try TabulationInput.read(InputDirectory(path: dir), key: TestSupport.exampleKey(), today: ISODate("2026-06-01")!,
                                             problems: ProblemLog())
        let units = input.victims.map { CountedUnit.victim($0) } + input.offenders.map { CountedUnit.offender($0) }
        var checked = 0
        for level in TableDimension.all(country: "AZE") {
            guard let finest = level.finestLevel, let map = finest.coarsening(to: level) else { continue }
            for unit in units {
                let population: Population
                if case .victim = unit { population = .victims } else { population = .offenders }
                guard level.populations.contains(population) else { continue }
                #expect(level.categoryIndex(of: unit) == map[finest.categoryIndex(of: unit)], "\(level.id)")
                checked += 1
            }
        }
        #expect(checked > 3000)
        // Exploitation countries: one known country, several, none known.
        let v = try #require(input.victims.first)
        var u = v
        u.countries = ["TUR", "UNK"]
        #expect(TableDimension.exploitationCountry.category(of: .victim(u)) == "TUR")
        u.countries = ["TUR", "ARE"]
        #expect(TableDimension.exploitationCountry.category(of: .victim(u)) == "multiple_countries")
        #expect(TableDimension.scope(country: "AZE").category(of: .victim(u)) == "transnational")
        u.countries = ["UNK"]
        #expect(TableDimension.exploitationCountry.category(of: .victim(u)) == "UNK")
        #expect(TableDimension.scope(country: "AZE").category(of: .victim(u)) == "unknown")
        #expect(TableDimension.exploitationCountry.coarsening(to: .scope(country: "AZE"))?.last == 1)
    }

    private func victims(_ ages: [(age: Int, count: Int)], citizenship: [String] = []) -> TabulationInput {
        var units: [VictimUnit] = []
        for (age, count) in ages {
            for _ in 0..<count {
                var u = VictimUnit(person: Pseudonym(high: UInt64(units.count), low: 7), record: try! VictimRecordFixture.make(identified: "2023-05-01"))
                u.age = age
                if units.count < citizenship.count { u.citizenship = citizenship[units.count] }
                units.append(u)
            }
        }
        return TabulationInput(victims: units)
    }

    private func cell(_ t: Tabulation, _ coordinates: [String: String]) -> Int? {
        t.keys.firstIndex { Dictionary(uniqueKeysWithValues: $0.coordinates.map { ($0.dimension, $0.category) }) == coordinates }
    }

    /// 2 victims aged 5, 8 aged 12, 6 aged 19, 30 aged 35: one table by CTDC band, one by
    /// child/adult. Protected alone, the band table would hide 0-8 with 18-20 (the cheaper
    /// partner); with child = 10 published beside it, 0-8 = 10 − 8 = 2.
    @Test func aBandTableAndAnAgeGroupTableAreProtectedTogether() throws {
        let input = victims([(5, 2), (12, 8), (19, 6), (35, 30)])
        let specs = [try TableSpec(id: "by-band", dimensions: [.ageBand]), try TableSpec(id: "by-group", dimensions: [.ageGroup])]
        let t = Tabulation(input, tables: specs, periods: [Period("2023")!])
        let child = try #require(cell(t, ["age_group": "child"]))
        let young = try #require(cell(t, ["age_band": "0-8"])), older = try #require(cell(t, ["age_band": "9-17"]))
        let adult = try #require(cell(t, ["age_band": "18-20"]))
        #expect(t.universe.relations.contains { $0.total == child && Set($0.parts) == [young, older] })
        #expect(t.universe.cells[child].value == 10 && t.universe.cells[child].status == .published)

        // The pattern the band table would get alone leaks once the tables are linked.
        var alone = t.universe
        alone.cells[young].status = .primary
        alone.cells[adult].status = .secondary
        let leak = try DisclosureAudit(alone, rule: ProtectionRule())
        #expect(leak.narrow == [young])
        #expect(leak.intervals.first { $0.cell == young }.map { ($0.lower, $0.upper) } ?? (0, 0) == (2, 2))

        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        #expect(release.cells.indices.filter { release.cells[$0].status == .primary } == [young])
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        #expect(try DisclosureAudit(release, rule: ProtectionRule()).passed)
        #expect(release.cells[older].status == .secondary)
    }

    /// Region and national/foreign both coarsen the country: the release holds the country level,
    /// unpublished, and ties both to it.
    @Test func levelsThatDoNotNestAreTiedThroughTheFinestLevel() throws {
        let input = victims([(30, 12)], citizenship: ["AZE", "AZE", "AZE", "AZE", "AZE", "AZE", "TUR", "TUR", "TUR", "RUS", "XXA", "UNK"])
        let specs = [try TableSpec(id: "by-region", dimensions: [.citizenshipRegion]),
                     try TableSpec(id: "by-citizenship", dimensions: [.sex, .citizenship(country: "AZE")])]
        let t = Tabulation(input, tables: specs, periods: [Period("2023")!])
        let asia = try #require(cell(t, ["citizenship_region": "asia"]))
        let aze = try #require(cell(t, ["citizenship_country": "AZE"])), tur = try #require(cell(t, ["citizenship_country": "TUR"]))
        #expect(t.universe.cells[aze].status == .unpublished && t.universe.cells[aze].value == 6)
        let asiaRelation = try #require(t.universe.relations.first { $0.total == asia })
        #expect(Set(asiaRelation.parts).isSuperset(of: [aze, tur]))
        #expect(asiaRelation.parts.reduce(0) { $0 + t.universe.cells[$1].value } == 9)
        let national = try #require(cell(t, ["citizenship": "national"]))
        #expect(t.universe.relations.contains { $0.total == national && $0.parts == [aze] })
        let foreignWomen = try #require(cell(t, ["citizenship": "foreign", "sex": "female"]))
        #expect(t.universe.cells[foreignWomen].value == 5)  // TUR ×3, RUS, stateless
        // Only the margins the tables share are linked: sex is in one table only.
        #expect(cell(t, ["citizenship_country": "TUR", "sex": "female"]) == nil)
        for r in t.universe.relations {
            #expect(t.universe.cells[r.total].value == r.parts.reduce(0) { $0 + t.universe.cells[$1].value })
        }
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        #expect(try DisclosureAudit(release, rule: ProtectionRule()).passed)
    }

    static let reportBands = DeclaredGrouping.ageBands("age_report", codes: ["under_18", "18_25", "26_35", "over_35"], from: [0, 18, 26, 36])

    /// A profile's own age bands are a level of the age hierarchy: they coarsen to child/adult
    /// when they break at 18, and meet the CTDC bands only at the finest level, age in years.
    @Test func ageBandsOfOnesOwnAreALevelOfTheAgeHierarchy() throws {
        let bands = TableDimension.declared(Self.reportBands)
        #expect(bands.categories == ["under_18", "18_25", "26_35", "over_35", "unknown"])
        #expect(bands.finestLevel == .ageYear && TableDimension.ageBand.finestLevel == .ageYear)
        #expect(bands.coarsening(to: .ageGroup) == [0, 1, 1, 1, 2])
        #expect(bands.coarsening(to: .ageBand) == nil && TableDimension.ageBand.coarsening(to: bands) == nil)
        let units = victims([(5, 1), (17, 1), (18, 1), (25, 1), (26, 1), (36, 1), (120, 1)]).victims
        #expect(units.map { bands.category(of: .victim($0)) } == ["under_18", "under_18", "18_25", "18_25", "26_35", "over_35", "over_35"])
        #expect(units.map { TableDimension.ageYear.category(of: .victim($0)) } == ["5", "17", "18", "25", "26", "36", "100+"])
        var unknown = units[0]
        unknown.age = nil
        #expect(bands.category(of: .victim(unknown)) == "unknown" && TableDimension.ageYear.category(of: .victim(unknown)) == "unknown")
        // One table by the CTDC bands, one by the profile's: the release ties both to age in years.
        let input = victims([(19, 6), (23, 2), (25, 7), (30, 20)])
        let t = Tabulation(input, tables: [try TableSpec(id: "ctdc", dimensions: [.ageBand]), try TableSpec(id: "own", dimensions: [bands])],
                           periods: [Period("2023")!])
        let year23 = try #require(cell(t, ["age_year": "23"]))
        #expect(t.universe.cells[year23].status == .unpublished && t.universe.cells[year23].value == 2)
        let band = try #require(cell(t, ["age_report": "18_25"])), ctdc = try #require(cell(t, ["age_band": "24-26"]))
        #expect(t.universe.relations.contains { $0.total == band && $0.parts.contains(year23) })
        #expect(t.universe.relations.contains { $0.total == ctdc && $0.parts.contains(try! #require(cell(t, ["age_year": "25"]))) })
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        #expect(try DisclosureAudit(release, rule: ProtectionRule()).passed)
    }

    @Test func regionsAndYearsOfOnesOwnCountEachVictimOnce() throws {
        let residence = TableDimension.declared(.regions("residence", codes: ["capital"], regions: [["AZ-BA"]], others: "other_regions"))
        let began = TableDimension.declared(.startYears("began", from: 2019, to: 2021))
        #expect(residence.categories == ["capital", "other_regions", "unknown"])
        #expect(began.categories == ["before_2019", "2019", "2020", "2021", "after_2021", "unknown"])
        #expect(residence.finestLevel == nil && began.finestLevel == nil)
        var u = victims([(30, 1)]).victims[0]
        var seen: [[String]] = []
        for (region, start) in [("AZ-BA", "2018-12-31"), ("AZ-GA", "2019-01-01"), (nil, "2021-12-31"), ("AZ-BA", "2022-01-01"), (nil, nil)] as [(String?, String?)] {
            u.residenceRegion = region
            u.exploitationStarted = start.flatMap(ISODate.init)
            seen.append([residence.category(of: .victim(u)), began.category(of: .victim(u))])
        }
        #expect(seen == [["capital", "before_2019"], ["other_regions", "2019"], ["unknown", "2021"], ["capital", "after_2021"], ["unknown", "unknown"]])
    }
}
