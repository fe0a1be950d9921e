internal import CSodium

/// Secret bytes in memory from `sodium_malloc` (guard pages, locked where the OS allows),
/// wiped and freed by `sodium_free` when the last reference goes.
///
/// The bytes are never copied into an ordinary array; they are reachable only through
/// `withUnsafeBytes`, and compared in constant time.
final class SecureBytes: @unchecked Sendable {
    // Sendable: the memory is written only in `init` and read-only afterwards.
    private let pointer: UnsafeMutableRawPointer
    /// Number of secret bytes.
    let count: Int

    /// Allocates `count` bytes and lets `initialise` fill them.
    init(count: Int, initialise: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        precondition(count > 0)
        Sodium.ensureReady()
        guard let p = sodium_malloc(count) else {
            fatalError("sodium_malloc(\(count)) failed: out of memory")
        }
        pointer = p
        self.count = count
        do {
            try initialise(UnsafeMutableRawBufferPointer(start: p, count: count))
        } catch {
            sodium_free(p)
            throw error
        }
    }

    /// `count` fresh random bytes from libsodium's CSPRNG.
    static func random(count: Int) -> SecureBytes {
        SecureBytes(count: count) { randombytes_buf($0.baseAddress!, $0.count) }
    }

    deinit {
        sodium_free(pointer)  // sodium_free zeroes the whole allocation first
    }

    /// Read access to the secret; the pointer must not escape the closure.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Constant-time equality of two secrets of the same length.
    func constantTimeEquals(_ other: SecureBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { a in
            other.withUnsafeBytes { b in sodium_memcmp(a.baseAddress, b.baseAddress, count) == 0 }
        }
    }
}
