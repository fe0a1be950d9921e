internal import COpenSSL
internal import CSodium

/// HMAC-SHA-256 under one fixed key, with the keyed inner and outer states computed once.
///
/// The SHA-256 is OpenSSL's, which uses the processor's SHA extensions where it has them: a short
/// message costs two compressions, about 0.1 µs, where libsodium's portable SHA-256 took 0.4–0.7 µs.
/// The two keyed states are key material: they live in `sodium_malloc` memory (guarded, never
/// swapped), each message works on copies on the stack, and the copies are wiped afterwards.
final class HMACSHA256: @unchecked Sendable {
    // Sendable: `base` is written only in `init`; `truncated128` reads it and works on copies.
    private let base: UnsafeMutablePointer<KeyedStates>

    private struct KeyedStates {
        var inner = SHA256_CTX()
        var outer = SHA256_CTX()
    }

    /// Prepares the keyed states (RFC 2104); the key (at most 64 bytes: ours are 32) is read once
    /// and not kept.
    init(key: SecureBytes) {
        base = Self.allocate()
        key.withUnsafeBytes { k in
            precondition(k.count <= 64, "an HMAC-SHA-256 key here is at most one block")
            var block = [UInt8](repeating: 0, count: 64)
            for i in 0..<k.count { block[i] = k[i] }
            for (state, pad) in [(\KeyedStates.inner, UInt8(0x36)), (\KeyedStates.outer, UInt8(0x5c))] {
                var padded = block.map { $0 ^ pad }
                _ = SHA256_Init(&base.pointee[keyPath: state])
                _ = SHA256_Update(&base.pointee[keyPath: state], &padded, 64)
                OPENSSL_cleanse(&padded, 64)
            }
            OPENSSL_cleanse(&block, 64)
        }
    }

    /// A second instance with the same keyed states, for another thread: instances shared between
    /// threads would make their reference counts a point of contention.
    init(copying other: HMACSHA256) {
        base = Self.allocate()
        base.pointee = other.base.pointee
    }

    private static func allocate() -> UnsafeMutablePointer<KeyedStates> {
        Sodium.ensureReady()
        let size = MemoryLayout<KeyedStates>.stride
        guard let raw = sodium_malloc(size) else { fatalError("sodium_malloc(\(size)) failed") }
        let states = raw.bindMemory(to: KeyedStates.self, capacity: 1)
        states.initialize(to: KeyedStates())
        return states
    }

    deinit {
        sodium_free(base)
    }

    /// The first 16 bytes of HMAC-SHA-256(key, message), big-endian in two words.
    func truncated128(_ message: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var states = base.pointee
        var mac = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &mac) { out in
            _ = SHA256_Update(&states.inner, message.cBytes, message.count)
            _ = SHA256_Final(out.cBytes, &states.inner)
            _ = SHA256_Update(&states.outer, out.cBytes, 32)
            _ = SHA256_Final(out.cBytes, &states.outer)
        }
        withUnsafeMutableBytes(of: &states) { sodium_memzero($0.baseAddress, $0.count) }
        return (UInt64(bigEndian: mac.0), UInt64(bigEndian: mac.1))
    }
}
