#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read forward in 1 MiB blocks through a file descriptor, byte by byte.
/// Memory stays at one block whatever the file's size.
final class ByteFile {
    private let fd: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEOF = false
    /// Set when a read fails (an I/O error, not bad data).
    private(set) var readError: Int32 = 0

    /// The SHA-256 of the bytes read so far, when asked for.
    private let hasher: SHA256.Stream?
    private var finishedDigest: String?

    /// Bytes left to read from the file, for a reader of one part of it.
    @exclusivity(unchecked) private var remaining: Int64

    /// Opens `path` for reading, optionally only the byte range `range`; with `hashing` (a whole
    /// file), `digest()` gives the SHA-256 of the bytes read.
    init(path: String, range: Range<Int64>? = nil, hashing: Bool = false, blockSize: Int = 1 << 20) throws(InputError) {
        precondition(!hashing || range == nil, "only a whole file is hashed")
        hasher = hashing ? SHA256.Stream() : nil
        // Never blocks (a FIFO put in the file's place), and reads only a regular file.
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError.cannotOpen(path: path, errno: errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw InputError.cannotOpen(path: path, errno: e)
        }
        if let what = RegularFile.kind(st.st_mode) {
            close(fd)
            throw InputError.notARegularFile(path: path, what: what)
        }
        remaining = Int64.max
        if let range {
            guard lseek(fd, off_t(range.lowerBound), SEEK_SET) >= 0 else {
                close(fd)
                throw InputError.readFailed(path: path, errno: errno)
            }
            remaining = range.upperBound - range.lowerBound
        }
        buffer = .allocate(capacity: blockSize)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// The next byte without consuming it; nil at the end of the file.
    @inline(__always)
    func peek() -> UInt8? {
        if position == end && !refill() { return nil }
        return buffer[position]
    }

    /// The next byte, consumed; nil at the end of the file.
    @inline(__always)
    func next() -> UInt8? {
        if position == end && !refill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Consumes bytes while `keep` holds, handing each run to `sink` as one buffer.
    @inline(__always)
    func consume(while keep: (UInt8) -> Bool, into sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        while true {
            if position == end && !refill() { return }
            // Locals, not properties, in the per-byte loop: no exclusivity check per byte.
            let bytes = buffer, start = position, stop = end
            var p = start
            while p < stop && keep(bytes[p]) { p += 1 }
            position = p
            if p > start {
                sink(UnsafeBufferPointer(rebasing: bytes[start..<p]))
            }
            if p < stop { return }
        }
    }

    /// The bytes from here up to the next line feed (not included), when the current block holds
    /// that line feed; nil otherwise (the line runs into the next block, or the file ends first).
    /// Nothing is consumed: `skip(_:)` does that.
    @inline(__always)
    func restOfLineInBlock() -> UnsafeBufferPointer<UInt8>? {
        if position == end && !refill() { return nil }
        guard let start = buffer.baseAddress.map({ $0 + position }),
              let lf = memchr(start, 0x0A, end - position) else { return nil }
        return UnsafeBufferPointer(start: start, count: lf.assumingMemoryBound(to: UInt8.self) - start)
    }

    /// Consumes `count` bytes of the current block.
    @inline(__always)
    func skip(_ count: Int) {
        precondition(count <= end - position)
        position += count
    }

    /// The rest of the current block (reading the next one if this one is used up), consumed;
    /// nil at the end of the file.
    func nextBlock() -> UnsafeBufferPointer<UInt8>? {
        if position == end && !refill() { return nil }
        defer { position = end }
        return UnsafeBufferPointer(rebasing: buffer[position..<end])
    }

    /// Throws if a read failed.
    func checkReadError(path: String) throws(InputError) {
        if readError != 0 { throw InputError.readFailed(path: path, errno: readError) }
    }

    /// The SHA-256 (hex) of every byte of the file, once it has been read to its end without an
    /// error; nil before, or when not hashing.
    func digest() -> String? {
        guard atEOF, readError == 0, let hasher else { return nil }
        if finishedDigest == nil { finishedDigest = hasher.finish() }
        return finishedDigest
    }

    private func refill() -> Bool {
        guard !atEOF, remaining > 0 else { return false }
        while true {
            let n = read(fd, buffer.baseAddress, Int(min(Int64(buffer.count), remaining)))
            if n > 0 {
                hasher?.update(UnsafeBufferPointer(rebasing: buffer[0..<n]))
                position = 0
                end = n
                remaining -= Int64(n)
                return true
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { readError = errno }
            atEOF = true
            return false
        }
    }
}
