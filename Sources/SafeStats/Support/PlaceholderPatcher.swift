#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Overwrites fixed-width placeholders in a written file, in one sequential sweep of 1 MiB blocks.
enum PlaceholderPatcher {
    /// - Parameters:
    ///   - offsets: increasing file offsets of the placeholders; negative entries are skipped.
    ///   - width: bytes per placeholder.
    ///   - value: writes the bytes for the placeholder at position `i` of `offsets` (`width` of them).
    static func patch(path: String, offsets: [Int64], width: Int,
                      value: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) throws(OutputError) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError.errno(path, "cannot reopen") }
        defer { close(fd) }
        let blockSize = 1 << 20
        var block = [UInt8](repeating: 0, count: blockSize)
        var i = offsets.firstIndex { $0 >= 0 } ?? offsets.endIndex
        while i < offsets.endIndex {
            let start = offsets[i]
            let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, blockSize, off_t(start)) }
            guard n >= width else { throw OutputError.errno(path, "cannot read back") }
            while i < offsets.endIndex {
                let o = offsets[i]
                if o < 0 { i += 1; continue }
                let at = Int(o - start)
                guard at + width <= n else { break }
                block.withUnsafeMutableBufferPointer { value(i, UnsafeMutableBufferPointer(rebasing: $0[at..<(at + width)])) }
                i += 1
            }
            let written = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, n, off_t(start)) }
            guard written == n else { throw OutputError.errno(path, "cannot write back") }
        }
    }
}
