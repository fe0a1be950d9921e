/// One byte that empty buffers point at: libsodium's prototypes want non-null pointers even
/// for zero lengths, and never read through them then.
nonisolated(unsafe) private let emptyByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

extension UnsafeRawBufferPointer {
    /// The start as `const unsigned char *` for libsodium, never null.
    var cBytes: UnsafePointer<UInt8> {
        baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(emptyByte)
    }
}

extension UnsafeMutableRawBufferPointer {
    /// The start as `unsigned char *` for libsodium, never null.
    var cBytes: UnsafeMutablePointer<UInt8> {
        baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyByte
    }
}
