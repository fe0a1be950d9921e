import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets: created with mode 0600 and never overwritten; read with their mode.
enum SecretFile {
    /// Creates `path` with mode 0600 and writes `contents`, which is wiped afterwards.
    static func create(path: String, contents: inout String) throws(KeyFileError) {
        defer { contents = "" }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .io(path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        fchmod(fd, 0o600)
        var failure: String?
        var bytes = Array(contents.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        for i in bytes.indices { bytes[i] = 0 }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(path)
            throw .io(path: path, reason: "cannot write: \(failure)")
        }
    }

    /// Reads a small regular file and returns its bytes and permission bits.
    static func read(path: String, maxSize: Int) throws(KeyFileError) -> (Data, UInt32) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { throw .notFound(path: path) }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .malformed(path: path, reason: "not a regular file") }
        guard Int(st.st_size) <= maxSize else { throw .malformed(path: path, reason: "too large for a key file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot read")
        }
        return (data, UInt32(st.st_mode) & 0o7777)
    }
}
