internal import CSodium

/// One-time libsodium initialisation; every type in `Crypto/` calls `Sodium.ensureReady()` first.
enum Sodium {
    private static let status: Int32 = sodium_init()

    /// Initialises libsodium once (thread-safe: a `static let` is initialised exactly once).
    static func ensureReady() {
        precondition(status >= 0, "libsodium could not be initialised")
    }
}
