import Foundation
import Testing
@testable import SafeStats

/// The JSON Schemas in schemas/ and the Swift validator describe the same contract.
@Suite struct SchemaAgreementTests {
    private func schema(_ kind: RecordKind) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.root + "/schemas/\(kind.rawValue).schema.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test(arguments: RecordKind.allCases)
    func columnsRequiredFieldsAndCodesMatch(kind: RecordKind) throws {
        let s = try schema(kind)
        let properties = s["properties"] as! [String: Any]
        #expect(Set(properties.keys) == Set(kind.fields.map(\.name)))
        #expect(Set(s["required"] as! [String]) == Set(kind.fields.filter(\.required).map(\.name)))
        let defs = s["$defs"] as! [String: Any]
        for spec in kind.fields {
            guard case .code(let list) = spec.type else { continue }
            let def = defs.values.compactMap { $0 as? [String: Any] }.first { ($0["enum"] as? [String]) == list.values }
            #expect(def != nil, "\(kind).\(spec.name): no enum in the schema lists \(list.values)")
        }
    }

    @Test func countryListsMatch() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.root + "/schemas/countries.schema.json"))
        let s = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(s["enum"] as! [String] == CountryCodes.all)
        #expect(CountryCodes.all.count == 252)
    }

    @Test func fieldEnumsFollowTheContractsColumnNames() {
        // Each field enum's case names, snake-cased, are the column names in order.
        func snake(_ s: String) -> String {
            var out = ""
            for c in s.replacingOccurrences(of: "IDs", with: "Ids").replacingOccurrences(of: "ID", with: "Id") {
                if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
            }
            return out
        }
        #expect(VictimField.allCases.map { snake("\($0)") } == VictimField.specs.map(\.name))
        #expect(CaseField.allCases.map { snake("\($0)") } == CaseField.specs.map(\.name))
        #expect(OffenderField.allCases.map { snake("\($0)") } == OffenderField.specs.map(\.name))
    }

    /// Python's jsonschema and safestats agree, line by line, on which records break a per-record rule.
    @Test func jsonschemaAgreesWithTheSwiftValidator() throws {
        let corpus = TestSupport.fixtures + "/schema-corpus"
        let files = RecordKind.allCases.map { "\(corpus)/\($0.rawValue).jsonl" }
        let python = TestSupport.run(TestSupport.python3, [TestSupport.root + "/Tests/python/schema_verdicts.py",
                                                          TestSupport.root + "/schemas"]
                                     + RecordKind.allCases.map { "\($0.rawValue)=\(corpus)/\($0.rawValue).jsonl" })
        #expect(python.status == 0, "python: \(python.stderr)")
        let verdicts = try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as! [String: [Int]]
        let problems = try TestSupport.problems(in: corpus).filter { $0.scope == .record }
        var swiftInvalid: [String: Set<Int>] = [:]
        for p in problems { swiftInvalid["\(corpus)/\(p.file)", default: []].insert(p.line) }
        for file in files {
            let pythonInvalid = Set(verdicts[file] ?? [])
            #expect(pythonInvalid == swiftInvalid[file] ?? [], "\(file)")
            #expect(!pythonInvalid.isEmpty)
        }
        // The corpus has valid lines too, and both agree they are valid.
        #expect(verdicts["\(corpus)/victims.jsonl"]?.contains(1) == false)
    }
}
