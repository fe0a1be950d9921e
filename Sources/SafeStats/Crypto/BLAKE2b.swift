internal import CSodium
import Foundation

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
            return true
        }!
    }

    /// BLAKE2b-512 of the file at `path`, read in blocks; nil if it cannot be read.
    static func hash512(fileAt path: String) -> [UInt8]? {
        Sodium.ensureReady()
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return withState(length: Int(crypto_generichash_bytes_max())) { state in
            while true {
                let read: Data?
                do { read = try handle.read(upToCount: 1 << 20) } catch { return false }
                guard let block = read, !block.isEmpty else { return true }
                block.withUnsafeBytes { bytes in _ = crypto_generichash_update(state, bytes.cBytes, UInt64(bytes.count)) }
            }
        }
    }

    /// Runs `update` on a fresh state (64-byte aligned, as libsodium requires; wiped afterwards)
    /// and returns the digest, or nil if `update` returns false.
    private static func withState(length: Int, _ update: (OpaquePointer) -> Bool) -> [UInt8]? {
        let size = crypto_generichash_statebytes()
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer {
            sodium_memzero(memory, size)
            memory.deallocate()
        }
        let state = OpaquePointer(memory)
        crypto_generichash_init(state, nil, 0, length)
        guard update(state) else { return nil }
        var out = [UInt8](repeating: 0, count: length)
        crypto_generichash_final(state, &out, length)
        return out
    }
}
