internal import CSodium
import Foundation

/// SHA-256 (`crypto_hash_sha256`), for the file digests of bundle manifests.
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

    /// The SHA-256 of the file at `path`, read in blocks; nil if it cannot be read.
    static func hex(fileAt path: String) -> String? {
        Sodium.ensureReady()
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        while true {
            let read: Data?
            do { read = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let block = read, !block.isEmpty else { break }  // nil or empty: the end
            block.withUnsafeBytes { bytes in _ = crypto_hash_sha256_update(&state, bytes.cBytes, UInt64(bytes.count)) }
        }
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_bytes()))
        crypto_hash_sha256_final(&state, &digest)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
