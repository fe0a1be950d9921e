import Foundation
import Testing
@testable import SafeStats

/// What counts as a record file: a name that exists is never taken as absent, and only a regular
/// file is read.
@Suite struct InputDirectoryTests {
    @Test func aNameThatIsNotARegularFileIsRefusedNotSkipped() throws {
        let dir = TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(atPath: TestSupport.fixtures + "/good/victims.csv", toPath: dir + "/victims.csv")
        #expect(try InputDirectory(path: dir).files.keys.sorted { $0.rawValue < $1.rawValue } == [.victims])
        try FileManager.default.createSymbolicLink(atPath: dir + "/cases.csv", withDestinationPath: dir + "/unmounted/cases.csv")
        #expect(throws: InputError.notARegularFile(path: dir + "/cases.csv", what: "a symbolic link to nothing (a share not mounted?)")) {
            try InputDirectory(path: dir)
        }
        try FileManager.default.removeItem(atPath: dir + "/cases.csv")
        #expect(mkfifo(dir + "/offenders.jsonl", 0o600) == 0)
        #expect(throws: InputError.notARegularFile(path: dir + "/offenders.jsonl", what: "a FIFO")) { try InputDirectory(path: dir) }
        // Opened directly, a FIFO is refused at once rather than waited on.
        #expect(throws: InputError.notARegularFile(path: dir + "/offenders.jsonl", what: "a FIFO")) { try ByteFile(path: dir + "/offenders.jsonl") }
        try FileManager.default.removeItem(atPath: dir + "/offenders.jsonl")
        // A link to a regular file is read as the file.
        try FileManager.default.createSymbolicLink(atPath: dir + "/cases.csv", withDestinationPath: TestSupport.fixtures + "/good/cases.csv")
        #expect(try InputDirectory(path: dir).files[.cases]?.path == dir + "/cases.csv")
    }

    @Test func nearMissesOfRecordFileNames() {
        #expect(InputDirectory.nearMiss("Offenders.csv") == "offenders.csv")
        #expect(InputDirectory.nearMiss("victim.CSV") == "victims.csv")
        #expect(InputDirectory.nearMiss("cases.json") == "cases.jsonl")
        #expect(InputDirectory.nearMiss("VICTIMS.NDJSON") == "victims.jsonl")
        #expect(InputDirectory.nearMiss("offender.txt") == "offenders.csv")
        #expect(InputDirectory.nearMiss("victims.xlsx") == nil)
        #expect(InputDirectory.nearMiss("pseudonymisation.json") == nil)
        #expect(InputDirectory.nearMiss("notes.csv") == nil)
        #expect(InputDirectory.nearMiss("victims") == nil)
    }
}

/// A key twice in one JSON Lines object is refused; its name is given only when it is a field of
/// the contract (any other key might be a value typed as a key).
@Suite struct DuplicateKeyTests {
    @Test func aDuplicateKeyIsNamedOnlyWhenItIsAContractField() throws {
        let path = TestSupport.temporaryDirectory() + "/victims.jsonl"
        try Data(#"{"record_id": "V1", "sex": "female", "s\u0065x": "male"}\#n{"record_id": "V2", "ali": 1, "ali": 2}\#n{"record_id": "V3", "sex": "female"}\#n"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let reader = try JSONLinesReader(path: path)
        let messages = (0..<3).compactMap { _ -> String? in
            guard case .failure(let v) = reader.next()?.result else { return nil }
            return "\(v.rule): \(v.message)"
        }
        #expect(messages == ["duplicate-key: line holds sex twice (readers would disagree on its value)",
                             "duplicate-key: line holds one key twice (readers would disagree on its value)"])
        #expect(DuplicateKeys.first(in: Array(#"{"a": {"b": 1, "b": 2}, "c": [1, 1]}"#.utf8), distinct: 2) == nil)
    }
}
