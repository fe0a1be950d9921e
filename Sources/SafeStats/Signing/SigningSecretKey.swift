import Foundation

/// A minisign secret key: the Ed25519 secret key (in secure memory), its key id and public key.
///
/// The file is minisign's: an untrusted comment, then base64 of `Ed`, the KDF (`Sc` for scrypt or
/// two zero bytes for none), `B2`, a 32-byte salt, scrypt's opslimit and memlimit (little-endian
/// 64-bit), then 104 bytes — key id, secret key, and BLAKE2b-256 of `Ed` ‖ key id ‖ secret key —
/// XORed with scrypt's key stream when encrypted.
public struct SigningSecretKey: Sendable {
    public let publicKey: SigningPublicKey
    /// Marked as an example key: its comment says so, and everything it signs says so.
    public let isExample: Bool
    let secret: SecureBytes

    /// Key files are two short lines; anything larger is not one.
    static let maxFileSize = 4096
    static let kdfScrypt: [UInt8] = Array("Sc".utf8)
    static let kdfNone: [UInt8] = [0, 0]
    static let checksumAlgorithm: [UInt8] = Array("B2".utf8)
    static let checksumLength = 32
    /// Bytes 0..<54 are the header, 54..<158 the key id, secret key and checksum.
    static let headerLength = 6 + 32 + 16
    static let sealedLength = SigningPublicKey.keyIDLength + Ed25519.secretKeyLength + checksumLength

    init(publicKey: SigningPublicKey, secret: SecureBytes, isExample: Bool) {
        self.publicKey = publicKey
        self.secret = secret
        self.isExample = isExample
    }

    /// A new key pair with a random key id.
    public static func generate(example: Bool) -> SigningSecretKey {
        let (secret, key) = Ed25519.generate()
        return SigningSecretKey(publicKey: SigningPublicKey(keyID: RandomBytes.make(SigningPublicKey.keyIDLength), key: key),
                                secret: secret, isExample: example)
    }

    /// scrypt costs for encrypting a key file.
    public struct Cost: Sendable, Equatable {
        public var opslimit: UInt64
        public var memlimit: UInt64
        /// minisign's costs (libsodium's SENSITIVE: 1 GiB of memory, a few seconds).
        public static let sensitive = Cost(opslimit: Scrypt.sensitiveOpslimit, memlimit: Scrypt.sensitiveMemlimit)
    }

    /// The BLAKE2b-256 checksum minisign keeps of `Ed` ‖ key id ‖ secret key.
    func checksum() -> [UInt8] {
        SigningPublicKey.algorithm.withUnsafeBytes { alg in
            publicKey.keyID.withUnsafeBytes { id in
                secret.withUnsafeBytes { sk in BLAKE2b.hash(parts: [alg, id, sk], length: Self.checksumLength) }
            }
        }
    }

    /// Writes the secret key file (mode 0600, never overwriting) and the public key file.
    /// - Parameter passphrase: encrypt under it with scrypt at `cost`; nil writes the key
    ///   unencrypted (with its real checksum).
    public func write(to path: String, publicKeyPath: String, passphrase: Passphrase?, cost: Cost = .sensitive) throws(KeyFileError) {
        if FileManager.default.fileExists(atPath: publicKeyPath) { throw .alreadyExists(path: publicKeyPath) }
        let salt = passphrase == nil ? [UInt8](repeating: 0, count: Scrypt.saltLength) : RandomBytes.make(Scrypt.saltLength)
        let limits = passphrase == nil ? (UInt64(0), UInt64(0)) : (cost.opslimit, cost.memlimit)
        let header = SigningPublicKey.algorithm + (passphrase == nil ? Self.kdfNone : Self.kdfScrypt) + Self.checksumAlgorithm
            + salt + Self.littleEndian(limits.0) + Self.littleEndian(limits.1)
        let stream: SecureBytes?
        do {
            stream = try passphrase.map { p throws(CryptoFailure) in
                try Scrypt.stream(length: Self.sealedLength, passphrase: p.bytes, salt: salt, opslimit: limits.0, memlimit: limits.1)
            }
        } catch {
            throw .io(path: path, reason: "could not derive a key from the passphrase (out of memory?)")
        }
        let check = checksum()
        let keyID = publicKey.keyID
        let blob = SecureBytes(count: Self.headerLength + Self.sealedLength) { out in
            out.copyBytes(from: header)
            secret.withUnsafeBytes { sk in
                for i in 0..<Self.sealedLength {
                    let plain = i < 8 ? keyID[i] : i < 72 ? sk[i - 8] : check[i - 72]
                    out[Self.headerLength + i] = plain ^ (stream?.withUnsafeBytes { $0[i] } ?? 0)
                }
            }
        }
        let comment = isExample
            ? "EXAMPLE minisign secret key, published with safestats: it proves nothing; never sign real bundles with it"
            : passphrase == nil ? "minisign unencrypted secret key" : "minisign encrypted secret key"
        var text = "untrusted comment: \(comment)\n\(blob.base64())\n"
        try SecretFile.create(path: path, contents: &text)
        do { try publicKey.fileText(example: isExample).write(toFile: publicKeyPath, atomically: true, encoding: .utf8) } catch {
            throw .io(path: publicKeyPath, reason: "cannot write")
        }
    }

    /// Whether the key file at `path` is encrypted (so a passphrase is needed to read it).
    public static func isEncrypted(path: String) throws(KeyFileError) -> Bool {
        let (blob, _, _) = try load(path)
        return blob.withUnsafeBytes { Array($0[2..<4]) } == kdfScrypt
    }

    /// Reads a minisign secret key file (ours or `minisign -G`'s, encrypted or not).
    /// - Throws: `KeyFileError` for a missing, unsafe (group or others may read it, unless it is
    ///   an example key), malformed or undecryptable file.
    public static func read(from path: String, passphrase: Passphrase?) throws(KeyFileError) -> SigningSecretKey {
        try read(from: path) { () throws(KeyFileError) in passphrase }
    }

    /// Reads the key file, asking `passphrase` for one only if the file is encrypted.
    private static func read(from path: String, passphrase: () throws(KeyFileError) -> Passphrase?) throws(KeyFileError) -> SigningSecretKey {
        let (blob, mode, example) = try load(path)
        if mode & 0o077 != 0 && !example { throw .unsafePermissions(path: path, mode: mode & 0o777) }
        let header = blob.withUnsafeBytes { Array($0[0..<Self.headerLength]) }
        guard Array(header[0..<2]) == SigningPublicKey.algorithm else { throw .malformed(path: path, reason: "unsupported signature algorithm") }
        guard Array(header[4..<6]) == checksumAlgorithm else { throw .malformed(path: path, reason: "unsupported checksum algorithm") }
        let kdf = Array(header[2..<4])
        var stream: SecureBytes?
        if kdf == kdfScrypt {
            guard let passphrase = try passphrase() else { throw .passphraseRequired(path: path) }
            do {
                stream = try Scrypt.stream(length: sealedLength, passphrase: passphrase.bytes, salt: Array(header[6..<38]),
                                           opslimit: fromLittleEndian(header[38..<46]), memlimit: fromLittleEndian(header[46..<54]))
            } catch {
                throw .io(path: path, reason: "could not derive a key from the passphrase (its cost is too high, or out of memory)")
            }
        } else if kdf != kdfNone {
            throw .malformed(path: path, reason: "unsupported key derivation (minisign uses scrypt)")
        }
        let plain = SecureBytes(count: sealedLength) { out in
            blob.withUnsafeBytes { b in
                for i in 0..<sealedLength { out[i] = b[headerLength + i] ^ (stream?.withUnsafeBytes { $0[i] } ?? 0) }
            }
        }
        let keyID = plain.withUnsafeBytes { Array($0[0..<SigningPublicKey.keyIDLength]) }
        let secret = SecureBytes(count: Ed25519.secretKeyLength) { out in
            plain.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[8..<72])) }
        }
        let recorded = plain.withUnsafeBytes { Array($0[72..<104]) }
        // The key's own halves must agree whatever the checksum says: a wrong passphrase or a
        // damaged file gives a seed that does not derive the public half.
        guard let key = Ed25519.publicKey(of: secret) else {
            throw kdf == kdfScrypt ? .wrongPassphrase(path: path) : .malformed(path: path, reason: "the secret key is damaged")
        }
        let result = SigningSecretKey(publicKey: SigningPublicKey(keyID: keyID, key: key), secret: secret, isExample: example)
        // minisign -W writes unencrypted keys with a zero checksum; any other must be right.
        let unencryptedByMinisign = kdf == kdfNone && recorded.allSatisfy { $0 == 0 }
        guard unencryptedByMinisign || result.checksum() == recorded else {
            throw kdf == kdfScrypt ? .wrongPassphrase(path: path) : .malformed(path: path, reason: "the checksum does not match the key")
        }
        return result
    }

    /// The file's decoded bytes, its permission bits, and whether its comment marks an example.
    private static func load(_ path: String) throws(KeyFileError) -> (SecureBytes, UInt32, Bool) {
        var (data, mode) = try SecretFile.read(path: path, maxSize: maxFileSize)
        defer { data.resetBytes(in: 0..<data.count) }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0].starts(with: Array("untrusted comment: ".utf8)) else {
            throw .malformed(path: path, reason: "not a minisign secret key file (no untrusted comment line)")
        }
        let example = lines[0].starts(with: Array("untrusted comment: \(SigningPublicKey.examplePrefix)".utf8))
        var line = String(decoding: lines[1], as: UTF8.self)
        defer { line = "" }
        guard let blob = SecureBytes.fromBase64(line.trimmingCharacters(in: .whitespaces), length: headerLength + sealedLength) else {
            throw .malformed(path: path, reason: "the key line is not base64 of a minisign secret key")
        }
        return (blob, mode, example)
    }

    static func littleEndian(_ v: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
    }

    static func fromLittleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension SigningSecretKey {
    /// Reads the key at `path`; an encrypted one is opened with the passphrase in environment
    /// variable `passphraseVariable`, or else (if `mayPrompt` and there is a terminal) one typed
    /// at a prompt.
    public static func read(from path: String, passphraseVariable: String?, mayPrompt: Bool) throws(KeyFileError) -> SigningSecretKey {
        try read(from: path) { () throws(KeyFileError) -> Passphrase? in
            if let passphraseVariable { return try Passphrase.fromEnvironment(passphraseVariable) }
            return mayPrompt ? try Passphrase.prompt("Passphrase for \(path): ") : nil
        }
    }
}
