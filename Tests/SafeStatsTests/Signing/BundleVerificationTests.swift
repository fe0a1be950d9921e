import Foundation
import Testing
@testable import SafeStats

/// `verify` on signed bundles of the hand-made fixture: intact bundles pass; every kind of
/// tampering fails, naming the file.
@Suite struct BundleVerificationTests {
    static let key = SigningSecretKey.generate(example: false)

    /// Two signed bundles (greta and unodc 2023, one release) in a new directory.
    static func bundles(key: SigningSecretKey = key, created: Int64 = 1_767_225_600) throws -> String {
        let input = try ReleaseInput.read(InputDirectory(path: TestSupport.fixtures + "/good"), key: TestSupport.exampleKey(),
                                          today: ISODate("2026-01-01")!, problems: ProblemLog())
        let requests = try ["greta", "unodc"].map { id in
            let profile = try Profile.named(id)
            return (profile: profile, period: profile.period("2023")!)
        }
        let export = try Export(input.units, requests: requests, country: "AZE")
        let out = TestSupport.temporaryDirectory() + "/bundles"
        try export.write(to: out, input: input.provenance, signingKey: key, replace: false, created: created)
        return out
    }

    static let prepared: String = try! bundles()

    /// A fresh copy of the greta bundle to tamper with.
    private func copy() throws -> String {
        let dir = TestSupport.temporaryDirectory() + "/greta-2023"
        try FileManager.default.copyItem(atPath: Self.prepared + "/greta-2023", toPath: dir)
        return dir
    }

    private func verify(_ dir: String, _ key: SigningPublicKey = key.publicKey) -> BundleVerification {
        BundleVerification(bundle: dir, publicKey: key)
    }

    private func failures(_ v: BundleVerification) -> [String] {
        v.failures.map { "\($0.subject): \($0.failure!)" }
    }

    static let allFiles = ["SHA256SUMS", "audit.json", "certificate.json", "manifest.json", "profile.json", "report.html", "tables.csv", "tables.json", "tables.xlsx"].flatMap { [$0, $0 + ".minisig"] }

    @Test func intactBundlesPassEveryCheck() {
        for name in ["greta-2023", "unodc-2023"] {
            let v = verify(Self.prepared + "/" + name)
            #expect(v.passed, "\(failures(v))")
            #expect(v.checks.count == 35)
            #expect(v.checks.filter { $0.what.hasPrefix("signature of ") }.count == 9)
            // The verdict comes from the certificate: no program is solved (the job verifies this way too).
            #expect(v.checks.contains { $0.subject == "tables.json" && $0.what == "disclosure audit proven by certificate.json (no program solved)" && $0.failure == nil })
        }
    }

    @Test(arguments: allFiles)
    func flippingAnyByteOfAnyFileFails(file: String) throws {
        let length = try #require(FileManager.default.contents(atPath: Self.prepared + "/greta-2023/" + file)).count
        for offset in Set([0, 1, length / 3, length / 2, length - 2, length - 1]) {
            let dir = try copy()
            var data = try #require(FileManager.default.contents(atPath: dir + "/" + file))
            data[offset] ^= 0x01
            try data.write(to: URL(fileURLWithPath: dir + "/" + file))
            let v = verify(dir)
            #expect(!v.passed, "\(file) byte \(offset)")
            // A failure names the file, or its signature as not matching the file's bytes.
            #expect(v.failures.contains { $0.subject == file || $0.subject == file + ".minisig" && $0.failure!.contains("does not match the bytes of \(file)") },
                    "\(file) byte \(offset): \(failures(v))")
        }
    }

    @Test func aChangedDataFileFailsItsHashAndItsSignature() throws {
        let dir = try copy()
        var csv = TestSupport.read(dir + "/tables.csv")
        csv = csv.replacingOccurrences(of: ",0,published", with: ",1,published", options: [], range: csv.range(of: ",0,published"))
        TestSupport.write(csv, to: dir + "/tables.csv")
        #expect(failures(verify(dir)) == [
            "tables.csv: SHA-256 differs from the manifest's",
            "tables.csv.minisig: does not match the bytes of tables.csv (the file or the signature was changed or swapped)",
            "tables.csv: line 2 is not what tables.json and the profile give (a value, label or row differs)",
        ])
    }

    @Test func aMissingOrAddedFileFails() throws {
        for file in Self.allFiles {
            let dir = try copy()
            try FileManager.default.removeItem(atPath: dir + "/" + file)
            let f = failures(verify(dir))
            if file == "manifest.json" {
                #expect(f == ["manifest.json: missing: this is not a bundle"])
            } else if file.hasSuffix(".minisig") {
                #expect(f == ["\(file): missing (or not a regular file)"], "\(file)")
            } else {
                #expect(f.contains("\(file): missing"), "\(file): \(f)")
            }
        }
        let dir = try copy()
        TestSupport.write("note", to: dir + "/notes.txt")
        #expect(failures(verify(dir)) == ["notes.txt: not part of the bundle (added)"])
    }

    @Test func aFileSwappedInFromAnotherBundleFails() throws {
        let dir = try copy()
        for name in ["tables.csv", "tables.csv.minisig"] {
            try FileManager.default.removeItem(atPath: dir + "/" + name)
            try FileManager.default.copyItem(atPath: Self.prepared + "/unodc-2023/" + name, toPath: dir + "/" + name)
        }
        let f = failures(verify(dir))
        #expect(f.contains("tables.csv: is \(TestSupport.read(dir + "/tables.csv").utf8.count) bytes, the manifest says \(TestSupport.read(Self.prepared + "/greta-2023/tables.csv").utf8.count)"))
        let greta = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json"))) as? [String: Any])
        let unodc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.prepared + "/unodc-2023/manifest.json"))) as? [String: Any])
        #expect(f.contains("tables.csv.minisig: signed for recipient unodc, not greta; signed for bundle \(unodc["bundle_id"]!), not this bundle \(greta["bundle_id"]!)"), "\(f)")
    }

    @Test func swappedSignaturesFail() throws {
        let dir = try copy()
        let a = dir + "/tables.csv.minisig", b = dir + "/tables.json.minisig"
        let aText = TestSupport.read(a)
        TestSupport.write(TestSupport.read(b), to: a)
        TestSupport.write(aText, to: b)
        #expect(failures(verify(dir)) == [
            "tables.csv.minisig: does not match the bytes of tables.csv (the file or the signature was changed or swapped)",
            "tables.json.minisig: does not match the bytes of tables.json (the file or the signature was changed or swapped)",
        ])
    }

    @Test func anEditedTrustedCommentFails() throws {
        let dir = try copy()
        let path = dir + "/report.html.minisig"
        TestSupport.write(TestSupport.read(path).replacingOccurrences(of: "period:2023-01-01..2023-12-31", with: "period:2024-01-01..2024-12-31"), to: path)
        #expect(failures(verify(dir)) == ["report.html.minisig: the trusted comment was altered"])
        // An edited untrusted comment is caught too: verify accepts only the comment safestats writes.
        let dir2 = try copy()
        let path2 = dir2 + "/audit.json.minisig"
        TestSupport.write(TestSupport.read(path2).replacingOccurrences(of: "signature from", with: "signature by"), to: path2)
        #expect(failures(verify(dir2)) == ["audit.json.minisig: its untrusted comment is not the one safestats writes"])
    }

    @Test func aBundleSignedByAnotherKeyFails() throws {
        let other = SigningSecretKey.generate(example: false)
        let v = verify(try Self.bundles(key: other) + "/greta-2023")
        #expect(!v.passed)
        #expect(failures(v).first == "manifest.json: names key \(other.publicKey.id), not \(Self.key.publicKey.id)")
        #expect(failures(v).contains("tables.csv.minisig: made by another key (key id \(other.publicKey.id), expected \(Self.key.publicKey.id))"))
        #expect(verify(Self.prepared + "/greta-2023", other.publicKey).failures.count == 10)  // the manifest's key, nine signatures
    }

    /// The rule a bundle declares, checked on its files as read (no signature involved): a cell's
    /// threshold lowered in tables.json, a relation dropped, a value changed in tables.csv.
    @Test func theDeclaredRuleIsCheckedOnTheFilesThemselves() throws {
        let dir = Self.prepared + "/greta-2023"
        let manifestData = try #require(FileManager.default.contents(atPath: dir + "/manifest.json"))
        let manifest = try #require(BundleManifest(json: manifestData))
        func findings(_ replace: [String: Data]) -> [String] {
            DeclaredRuleCheck.findings(manifest) { replace[$0] ?? FileManager.default.contents(atPath: dir + "/" + $0) }
                .compactMap { f in f.failure.map { "\(f.subject): \($0)" } }
        }
        #expect(findings([:]) == [])
        var tables = try PublishedRelease(json: try #require(FileManager.default.contents(atPath: dir + "/tables.json")), source: "t")
        let original = tables
        tables.cells[7].threshold = 2
        #expect(findings(["tables.json": tables.json()]).first == "tables.json: cell 7: threshold 2 and width 5 are below its tables' 5 and 5")
        tables = original
        let dropped = tables.relations.removeLast()
        #expect(findings(["tables.json": tables.json()]).first
                == "tables.json: 1 relations the tables imply are missing (the first: cell \(dropped.total) as the sum of \(dropped.parts.count) cells)")
        var csv = try #require(FileManager.default.contents(atPath: dir + "/tables.csv"))
        csv[csv.count - 3] ^= 0x01
        #expect(findings(["tables.csv": csv]).first?.hasPrefix("tables.csv: line ") == true)
    }

    @Test func bundlesAreByteIdenticalForTheSameInputsKeyAndTime() throws {
        let a = try Self.bundles(), b = try Self.bundles()
        for file in Self.allFiles {
            let x = FileManager.default.contents(atPath: a + "/greta-2023/" + file), y = FileManager.default.contents(atPath: b + "/greta-2023/" + file)
            #expect(x != nil && x == y, "\(file)")
        }
        #expect(TestSupport.read(a + "/greta-2023/tables.csv.minisig").contains("trusted comment: timestamp:1767225600\tfile:tables.csv\trecipient:greta\t"))
    }
}
