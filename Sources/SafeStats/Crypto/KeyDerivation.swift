internal import CSodium

/// libsodium's `crypto_kdf`: master keys and per-purpose subkeys.
enum KeyDerivation {
    /// Length of master keys and of the subkeys derived here.
    static let keyLength = 32

    /// A fresh master key (`crypto_kdf_keygen`).
    static func generateMasterKey() -> SecureBytes {
        Sodium.ensureReady()
        precondition(crypto_kdf_keybytes() == keyLength)
        return SecureBytes(count: keyLength) { crypto_kdf_keygen($0.cBytes) }
    }

    /// `crypto_kdf_derive_from_key(32, subkeyID, context, master)`.
    /// - Parameter context: exactly 8 ASCII bytes, e.g. `"SSPSEUDO"`.
    static func deriveSubkey(from master: SecureBytes, id: UInt64, context: StaticString) -> SecureBytes {
        precondition(context.utf8CodeUnitCount == crypto_kdf_contextbytes())
        precondition(master.count == keyLength)
        return SecureBytes(count: keyLength) { out in
            master.withUnsafeBytes { m in
                context.withUTF8Buffer { ctx in
                    _ = crypto_kdf_derive_from_key(
                        out.cBytes, keyLength, id,
                        UnsafeRawPointer(ctx.baseAddress!).assumingMemoryBound(to: CChar.self), m.cBytes)
                }
            }
        }
    }
}
