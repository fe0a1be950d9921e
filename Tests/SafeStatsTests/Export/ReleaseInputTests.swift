import Foundation
import Testing
@testable import SafeStats

/// `ReleaseInput.read`, the one way export, tabulate, the job and the demo read their input: the
/// digests it records are the SHA-256 of the files (checked with Python's hashlib), taken while
/// counting, for identifiable and for pseudonymised records.
@Suite struct ReleaseInputTests {
    private func sha256(_ paths: [String]) -> [String] {
        let script = "import hashlib, sys\nfor p in sys.argv[1:]: print(hashlib.sha256(open(p, 'rb').read()).hexdigest())"
        let r = TestSupport.run(TestSupport.python3, ["-c", script] + paths)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    @Test func identifiableRecordsAreCountedAndCommittedToInOneRead() throws {
        let dir = TestSupport.fixtures + "/good"
        let read = try ReleaseInput.read(InputDirectory(path: dir), key: TestSupport.exampleKey(), today: ISODate("2026-01-01")!, problems: ProblemLog())
        let names = ["cases.csv", "offenders.csv", "victims.csv"]
        #expect(read.provenance.fileDigests.keys.sorted() == names)
        #expect(names.map { read.provenance.fileDigests[$0]! } == sha256(names.map { dir + "/" + $0 }))
        #expect(read.provenance.keyID == "52d3149ac8f65a26" && read.provenance.exampleKey)
        #expect(read.provenance.records == [.victims: 6, .cases: 2, .offenders: 3])
        #expect(read.units.victims.count == 3 && read.units.offenders.count == 2 && read.units.cases.count == 2)
    }

    @Test func pseudonymisedRecordsCommitToTheirSummaryToo() throws {
        let out = TestSupport.temporaryDirectory() + "/out"
        _ = try PseudonymisationRun(input: InputDirectory(path: TestSupport.fixtures + "/good-jsonl"), key: TestSupport.exampleKey(),
                                    today: ISODate("2026-01-01")!, parallelism: 1).run(output: out, replace: false, problems: ProblemLog())
        let read = try ReleaseInput.read(InputDirectory(path: out), key: nil, problems: ProblemLog())
        let names = read.provenance.fileDigests.keys.sorted()
        #expect(names == ["cases.jsonl", "offenders.jsonl", "pseudonymisation.json", "victims.jsonl"])
        #expect(names.map { read.provenance.fileDigests[$0]! } == sha256(names.map { out + "/" + $0 }))
        #expect(read.provenance.keyID == "52d3149ac8f65a26" && read.provenance.records[.victims] == 6)
        #expect(read.units.victims.count == 3)
    }
}
