internal import CSodium

/// A secret sealed under a passphrase: Argon2id (`crypto_pwhash`, ALG_ARGON2ID13) stretches the
/// passphrase into a key for `crypto_secretbox` (XSalsa20-Poly1305).
struct PasswordSealed: Equatable, Sendable {
    /// Argon2id iterations.
    var opslimit: UInt64
    /// Argon2id memory in bytes.
    var memlimit: UInt64
    var salt: [UInt8]
    var nonce: [UInt8]
    var ciphertext: [UInt8]
}

/// Failures of the C layer, translated into user-facing errors by the callers.
enum CryptoFailure: Error, Equatable {
    /// Argon2id could not run (out of memory, or limits out of range).
    case keyStretchingFailed
    /// Authentication of the sealed box failed: wrong passphrase or altered file.
    case authenticationFailed
    /// A salt, nonce or ciphertext has the wrong length, or limits are out of range.
    case malformed
}

enum PasswordBox {
    /// Argon2id cost for new files: libsodium's MODERATE preset (3 passes, 256 MiB, ~1 s).
    static let defaultOpslimit = UInt64(crypto_pwhash_opslimit_moderate())
    static let defaultMemlimit = UInt64(crypto_pwhash_memlimit_moderate())
    /// Largest costs accepted when reading, so a crafted file cannot exhaust the machine.
    static let maxOpslimit: UInt64 = 64
    static let maxMemlimit: UInt64 = 4 << 30

    /// Seals `secret` under `passphrase` with a fresh salt and nonce.
    static func seal(_ secret: SecureBytes, passphrase: SecureBytes,
                     opslimit: UInt64 = defaultOpslimit, memlimit: UInt64 = defaultMemlimit) throws(CryptoFailure) -> PasswordSealed {
        Sodium.ensureReady()
        let salt = RandomBytes.make(Int(crypto_pwhash_saltbytes()))
        let nonce = RandomBytes.make(Int(crypto_secretbox_noncebytes()))
        let boxKey = try stretch(passphrase, salt: salt, opslimit: opslimit, memlimit: memlimit)
        var ciphertext = [UInt8](repeating: 0, count: secret.count + Int(crypto_secretbox_macbytes()))
        secret.withUnsafeBytes { m in
            boxKey.withUnsafeBytes { k in
                _ = crypto_secretbox_easy(&ciphertext, m.cBytes,
                                          UInt64(m.count), nonce, k.cBytes)
            }
        }
        return PasswordSealed(opslimit: opslimit, memlimit: memlimit, salt: salt, nonce: nonce, ciphertext: ciphertext)
    }

    /// Opens a sealed secret; throws `.authenticationFailed` for a wrong passphrase.
    static func open(_ sealed: PasswordSealed, passphrase: SecureBytes) throws(CryptoFailure) -> SecureBytes {
        Sodium.ensureReady()
        let mac = Int(crypto_secretbox_macbytes())
        guard sealed.salt.count == Int(crypto_pwhash_saltbytes()),
              sealed.nonce.count == Int(crypto_secretbox_noncebytes()),
              sealed.ciphertext.count > mac else { throw .malformed }
        let boxKey = try stretch(passphrase, salt: sealed.salt, opslimit: sealed.opslimit, memlimit: sealed.memlimit)
        var ok = false
        let secret = SecureBytes(count: sealed.ciphertext.count - mac) { out in
            boxKey.withUnsafeBytes { k in
                ok = crypto_secretbox_open_easy(out.cBytes, sealed.ciphertext,
                                                UInt64(sealed.ciphertext.count), sealed.nonce,
                                                k.cBytes) == 0
            }
        }
        guard ok else { throw .authenticationFailed }
        return secret
    }

    private static func stretch(_ passphrase: SecureBytes, salt: [UInt8], opslimit: UInt64, memlimit: UInt64) throws(CryptoFailure) -> SecureBytes {
        guard opslimit >= UInt64(crypto_pwhash_opslimit_min()), opslimit <= maxOpslimit,
              memlimit >= UInt64(crypto_pwhash_memlimit_min()), memlimit <= maxMemlimit else { throw .malformed }
        var ok = false
        let key = SecureBytes(count: Int(crypto_secretbox_keybytes())) { out in
            passphrase.withUnsafeBytes { p in
                ok = crypto_pwhash(out.cBytes, UInt64(out.count),
                                   UnsafeRawPointer(p.cBytes).assumingMemoryBound(to: CChar.self), UInt64(p.count), salt,
                                   opslimit, Int(memlimit), crypto_pwhash_ALG_ARGON2ID13) == 0
            }
        }
        guard ok else { throw .keyStretchingFailed }
        return key
    }
}
