internal import CSodium

/// scrypt (`crypto_pwhash_scryptsalsa208sha256`), the key stretching of minisign's secret key
/// files: it turns a passphrase into a key stream that is XORed over the secret.
enum Scrypt {
    static let saltLength = Int(crypto_pwhash_scryptsalsa208sha256_saltbytes())
    /// minisign's costs for new keys: libsodium's SENSITIVE presets (1 GiB, a few seconds).
    static let sensitiveOpslimit = UInt64(crypto_pwhash_scryptsalsa208sha256_opslimit_sensitive())
    static let sensitiveMemlimit = UInt64(crypto_pwhash_scryptsalsa208sha256_memlimit_sensitive())

    /// `length` bytes derived from `passphrase` and `salt`, in secure memory.
    /// - Throws: `CryptoFailure.keyStretchingFailed` (out of memory, limits out of range),
    ///   `.malformed` for a salt of the wrong length.
    static func stream(length: Int, passphrase: SecureBytes, salt: [UInt8], opslimit: UInt64, memlimit: UInt64) throws(CryptoFailure) -> SecureBytes {
        Sodium.ensureReady()
        guard salt.count == saltLength else { throw .malformed }
        // Limits beyond what one machine can give are refused before scrypt tries to allocate them.
        guard opslimit <= UInt64(1) << 40, memlimit <= UInt64(1) << 36 else { throw .keyStretchingFailed }
        var failed = false
        let out = SecureBytes(count: length) { out in
            passphrase.withUnsafeBytes { p in
                failed = crypto_pwhash_scryptsalsa208sha256(out.cBytes, UInt64(out.count),
                                                            p.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(p.count),
                                                            salt, opslimit, Int(memlimit)) != 0
            }
        }
        if failed { throw .keyStretchingFailed }
        return out
    }
}
