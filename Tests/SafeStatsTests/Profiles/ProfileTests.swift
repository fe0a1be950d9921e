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
        #expect(TableSpec.conflict(in: all) == nil)
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
        #expect(profile.tables.map(\.keep) == [[[:]]] + Array(repeating: [], count: 14))
        let specs = try profile.specs(country: "AZE")
        #expect(specs.first?.priority == 4)
        // detected_victims "identified": every table of victims keeps identified victims only.
        #expect(specs.filter { $0.population == .victims }.count == 10)
        #expect(specs.filter { $0.population == .victims }.allSatisfy { $0.filters == [.init(.identificationStatus, "identified")] })
        #expect(specs.filter { $0.population != .victims }.allSatisfy { $0.filters.isEmpty })
        #expect(profile.groupings.map(\.name) == ["age_band_report", "exploitation_began", "residence"])
        #expect(profile.dimension(named: "residence", country: "AZE")?.categories == ["capital", "other_regions", "unknown"])
        #expect(profile.dimension(named: "exploitation_began", country: "AZE")?.categories.first == "before_2018")
        #expect(profile.label("18_25", of: "age_band_report") == "18 to 25")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (keep, message) in [(#""keep": [{"colour": "blue"}]"#, "not split by colour (it is split by sex)"),
                                (#""keep": [{"sex": "purple"}]"#, "sex has no category purple")] {
            let edited = text.replacingOccurrences(of: #""keep": [{}]"#, with: keep)
            #expect(throws: TableDeclarations.Problem(message: "edited: table victims: keep: " + message)) {
                try Profile(json: Data(edited.utf8), source: "edited")
            }
        }
        #expect(throws: TableDeclarations.Problem(message: "/nonexistent.json: cannot be read")) { try Profile(path: "/nonexistent.json") }
    }

    /// Groupings of one's own are checked when the profile is read, with the grouping and the
    /// reason; so is a table of victims that detected_victims "identified" contradicts.
    @Test func groupingsAndDetectedVictimsAreCheckedWhenTheProfileIsRead() throws {
        let text = try String(contentsOfFile: TestSupport.root + "/examples/profiles/national-annual-report.example.json", encoding: .utf8)
        let cases: [(from: String, to: String, message: String)] = [
            (#"{ "code": "under_18", "from": 0 }"#, #"{ "code": "under_18", "from": 1 }"#,
             "grouping age_band_report: bands start at 0 and rise, each from below 100"),
            (#"{ "code": "26_35", "from": 26 }"#, #"{ "code": "26_35", "from": 18 }"#, "grouping age_band_report: bands start at 0 and rise"),
            (#"{ "code": "over_35", "from": 36 }"#, #"{ "code": "18_25", "from": 36 }"#, "grouping age_band_report: each code once, and not unknown"),
            (#""regions": ["AZ-BA"] }"#, #""regions": ["AZ-BA"] }, { "code": "north", "regions": ["AZ-BA"] }"#,
             "grouping residence: each group lists regions, and a region is in one group only"),
            (#""from": 2018, "to": 2025"#, #""from": 2025, "to": 2018"#, "grouping exploitation_began: from and to are years from 1900 to 2100"),
            (#""of": "exploitation_start_date""#, #""of": "start""#, "groupings.exploitation_began.of: must be one of age, residence_region, exploitation_start_date"),
            (#""exploitation_began": {"#, #""sex_of_victim": {"#, "table 5 (victims-by-year-began): unknown dimension exploitation_began"),
            (#""residence": {"#, #""scope": {"#, "grouping scope: the name of a built-in dimension"),
            (#""dimensions": ["age_band_report"]"#, #""dimensions": ["age_band_report", "identification_status"]"#,
             "table victims-by-age: detected_victims is identified, so the table cannot count presumed victims (by identification_status)"),
        ]
        for c in cases {
            let edited = text.replacingOccurrences(of: c.from, with: c.to)
            #expect(edited != text, "\(c.from)")
            do {
                _ = try Profile(json: Data(edited.utf8), source: "edited")
                Issue.record("accepted: \(c.to)")
            } catch {
                #expect(error.message.hasPrefix("edited: ") && error.message.contains(c.message), "\(error.message)")
            }
        }
        // Presumed victims too: no filter is added.
        let both = try Profile(json: Data(text.replacingOccurrences(of: #""detected_victims": "identified""#, with: #""detected_victims": "identified_and_presumed""#).utf8), source: "both")
        #expect(try both.specs(country: "AZE").allSatisfy { $0.filters.isEmpty })
        #expect(try Profile.named("unodc").detectedVictims == .identifiedAndPresumed)
    }

    /// Two profiles with different groupings of one name, or two groupings of the regions of
    /// residence, cannot be protected together; two with the same grouping can.
    @Test func groupingsOfTwoProfilesMustAgree() throws {
        let text = try String(contentsOfFile: TestSupport.root + "/examples/profiles/national-annual-report.example.json", encoding: .utf8)
        let example = try Profile(json: Data(text.utf8), source: "a")
        func other(_ edit: (String) -> String) throws -> [TableSpec] {
            try Profile(json: Data(edit(text.replacingOccurrences(of: #""id": "national-annual-report""#, with: #""id": "other""#)).utf8), source: "b")
                .specs(country: "AZE")
        }
        let mine = try example.specs(country: "AZE")
        #expect(TableSpec.conflict(in: mine + (try other { $0 })) == nil)
        #expect(TableSpec.conflict(in: mine + (try other { $0.replacingOccurrences(of: #"["AZ-BA"]"#, with: #"["AZ-BA", "AZ-SM"]"#) }))
                == "tables of victims use two different dimensions named residence (groupings of two profiles?); rename one")
        let renamed = try other { $0.replacingOccurrences(of: #"["AZ-BA"]"#, with: #"["AZ-GA"]"#).replacingOccurrences(of: "\"residence\"", with: "\"home\"") }
        #expect(TableSpec.conflict(in: mine + renamed)
                == "tables of victims use two different groupings of residence_region (residence and home), which no hierarchy links, so they cannot be protected together")
        // Two different age bands are both levels of the age hierarchy: they can.
        #expect(TableSpec.conflict(in: mine + (try other { $0.replacingOccurrences(of: #""from": 26"#, with: #""from": 30"#).replacingOccurrences(of: "age_band_report", with: "age_other") })) == nil)
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
