import Foundation
import Testing
@testable import SafeStats

/// Every profile is held to the rules of `schemas/profile.schema.json` in Swift before anything
/// reads it, with the field that breaks one; Python's jsonschema gives the same verdicts.
@Suite struct ProfileSchemaTests {
    static let example = TestSupport.root + "/examples/profiles/national-annual-report.example.json"
    static let idRule = "must match ^[a-z][a-z0-9-]{0,62}$"
    static let tableIDRule = "must match ^[a-z0-9][a-z0-9-]{0,62}$"

    /// One edit of the example: fields set (nil: removed) by path, and the problem expected (nil: valid).
    struct Case: Sendable, CustomStringConvertible {
        let edits: [(path: [String], value: (@Sendable () -> Any)?)]
        let problem: String?
        var description: String { problem ?? "valid: \(edits.map { $0.path.joined(separator: ".") })" }

        init(_ path: String, _ value: (@Sendable () -> Any)?, _ problem: String?) {
            self.init([(path.split(separator: ".").map(String.init), value)], problem)
        }

        init(_ edits: [(path: [String], value: (@Sendable () -> Any)?)], _ problem: String?) {
            self.edits = edits
            self.problem = problem
        }
    }

    static let cases: [Case] = [
        Case("id", { "../escape" }, "id: " + idRule),
        Case("id", { ".." }, "id: " + idRule),
        Case("id", { "a/b" }, "id: " + idRule),
        Case("id", { "Bad ID!" }, "id: " + idRule),
        Case("id", { "" }, "id: " + idRule),
        Case("id", { String(repeating: "a", count: 300) }, "id: " + idRule),
        Case("id", { String(repeating: "a", count: 64) }, "id: " + idRule),
        Case("id", { String(repeating: "a", count: 63) }, nil),
        Case("id", { "x" }, nil),
        Case("id", { 7 }, "id: must be a string"),
        Case("id", nil, "id: missing"),
        Case("tables.0.id", { "../victims" }, "tables[0].id: " + tableIDRule),
        Case("tables.0.id", { "a/b" }, "tables[0].id: " + tableIDRule),
        Case("tables.0.id", { ".." }, "tables[0].id: " + tableIDRule),
        Case("tables.0.id", { String(repeating: "t", count: 64) }, "tables[0].id: " + tableIDRule),
        Case("tables.0.id", { "2023-victims" }, nil),
        Case("colour", { "blue" }, "colour: unknown field"),
        Case("tables.0.colour", { "blue" }, "tables[0].colour: unknown field"),
        Case("version", { "1.0" }, #"version: must match ^[0-9]+\.[0-9]+\.[0-9]+$"#),
        Case("threshold", { 0 }, "threshold: must be at least 1"),
        Case("tables.0.threshold", { 2.5 }, "tables[0].threshold: must be an integer"),
        Case("reporting_period", { "fiscal_year" }, "reporting_period: must be one of calendar_year, tip_year"),
        Case("previous_period", { "yes" }, "previous_period: must be a boolean"),
        Case("sources", { [String]() }, "sources: must not be empty"),
        Case("tables.1.priority", { 0 }, "tables[1].priority: must be above 0"),
        Case("tables.0.dimensions", { ["sex", "sex"] }, "tables[0].dimensions[1]: repeats an earlier item"),
        Case("tables.0.dimensions", { ["Sex"] },
             "tables[0].dimensions[0]: must be one of 42 values (sex, age_group, age_band, identification_status, form, …); or must match ^[a-z][a-z0-9_]*$"),
        Case("tables.0.keep", { [["sex": 1]] }, "tables[0].keep[0].sex: must be a string"),
        Case("csv_columns.0.content", { "colour" },
             "csv_columns[0].content: must be one of table, indicator, dimension, breakdown, breakdown_category, period, value, status"),
        Case("csv_columns.3.dimension", nil, "csv_columns[3].dimension: missing"),
        Case("dimensions.sex.label", { "" }, "dimensions.sex.label: must not be empty"),
        Case([(["groupings", "residence"], nil), (["groupings", "Residence"], { ["of": "residence_region", "groups": [["code": "capital", "regions": ["AZ-BA"]]]] })],
             "groupings.Residence: the name must match ^[a-z][a-z0-9_]*$"),
        Case("groupings.residence.others", { "unknown" }, "groupings.residence.others: must not be unknown"),
        Case("groupings.exploitation_began.of", { "start" }, "groupings.exploitation_began.of: must be one of age, residence_region, exploitation_start_date"),
        Case("groupings.age_band_report.bands.0.from", { 100 }, "groupings.age_band_report.bands[0].from: must be at most 99"),
        Case("groupings.age_band_report.bands.0.to", { 17 }, "groupings.age_band_report.bands[0].to: unknown field"),
    ]

    /// The example with `edits` applied, as one line of JSON.
    static func edited(_ edits: [(path: [String], value: (@Sendable () -> Any)?)]) throws -> Data {
        var root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: example)))
        for edit in edits { root = setting(root, edit.path[...], edit.value?()) }
        return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
    }

    private static func setting(_ node: Any, _ path: ArraySlice<String>, _ value: Any?) -> Any {
        guard let first = path.first else { return value! }
        if var array = node as? [Any], let n = Int(first) {
            array[n] = setting(array[n], path.dropFirst(), value)
            return array
        }
        var object = node as! [String: Any]
        if path.count == 1 && value == nil {
            object.removeValue(forKey: first)
        } else {
            object[first] = setting(object[first] ?? [String: Any](), path.dropFirst(), value)
        }
        return object
    }

    @Test func theEmbeddedSchemasAreTheFilesInSchemas() throws {
        #expect(Profile.embeddedSchemas.keys.sorted() == ["profile.schema.json", "tables.schema.json"])
        for (name, text) in Profile.embeddedSchemas {
            // Run scripts/embed-profiles after editing the schema.
            #expect(try String(contentsOfFile: TestSupport.root + "/schemas/" + name, encoding: .utf8) == text, "\(name) differs from its embedded copy")
        }
        #expect(Profile.schemaCheck.schemas.keys.sorted() == ["https://schemas.safestats.invalid/profile.schema.json",
                                                              "https://schemas.safestats.invalid/tables.schema.json"])
    }

    /// A keyword the Swift check does not know would be a rule it does not apply.
    @Test func theSchemasUseOnlyKeywordsTheSwiftCheckApplies() throws {
        var seen = Set<String>()
        func walk(_ schema: JSONValue) {
            guard case .object(let members) = schema else { return }
            for (key, value) in members {
                seen.insert(key)
                switch key {
                case "properties", "$defs":
                    if case .object(let named) = value { named.values.forEach(walk) }
                case "enum", "const", "required", "description", "title", "$id", "$schema", "$ref", "pattern": break
                case "anyOf", "oneOf":
                    if case .array(let branches) = value { branches.forEach(walk) }
                default: walk(value)
                }
            }
        }
        Profile.schemaCheck.schemas.values.forEach(walk)
        #expect(seen.subtracting(JSONSchemaCheck.keywords.union(JSONSchemaCheck.annotations)).isEmpty, "\(seen)")
        #expect(seen.isSuperset(of: ["additionalProperties", "oneOf", "anyOf", "not", "if", "then", "$ref", "pattern", "propertyNames", "uniqueItems"]))
    }

    @Test func theBuiltInProfilesAndTheExampleKeepEveryRule() throws {
        for id in Profile.available { #expect(Profile.schemaProblem(in: Data(Profile.embedded[id]!.utf8)) == nil, "\(id)") }
        #expect(Profile.schemaProblem(in: try Data(contentsOf: URL(fileURLWithPath: Self.example))) == nil)
    }

    /// Each edit breaks the rule named, and the profile is refused with its field; the valid ones read.
    @Test(arguments: cases)
    func anEditedProfileIsRefusedByTheFieldItBreaks(_ c: Case) throws {
        let data = try Self.edited(c.edits)
        #expect(Profile.schemaProblem(in: data)?.description == c.problem)
        if let problem = c.problem {
            #expect(throws: TableDeclarations.Problem(message: "edited.json: " + problem)) { try Profile(json: data, source: "edited.json") }
        } else {
            #expect(throws: Never.self) { try Profile(json: data, source: "edited.json") }
        }
    }

    /// ECMA-262's `$` is the end of the text: an id with a last line break is refused (Python's
    /// `re`, which jsonschema uses, would let `$` match before it, so this one is not compared).
    @Test func anIDEndingInALineBreakIsRefused() throws {
        let data = try Self.edited([(["id"], { "escape\n" })])
        #expect(Profile.schemaProblem(in: data)?.description == "id: " + Self.idRule)
        #expect(JSONSchemaCheck.matches("escape", "^[a-z]+$") && !JSONSchemaCheck.matches("escape\n", "^[a-z]+$"))
        #expect(JSONSchemaCheck.matches("a$", "^a[$]$"))
    }

    /// Python's jsonschema, with schemas/profile.schema.json, refuses exactly the edited profiles
    /// that Swift refuses, and accepts the built-in ones.
    @Test func jsonschemaAgreesWithTheSwiftCheck() throws {
        let lines = try Self.cases.map { try Self.edited($0.edits) } + Profile.available.map { id in
            try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(Profile.embedded[id]!.utf8)))
        }
        let file = TestSupport.temporaryDirectory() + "/profiles.jsonl"
        TestSupport.write(lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + "\n", to: file)
        let python = TestSupport.run(TestSupport.python3, [TestSupport.root + "/Tests/python/schema_verdicts.py", TestSupport.root + "/schemas", "profile=" + file])
        #expect(python.status == 0, "python: \(python.stderr)")
        let verdicts = try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: [Int]]
        let swift = lines.indices.filter { Profile.schemaProblem(in: lines[$0]) != nil }.map { $0 + 1 }
        #expect(verdicts?[file] == swift)
        #expect(swift == Self.cases.indices.filter { Self.cases[$0].problem != nil }.map { $0 + 1 })
    }
}
