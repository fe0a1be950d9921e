import Foundation
import Testing
@testable import SafeStats

@Suite struct ProfileTests {
    @Test func theEmbeddedProfilesAreTheFilesInSchemas() throws {
        let directory = TestSupport.root + "/schemas/profiles"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["greta.json", "unodc.json", "us-tip.json"])
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            // Run scripts/embed-profiles after editing a profile.
            #expect(Profile.embedded[String(file.dropLast(5))] == text, "\(file) differs from its embedded copy")
        }
    }

    @Test func everyProfileDeclaresTablesThatCanBeProtectedTogether() throws {
        var all: [TableSpec] = []
        for id in Profile.available {
            let profile = try Profile.named(id)
            #expect(profile.id == id && profile.version == (id == "unodc" ? "1.1.0" : "1.0.0") && !profile.sources.isEmpty)
            let specs = try profile.specs(country: "AZE")
            #expect(specs.allSatisfy { $0.id.hasPrefix(id + "/") })
            all += specs
        }
        #expect(all.count == 42)
        #expect(TableSpec.unlinkedPair(in: all) == nil)
    }

    @Test func theRecipientsPeriods() throws {
        let tip = try Profile.named("us-tip"), greta = try Profile.named("greta")
        let year = try #require(tip.period("2024"))
        #expect(year.description == "2023-04-01..2024-03-31")
        #expect(tip.periods(for: year).map(\.description) == ["2022-04-01..2023-03-31", "2023-04-01..2024-03-31"])
        #expect(greta.period("2024")?.description == "2024")
        #expect(greta.periods(for: greta.period("2024")!).map(\.description) == ["2024"])
        #expect(tip.period("2024-02-01..2024-02-29").flatMap(\.yearEarlier)?.description == "2023-02-01..2023-02-28")
        #expect(tip.period("2024-13") == nil)
    }

    @Test func labelsAndOrderAreTheRecipients() throws {
        let unodc = try Profile.named("unodc"), greta = try Profile.named("greta")
        #expect(unodc.label("child", of: "age_group") == "0 to 17 years")
        #expect(unodc.label("adult", of: "age_group") == "18 years or over")
        #expect(unodc.label(nil, of: "sex") == "Total")
        #expect(unodc.label("forced_criminal_activity", of: "glotip_form") == "Forced criminal activity")
        #expect(greta.label("XXA", of: "citizenship_country") == "Stateless")
        #expect(greta.label("TUR", of: "citizenship_country") == "TUR")
        #expect(try Profile.named("us-tip").order(of: .ageGroup) == ["adult", "child", "unknown"])
    }

    @Test func aProfileWhoseLabelsMissACategoryIsRefused() throws {
        var text = try #require(Profile.embedded["unodc"])
        text = text.replacingOccurrences(of: #"{"code": "begging", "label": "Begging"},"#, with: "")
            .replacingOccurrences(of: "\"code\": \"begging\",\n          \"label\": \"Begging\"\n        },\n        {\n", with: "")
        #expect(text != Profile.embedded["unodc"])
        #expect(throws: TableDeclarations.Problem.self) { try Profile(json: Data(text.utf8), source: "edited") }
        #expect(throws: TableDeclarations.Problem.self) { try Profile.named("interpol") }
    }

    /// A profile of one's own: the example reads, keeps its victims' grand total, and a cell to keep
    /// that its table cannot have is refused with the table and the reason.
    @Test func aProfileOfOnesOwnReadsAndChecksItsCellsToKeep() throws {
        let path = TestSupport.root + "/examples/profiles/national-annual-report.example.json"
        let profile = try Profile(path: path)
        #expect(profile.id == "national-annual-report" && profile.comparesPrevious)
        #expect(profile.tables.map(\.keep) == [[[:]], [], []])
        #expect(try profile.specs(country: "AZE").first?.priority == 4)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (keep, message) in [(#""keep": [{"colour": "blue"}]"#, "not split by colour (it is split by sex, age_group)"),
                                (#""keep": [{"sex": "purple"}]"#, "sex has no category purple")] {
            let edited = text.replacingOccurrences(of: #""keep": [{}]"#, with: keep)
            #expect(throws: TableDeclarations.Problem(message: "edited: table victims: keep: " + message)) {
                try Profile(json: Data(edited.utf8), source: "edited")
            }
        }
        #expect(throws: TableDeclarations.Problem(message: "/nonexistent.json: cannot be read")) { try Profile(path: "/nonexistent.json") }
    }

    /// Python's jsonschema accepts every built-in profile and the example against
    /// schemas/profile.schema.json, and refuses a cell to keep that is not a mapping of strings.
    @Test func theProfileSchemaAcceptsTheProfilesAndTheExample() throws {
        let script = """
            import json, sys, jsonschema, referencing
            root = sys.argv[1]
            schemas = [json.load(open(root + "/schemas/" + n)) for n in ("profile.schema.json", "tables.schema.json")]
            registry = referencing.Registry().with_resources([(s["$id"], referencing.Resource.from_contents(s)) for s in schemas])
            validator = jsonschema.Draft202012Validator(schemas[0], registry=registry)
            for path in sys.argv[2:]:
                validator.validate(json.load(open(path)))
            bad = json.load(open(sys.argv[-1]))
            bad["tables"][0]["keep"] = [{"sex": 1}]
            print("valid", len(sys.argv) - 2, "refused" if list(validator.iter_errors(bad)) else "accepted")
            """
        let files = ["greta", "unodc", "us-tip"].map { TestSupport.root + "/schemas/profiles/\($0).json" }
            + [TestSupport.root + "/examples/profiles/national-annual-report.example.json"]
        let result = TestSupport.run(TestSupport.python3, ["-c", script, TestSupport.root] + files)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "valid 4 refused", "\(result.stderr)")
    }
}
