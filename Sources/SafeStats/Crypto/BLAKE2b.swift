internal import CSodium

/// Unkeyed BLAKE2b (`crypto_generichash`).
enum BLAKE2b {
    /// BLAKE2b digest of `length` bytes (16...64) of `input`.
    static func hash(_ input: UnsafeRawBufferPointer, length: Int) -> [UInt8] {
        hash(parts: [input], length: length)
    }

    /// BLAKE2b digest of `length` bytes of the concatenation of `parts` (which may be secret: the
    /// state is wiped afterwards).
    static func hash(parts: [UnsafeRawBufferPointer], length: Int) -> [UInt8] {
        Sodium.ensureReady()
        precondition(length >= crypto_generichash_bytes_min() && length <= crypto_generichash_bytes_max())
        return withState(length: length) { state in
            for part in parts { crypto_generichash_update(state, part.cBytes, UInt64(part.count)) }
        }
    }

    /// Runs `update` on a fresh state (64-byte aligned, as libsodium requires; wiped afterwards)
    /// and returns the digest.
    private static func withState(length: Int, _ update: (OpaquePointer) -> Void) -> [UInt8] {
        let size = crypto_generichash_statebytes()
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            sodium_memzero(memory, size)
            memory.deallocate()
        }
        let state = OpaquePointer(memory)
        crypto_generichash_init(state, nil, 0, length)
        update(state)
        var out = [UInt8](repeating: 0, count: length)
        crypto_generichash_final(state, &out, length)
        return out
    }
}
