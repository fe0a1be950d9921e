import Foundation
import Testing
@testable import SafeStats

/// minisign key files: written and read back, encrypted and not, and refused when unsafe, damaged
/// or opened with the wrong passphrase.
@Suite struct SigningKeyTests {
    /// libsodium's INTERACTIVE scrypt costs, so that tests are quick; safestats writes SENSITIVE.
    static let quick = SigningSecretKey.Cost(opslimit: 524_288, memlimit: 16_777_216)

    private func paths() -> (key: String, pub: String) {
        let dir = TestSupport.temporaryDirectory()
        return (dir + "/s.key", dir + "/s.pub")
    }

    @Test func anEncryptedKeyOpensOnlyWithItsPassphrase() throws {
        let (keyPath, pubPath) = paths()
        let key = SigningSecretKey.generate(example: false)
        try key.write(to: keyPath, publicKeyPath: pubPath, passphrase: Passphrase("correct horse"), cost: Self.quick)
        let text = TestSupport.read(keyPath)
        #expect(text.hasPrefix("untrusted comment: minisign encrypted secret key\nRWRTY0Iy"))  // base64 of "EdScB2"
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        #expect(try SigningSecretKey.isEncrypted(path: keyPath))
        let back = try SigningSecretKey.read(from: keyPath, passphrase: Passphrase("correct horse"))
        #expect(back.publicKey == key.publicKey && back.secret.constantTimeEquals(key.secret) && !back.isExample)
        #expect(throws: KeyFileError.wrongPassphrase(path: keyPath)) { try SigningSecretKey.read(from: keyPath, passphrase: Passphrase("wrong")) }
        #expect(throws: KeyFileError.passphraseRequired(path: keyPath)) { try SigningSecretKey.read(from: keyPath, passphrase: nil) }
        // The public key file is minisign's.
        #expect(TestSupport.read(pubPath) == "untrusted comment: minisign public key \(key.publicKey.id)\n\(key.publicKey.base64)\n")
        #expect(try SigningPublicKey.load(pubPath) == key.publicKey)
        #expect(try SigningPublicKey.load(key.publicKey.base64) == key.publicKey)
        #expect(throws: KeyFileError.alreadyExists(path: pubPath)) {
            try key.write(to: keyPath + "2", publicKeyPath: pubPath, passphrase: nil)
        }
    }

    @Test func anUnencryptedKeyCarriesTheRealChecksum() throws {
        let (keyPath, pubPath) = paths()
        let key = SigningSecretKey.generate(example: false)
        try key.write(to: keyPath, publicKeyPath: pubPath, passphrase: nil)
        let line = TestSupport.read(keyPath).split(separator: "\n")[1]
        let blob = try #require(Base64.decode(String(line)))
        #expect(blob.count == 158 && Array(blob[0..<6]) == Array("Ed\0\0B2".utf8))
        #expect(Array(blob[126..<158]) == key.checksum() && key.checksum() != [UInt8](repeating: 0, count: 32))
        let back = try SigningSecretKey.read(from: keyPath, passphrase: nil)
        #expect(back.publicKey == key.publicKey)
        // A zeroed checksum (what `minisign -G -W` writes) is accepted; a wrong one is not.
        for (bytes, accepted) in [([UInt8](repeating: 0, count: 32), true), ([UInt8](repeating: 7, count: 32), false)] {
            var changed = blob
            changed.replaceSubrange(126..<158, with: bytes)
            let other = paths().key
            TestSupport.write("untrusted comment: x\n\(Base64.encode(changed))\n", to: other)
            chmod(other, 0o600)
            if accepted {
                #expect(try SigningSecretKey.read(from: other, passphrase: nil).publicKey == key.publicKey)
            } else {
                #expect(throws: KeyFileError.malformed(path: other, reason: "the checksum does not match the key")) {
                    try SigningSecretKey.read(from: other, passphrase: nil)
                }
            }
        }
        // A damaged secret key (one byte of the seed changed) is refused even with a zero checksum.
        var damaged = blob
        damaged[64] ^= 1
        damaged.replaceSubrange(126..<158, with: [UInt8](repeating: 0, count: 32))
        let other = paths().key
        TestSupport.write("untrusted comment: x\n\(Base64.encode(damaged))\n", to: other)
        chmod(other, 0o600)
        #expect(throws: KeyFileError.malformed(path: other, reason: "the secret key is damaged")) { try SigningSecretKey.read(from: other, passphrase: nil) }
    }

    @Test func aKeyOthersCanReadIsRefusedUnlessItIsAnExample() throws {
        let (keyPath, pubPath) = paths()
        try SigningSecretKey.generate(example: false).write(to: keyPath, publicKeyPath: pubPath, passphrase: nil)
        chmod(keyPath, 0o644)
        #expect(throws: KeyFileError.unsafePermissions(path: keyPath, mode: 0o644)) { try SigningSecretKey.read(from: keyPath, passphrase: nil) }
        let example = try SigningSecretKey.read(from: TestSupport.root + "/keys-example/signing.example.key", passphrase: nil)
        #expect(example.isExample && example.publicKey.id == "C079D8FB59CC3536")
        #expect(try SigningPublicKey.load(TestSupport.root + "/keys-example/signing.example.pub") == example.publicKey)
    }

    @Test func malformedKeysAndPublicKeysAreRefusedWithTheReason() throws {
        let keyPath = paths().key
        TestSupport.write("no comment\nAAAA\n", to: keyPath)
        chmod(keyPath, 0o600)
        #expect(throws: KeyFileError.malformed(path: keyPath, reason: "not a minisign secret key file (no untrusted comment line)")) {
            try SigningSecretKey.read(from: keyPath, passphrase: nil)
        }
        #expect(throws: KeyFileError.notFound(path: keyPath + "x")) { try SigningSecretKey.read(from: keyPath + "x", passphrase: nil) }
        #expect(throws: KeyFileError.malformed(path: "the public key given", reason: "no such file, and not a minisign public key (base64 of 42 bytes)")) {
            try SigningPublicKey.load("RWQnot-a-key")
        }
    }

    /// The key id is printed as minisign prints it: the 8 stored bytes read little-endian.
    @Test func theKeyIDReadsAsMinisignPrintsIt() throws {
        let key = try SigningPublicKey(parsing: "RWTbKmxnioecgdLxaScp7GOXyOrp6ThOQfJ3rBdZMlKtzYokZdZzflCu")
        #expect(key.id == "819C878A676C2ADB")
        #expect(key.keyID == [0xDB, 0x2A, 0x6C, 0x67, 0x8A, 0x87, 0x9C, 0x81])
    }
}
