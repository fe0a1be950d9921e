#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file written through a 1 MiB buffer.
final class ByteSink {
    let path: String
    private let fd: Int32
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    private var failure: OutputError?
    /// Bytes written so far, buffered ones included: the offset of the next byte.
    var position: Int64 { flushed + Int64(buffer.count) }
    @exclusivity(unchecked) private var flushed: Int64 = 0

    /// Creates `path` (mode 0600: outputs may hold personal data); fails if it exists.
    init(path: String) throws(OutputError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError.errno(path, "cannot create") }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        close(fd)
    }

    @inline(__always)
    func write(_ s: String) {
        var s = s
        s.withUTF8 { write($0) }
    }

    @inline(__always)
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    @inline(__always)
    func write(byte: UInt8) {
        buffer.append(byte)
    }

    private func flush() {
        flushed += Int64(buffer.count)
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = OutputError.errno(path, "cannot write"); return }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered. (Durability comes later: `StagedDirectory.commit()` syncs every
    /// file once, just before the rename.)
    func finish() throws(OutputError) {
        flush()
        if let failure { throw failure }
    }
}
