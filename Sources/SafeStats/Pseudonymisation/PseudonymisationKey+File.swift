import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key file of DESIGN.md: JSON, mode 0600, the key in base64 or sealed under a passphrase.
extension PseudonymisationKey {
    static let format = "safestats-pseudonymisation-key"
    static let fileVersion = 1
    /// Key files are small; anything larger is not one.
    static let maxFileSize = 64 * 1024

    /// Writes a new key file with mode 0600; never overwrites.
    /// - Parameter passphrase: seal the key under it (Argon2id + secretbox), or write it in base64.
    public func write(to path: String, passphrase: Passphrase?) throws(KeyFileError) {
        var fields: [(String, String)] = [
            ("format", JSONText.string(Self.format)),
            ("version", String(Self.fileVersion)),
            ("key_id", JSONText.string(keyID)),
            ("created", JSONText.string(created)),
            ("example", isExample ? "true" : "false"),
        ]
        if let passphrase {
            let sealed: PasswordSealed
            do { sealed = try PasswordBox.seal(master, passphrase: passphrase.bytes) } catch {
                throw .io(path: path, reason: "could not derive a key from the passphrase (out of memory?)")
            }
            fields.append(("encrypted", JSONText.object([
                ("kdf", JSONText.string("argon2id13")),
                ("opslimit", String(sealed.opslimit)),
                ("memlimit", String(sealed.memlimit)),
                ("salt", JSONText.string(Base64.encode(sealed.salt))),
                ("nonce", JSONText.string(Base64.encode(sealed.nonce))),
                ("ciphertext", JSONText.string(Base64.encode(sealed.ciphertext))),
            ], indent: 2)))
        } else {
            fields.append(("key", JSONText.string(master.base64())))
        }
        var text = JSONText.object(fields, indent: 0) + "\n"
        try SecretFile.create(path: path, contents: &text)
    }

    /// Reads a key file.
    /// - Parameter passphrase: needed when the file is encrypted.
    /// - Throws: `KeyFileError` for a missing, unsafe, malformed or undecryptable file. A file that
    ///   group or others can access is refused unless it is marked as an example key.
    public static func read(from path: String, passphrase: Passphrase?) throws(KeyFileError) -> PseudonymisationKey {
        let (data, mode) = try SecretFile.read(path: path, maxSize: maxFileSize)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .malformed(path: path, reason: "not a JSON object")
        }
        guard object["format"] as? String == format else {
            throw .malformed(path: path, reason: "\"format\" is not \"\(format)\"")
        }
        guard (object["version"] as? NSNumber)?.intValue == fileVersion else {
            throw .malformed(path: path, reason: "unsupported \"version\" (this safestats reads version \(fileVersion))")
        }
        let example = object["example"] as? Bool ?? false
        if mode & 0o077 != 0 && !example { throw .unsafePermissions(path: path, mode: mode & 0o777) }
        let created = object["created"] as? String ?? ""
        let master: SecureBytes
        if let encoded = object["key"] as? String {
            guard let m = SecureBytes.fromBase64(encoded, length: KeyDerivation.keyLength) else {
                throw .malformed(path: path, reason: "\"key\" is not base64 of 32 bytes")
            }
            master = m
        } else if let sealed = object["encrypted"] as? [String: Any] {
            guard let passphrase else { throw .passphraseRequired(path: path) }
            master = try open(sealed, passphrase: passphrase, path: path)
        } else {
            throw .malformed(path: path, reason: "neither \"key\" nor \"encrypted\" is present")
        }
        let key = PseudonymisationKey(master: master, created: created, isExample: example)
        if let recorded = object["key_id"] as? String, recorded != key.keyID {
            throw .malformed(path: path, reason: "\"key_id\" does not match the key")
        }
        return key
    }

    private static func open(_ e: [String: Any], passphrase: Passphrase, path: String) throws(KeyFileError) -> SecureBytes {
        guard e["kdf"] as? String == "argon2id13",
              let ops = (e["opslimit"] as? NSNumber)?.uint64Value, let mem = (e["memlimit"] as? NSNumber)?.uint64Value,
              let salt = (e["salt"] as? String).flatMap(Base64.decode),
              let nonce = (e["nonce"] as? String).flatMap(Base64.decode),
              let ciphertext = (e["ciphertext"] as? String).flatMap(Base64.decode) else {
            throw .malformed(path: path, reason: "\"encrypted\" needs kdf argon2id13, opslimit, memlimit, salt, nonce, ciphertext")
        }
        let sealed = PasswordSealed(opslimit: ops, memlimit: mem, salt: salt, nonce: nonce, ciphertext: ciphertext)
        let master: SecureBytes
        do { master = try PasswordBox.open(sealed, passphrase: passphrase.bytes) } catch {
            switch error {
            case .authenticationFailed: throw .wrongPassphrase(path: path)
            case .keyStretchingFailed: throw .io(path: path, reason: "could not derive a key from the passphrase (out of memory?)")
            case .malformed: throw .malformed(path: path, reason: "\"encrypted\" has out-of-range limits or wrong lengths")
            }
        }
        guard master.count == KeyDerivation.keyLength else {
            throw .malformed(path: path, reason: "the encrypted key is not 32 bytes")
        }
        return master
    }
}
