/// Eight bytes at a time: the scans over whole input files (cutting CSV lines, finding where to
/// split a file) test a machine word of bytes at once instead of byte by byte.
enum ByteWords {
    /// The high bit of each byte of `w` that equals `byte`, and no other bit.
    @inline(__always)
    static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }
}
