import Foundation
import Testing
@testable import SafeStats

@Suite struct PopulationTests {
    private func input() throws -> TabulationInput {
        try TabulationInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                 today: ISODate("2026-01-01")!, problems: ProblemLog())
    }

    private func values(_ t: Tabulation, _ table: String, _ period: String) -> [String: Int] {
        let table = t.tables.first { $0.spec.id == table && $0.period == Period(period)! }!
        var out: [String: Int] = [:]
        for cell in table.cells { out[cell.categories.map { $0 ?? "total" }.joined(separator: ",")] = t.universe.cells[cell.cell].value }
        return out
    }

    @Test func offendersAreCountedOncePerStageAsPersons() throws {
        // O1 and O3 are one man (the same national id, written differently); O2 is a woman.
        let specs = [
            try TableSpec(id: "suspects", periodRule: .suspectedDate, dimensions: [.sex]),
            try TableSpec(id: "prosecuted", periodRule: .prosecutedDate, dimensions: [.citizenship(country: "AZE")]),
            try TableSpec(id: "convicted", periodRule: .convictedDate, dimensions: [.sex, .sentenceBand]),
            try TableSpec(id: "acquitted", periodRule: .acquittedDate, dimensions: [.sex]),
        ]
        let t = Tabulation(try input(), tables: specs, periods: [Period("2023")!, Period("2024")!])
        #expect(values(t, "suspects", "2023") == ["female": 1, "male": 1, "other": 0, "unknown": 0, "total": 2])
        #expect(values(t, "prosecuted", "2023") == ["national": 2, "foreign": 0, "unknown": 0, "total": 2])
        #expect(values(t, "convicted", "2023")["total,total"] == 0)
        let convicted = values(t, "convicted", "2024")
        #expect(convicted["male,5_to_10_years"] == 1 && convicted["total,total"] == 1 && convicted["female,total"] == 0)
        #expect(values(t, "acquitted", "2024") == ["female": 1, "male": 0, "other": 0, "unknown": 0, "total": 1])
    }

    @Test func casesAreCountedByRegistrationOrByStatusDate() throws {
        let specs = [
            try TableSpec(id: "registered", periodRule: .registeredDate, dimensions: [.offence, .transnationalCase]),
            try TableSpec(id: "decided", periodRule: .statusDate, filters: [.init(.caseStatus, "decided")], dimensions: [.form]),
        ]
        let t = Tabulation(try input(), tables: specs, periods: [Period("2023")!, Period("2024")!])
        let registered = values(t, "registered", "2023")
        #expect(registered["trafficking,yes"] == 1 && registered["forced_labour,no"] == 1 && registered["total,total"] == 2)
        #expect(values(t, "decided", "2024")["sexual_exploitation"] == 1)
        #expect(values(t, "decided", "2023")["total"] == 0)
        // The case under investigation is in the universe, unpublished, so it is protected too.
        let underInvestigation = try #require(t.keys.firstIndex {
            $0.period == Period("2023")! && $0.population == "cases/status_date" && $0.coordinates.count == 1
                && $0.coordinates[0].category == "under_investigation"
        })
        #expect(t.universe.cells[underInvestigation].value == 1 && t.universe.cells[underInvestigation].status == .unpublished)
    }

    @Test func aCellInSeveralTablesTakesTheStrictestRule() throws {
        let specs = [
            try TableSpec(id: "by-sex", dimensions: [.sex], rule: ProtectionRule(threshold: 3)),
            try TableSpec(id: "by-sex-age", dimensions: [.sex, .ageGroup], rule: ProtectionRule(threshold: 10, width: 4)),
        ]
        let t = Tabulation(try input(), tables: specs, periods: [Period("2023")!])
        let female = try #require(t.keys.firstIndex { $0.coordinates.map(\.category) == ["female"] })
        #expect(t.universe.rules[female] == ProtectionRule(threshold: 10, width: 4))
        var release = t.universe
        release.applyPrimarySuppression(ProtectionRule())
        #expect(release.cells[female].status == .primary)  // 2 women: small under threshold 10
        try SecondarySuppression.protect(&release, rule: ProtectionRule())
        #expect(try DisclosureAudit(release, rule: ProtectionRule()).passed)
    }
}

@Suite struct TableDeclarationTests {
    private func declarations(_ json: String) throws -> TableDeclarations {
        try TableDeclarations(json: Data(json.utf8), source: "t.json")
    }

    @Test func theExampleSetDeclaresTwentyTwoLinkedTables() throws {
        let d = try TableDeclarations(path: TestSupport.root + "/tables/national-example.json")
        #expect(d.country == "AZE" && d.tables.count == 24)
        #expect(Set(d.tables.map(\.population)) == Set(Population.allCases))
        #expect(d.tables[1].filters == [.init(.identificationStatus, "identified")])
        #expect(d.tables.allSatisfy { $0.rule == ProtectionRule(threshold: 5, width: 5) })
    }

    @Test func rulesAreInheritedAndOverridden() throws {
        let d = try declarations("""
            {"country": "AZE", "threshold": 4, "tables": [
              {"id": "a", "period_rule": "identification_date", "dimensions": ["sex"]},
              {"id": "b", "period_rule": "convicted_date", "dimensions": ["sex"], "threshold": 11},
              {"id": "c", "period_rule": "registered_date", "dimensions": ["offence"], "protection_width": 2}]}
            """)
        #expect(d.tables.map(\.rule) == [ProtectionRule(threshold: 4), ProtectionRule(threshold: 11), ProtectionRule(threshold: 4, width: 2)])
    }

    /// A table's priority multiplies the weights of its cells (see `CostModel`); 1 when not given.
    @Test func prioritiesAreReadAndBounded() throws {
        let d = try declarations("""
            {"country": "AZE", "tables": [
              {"id": "a", "period_rule": "identification_date", "dimensions": ["sex"], "priority": 3},
              {"id": "b", "period_rule": "convicted_date", "dimensions": ["sex"]}]}
            """)
        #expect(d.tables.map(\.priority) == [3, 1])
        for bad in ["0", "-1", "1001"] {
            #expect(throws: TableDeclarations.Problem(message: "t.json: table 1 (a): priority must be above 0 and at most 1000")) {
                try declarations(#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "dimensions": [], "priority": \#(bad)}]}"#)
            }
        }
    }

    @Test func badDeclarationsAreRefusedWithWhereAndWhy() {
        let cases: [(String, String)] = [
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "dimensions": ["colour"]}]}"#,
             "t.json: table 1 (a): unknown dimension colour"),
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "registered_date", "dimensions": ["sex"]}]}"#,
             "t.json: table a: dimension sex does not apply to cases"),
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "someday", "dimensions": []}]}"#,
             "t.json: table 1 (a): unknown period_rule; one of identification_date, registered_date, status_date, suspected_date, prosecuted_date, convicted_date, acquitted_date"),
            (#"{"country": "XYZ", "tables": []}"#, "t.json: country is not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
            (#"{"country": "XXA", "tables": []}"#, "t.json: country is not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
            (#"{"country": "UNK", "tables": []}"#, "t.json: country is not the ISO 3166-1 alpha-3 code of a country (UNK and XXA name none)"),
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "dimensions": ["sex"]}, {"id": "a", "period_rule": "identification_date", "dimensions": []}]}"#,
             "t.json: table 2 (a): the id is used twice"),
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "dimensions": ["form"]}, {"id": "b", "period_rule": "identification_date", "dimensions": ["form_forced_labour"]}]}"#,
             "t.json: tables of victims use both form and form_forced_labour; no additivity relation links their categories (a unit with several forms is in multiple_forms), so they cannot be protected together"),
            (#"{"country": "AZE", "tables": [{"id": "a", "period_rule": "identification_date", "filter": {"sex": "purple"}, "dimensions": []}]}"#,
             "t.json: table a: filter sex has no category purple"),
            (#"{"country": "AZE"}"#, "t.json: not a table declaration: missing tables"),
            ("{", "t.json: not a table declaration: not valid JSON"),
        ]
        for (json, message) in cases {
            #expect(throws: TableDeclarations.Problem(message: message)) { try declarations(json) }
        }
    }
}

@Suite struct TableSchemaTests {
    @Test func theSchemaNamesEveryDimensionAndAcceptsTheExampleSet() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.root + "/schemas/tables.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let names = try #require((defs["dimension"] as? [String: Any])?["enum"] as? [String])
        for name in names { #expect(TableDimension(name: name, country: "AZE")?.id == name) }
        #expect(Set(names) == Set(TableDimension.all(country: "AZE").map(\.id)))
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
            print("valid")
            """
        let result = TestSupport.run(TestSupport.python3, ["-c", script, TestSupport.root + "/schemas/tables.schema.json",
                                                           TestSupport.root + "/tables/national-example.json"])
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "valid", "\(result.stderr)")
    }
}
