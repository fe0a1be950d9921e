internal import CSodium

/// Public random bytes (salts, nonces) from libsodium's CSPRNG.
enum RandomBytes {
    static func make(_ count: Int) -> [UInt8] {
        Sodium.ensureReady()
        var out = [UInt8](repeating: 0, count: count)
        randombytes_buf(&out, count)
        return out
    }
}
