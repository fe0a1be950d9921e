#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written through a 1 MiB buffer.
final class ByteSink {
    let path: String
    private let fd: Int32
    /// The buffer, filled from the start to `count`: raw memory, so that the many small writes of a
    /// row cost a copy each and no array bookkeeping.
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    private var failure: OutputError?
    /// Bytes written so far, buffered ones included: the offset of the next byte.
    var position: Int64 { flushed + Int64(count) }
    @exclusivity(unchecked) private var flushed: Int64 = 0

    /// Creates `path` (mode 0600: outputs may hold personal data); fails if it exists.
    init(path: String) throws(OutputError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError.errno(path, "cannot create") }
        buffer = .allocate(capacity: 1 << 20)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    @inline(__always)
    func write(_ s: String) {
        var s = s
        s.withUTF8 { write($0) }
    }

    @inline(__always)
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count + bytes.count > buffer.count {
            flush()
            if bytes.count > buffer.count { return writeThrough(bytes) }
        }
        (buffer.baseAddress! + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Writes `count` bytes (at most 64) that `fill` puts straight into the buffer.
    @inline(__always)
    func write(count n: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        if count + n > buffer.count { flush() }
        fill(UnsafeMutableBufferPointer(rebasing: buffer[count..<(count + n)]))
        count += n
    }

    @inline(__always)
    func write(byte: UInt8) {
        if count == buffer.count { flush() }
        buffer[count] = byte
        count += 1
    }

    private func flush() {
        writeThrough(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        count = 0
    }

    /// Writes `bytes` to the file now (the buffer must be empty).
    private func writeThrough(_ bytes: UnsafeBufferPointer<UInt8>) {
        flushed += Int64(bytes.count)
        guard failure == nil, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failure = OutputError.errno(path, "cannot write"); return }
            offset += n
        }
    }

    /// Writes what is buffered. (Durability comes later: `StagedDirectory.commit()` syncs every
    /// file once, just before the rename.)
    func finish() throws(OutputError) {
        flush()
        if let failure { throw failure }
    }
}
