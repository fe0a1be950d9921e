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
}
