import Foundation
import Testing
@testable import SafeStats

@Suite struct KeyFileTests {
    private func mode(_ path: String) -> Int {
        (try! FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test func writeAndReadBack() throws {
        let dir = TestSupport.temporaryDirectory()
        let key = PseudonymisationKey.generate(created: "2026-01-01T00:00:00Z", example: false)
        try key.write(to: dir + "/k.key", passphrase: nil)
        #expect(mode(dir + "/k.key") == 0o600)
        let back = try PseudonymisationKey.read(from: dir + "/k.key", passphrase: nil)
        #expect(back.keyID == key.keyID)
        #expect(back.master.constantTimeEquals(key.master))
        #expect(!back.isExample)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/k.key"))) as! [String: Any]
        #expect(json["format"] as? String == "safestats-pseudonymisation-key")
        #expect(json["key_id"] as? String == key.keyID)
        #expect((json["key"] as? String).flatMap { Data(base64Encoded: $0) }?.count == 32)
        // key_id = first 8 bytes of BLAKE2b-256 of the key, checked with Python's hashlib.
        let py = TestSupport.run(TestSupport.python3, ["-c", """
            import json,base64,hashlib,sys
            k=json.load(open(sys.argv[1])); print(hashlib.blake2b(base64.b64decode(k['key']),digest_size=32).digest()[:8].hex())
            """, dir + "/k.key"])
        #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == key.keyID)
    }

    @Test func keysAreNeverOverwritten() throws {
        let dir = TestSupport.temporaryDirectory()
        let key = PseudonymisationKey.generate(created: "x", example: false)
        try key.write(to: dir + "/k.key", passphrase: nil)
        #expect(throws: KeyFileError.alreadyExists(path: dir + "/k.key")) {
            try PseudonymisationKey.generate(created: "x", example: false).write(to: dir + "/k.key", passphrase: nil)
        }
        #expect(try PseudonymisationKey.read(from: dir + "/k.key", passphrase: nil).keyID == key.keyID)
    }

    @Test func groupOrOthersReadableKeysAreRefusedUnlessExample() throws {
        let dir = TestSupport.temporaryDirectory()
        try PseudonymisationKey.generate(created: "x", example: false).write(to: dir + "/k.key", passphrase: nil)
        chmod(dir + "/k.key", 0o644)
        #expect(throws: KeyFileError.unsafePermissions(path: dir + "/k.key", mode: 0o644)) {
            try PseudonymisationKey.read(from: dir + "/k.key", passphrase: nil)
        }
        try PseudonymisationKey.generate(created: "x", example: true).write(to: dir + "/e.key", passphrase: nil)
        chmod(dir + "/e.key", 0o644)
        #expect(try PseudonymisationKey.read(from: dir + "/e.key", passphrase: nil).isExample)
    }

    @Test func encryptedKeysNeedTheRightPassphrase() throws {
        let dir = TestSupport.temporaryDirectory()
        let key = PseudonymisationKey.generate(created: "x", example: false)
        try key.write(to: dir + "/k.key", passphrase: Passphrase("correct horse battery staple"))
        let text = TestSupport.read(dir + "/k.key")
        #expect(!text.contains("\"key\""))
        #expect(text.contains("argon2id13"))
        #expect(throws: KeyFileError.passphraseRequired(path: dir + "/k.key")) {
            try PseudonymisationKey.read(from: dir + "/k.key", passphrase: nil)
        }
        #expect(throws: KeyFileError.wrongPassphrase(path: dir + "/k.key")) {
            try PseudonymisationKey.read(from: dir + "/k.key", passphrase: Passphrase("wrong"))
        }
        let back = try PseudonymisationKey.read(from: dir + "/k.key", passphrase: Passphrase("correct horse battery staple"))
        #expect(back.keyID == key.keyID)
        #expect(back.master.constantTimeEquals(key.master))
    }

    @Test func malformedAndMissingFiles() throws {
        let dir = TestSupport.temporaryDirectory()
        #expect(throws: KeyFileError.notFound(path: dir + "/none")) { try PseudonymisationKey.read(from: dir + "/none", passphrase: nil) }
        for (name, text) in [("a", "not json"), ("b", #"{"format":"other","version":1}"#),
                             ("c", #"{"format":"safestats-pseudonymisation-key","version":1,"key":"c2hvcnQ="}"#),
                             ("d", #"{"format":"safestats-pseudonymisation-key","version":2}"#)] {
            TestSupport.write(text, to: dir + "/" + name)
            chmod(dir + "/" + name, 0o600)
            #expect(throws: KeyFileError.self) { try PseudonymisationKey.read(from: dir + "/" + name, passphrase: nil) }
        }
    }

    @Test func passphraseFromEnvironment() throws {
        setenv("SAFESTATS_TEST_PASSPHRASE", "s3cret", 1)
        let p = try Passphrase.fromEnvironment("SAFESTATS_TEST_PASSPHRASE")
        #expect(p.bytes.count == 6)
        #expect(throws: KeyFileError.passphraseVariableUnset("SAFESTATS_TEST_UNSET")) {
            try Passphrase.fromEnvironment("SAFESTATS_TEST_UNSET")
        }
    }

    @Test func theExampleKeyIsMarkedAsExample() throws {
        let key = try TestSupport.exampleKey()
        #expect(key.isExample)
        #expect(key.keyID == "52d3149ac8f65a26")
    }
}
