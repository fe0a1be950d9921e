internal import COpenSSL
import Foundation

/// SHA-256 (OpenSSL's, with the processor's SHA extensions where it has them), for the file
/// digests of bundle manifests and the input commitment.
enum SHA256 {
    /// The SHA-256 of `data`, as 64 lower-case hex digits.
    static func hex(_ data: Data) -> String {
        let stream = Stream()
        data.withUnsafeBytes { stream.update($0.bindMemory(to: UInt8.self)) }
        return stream.finish()
    }

    /// A SHA-256 computed over bytes handed to it in pieces.
    final class Stream {
        private var state = SHA256_CTX()

        init() {
            _ = SHA256_Init(&state)
        }

        func update(_ bytes: UnsafeBufferPointer<UInt8>) {
            _ = SHA256_Update(&state, UnsafeRawBufferPointer(bytes).cBytes, bytes.count)
        }

        /// The digest of everything handed over, as 64 lower-case hex digits; call once.
        func finish() -> String {
            var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
            _ = SHA256_Final(&digest, &state)
            return digest.map { String(format: "%02x", $0) }.joined()
        }
    }
}
