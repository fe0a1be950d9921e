internal import CSodium

/// Unkeyed BLAKE2b (`crypto_generichash`).
enum BLAKE2b {
    /// BLAKE2b digest of `length` bytes (16...64) of `input`.
    static func hash(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8] {
        Sodium.ensureReady()
        precondition(length >= crypto_generichash_bytes_min() && length <= crypto_generichash_bytes_max())
        var out = [UInt8](repeating: 0, count: length)
        _ = crypto_generichash(&out, length, input.cBytes,
                               UInt64(input.count), nil, 0)
        return out
    }
}
