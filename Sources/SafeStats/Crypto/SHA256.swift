internal import CSodium
import Foundation

/// SHA-256 (`crypto_hash_sha256`), for the file digests of bundle manifests and the input commitment.
enum SHA256 {
    /// The SHA-256 of `data`, as 64 lower-case hex digits.
    static func hex(_ data: Data) -> String {
        Sodium.ensureReady()
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_bytes()))
        data.withUnsafeBytes { bytes in
            _ = crypto_hash_sha256(&digest, bytes.cBytes, UInt64(bytes.count))
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// A SHA-256 computed over bytes handed to it in pieces.
    final class Stream {
        private var state = crypto_hash_sha256_state()

        init() {
            Sodium.ensureReady()
            crypto_hash_sha256_init(&state)
        }

        func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            _ = crypto_hash_sha256_update(&state, bytes.baseAddress, UInt64(bytes.count))
        }

        /// The digest of everything handed over, as 64 lower-case hex digits; call once.
        func finish() -> String {
            var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_bytes()))
            crypto_hash_sha256_final(&state, &digest)
            return digest.map { String(format: "%02x", $0) }.joined()
        }
    }
}
