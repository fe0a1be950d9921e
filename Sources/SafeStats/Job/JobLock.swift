import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a job's output directory (`flock` on `.safestats-run.lock` in it), so
/// that two runs (a timer and a person, say) never write there at once. Released when dropped,
/// or by the kernel when the process dies.
final class JobLock {
    static let fileName = ".safestats-run.lock"
    private let fd: Int32

    /// Creates `directory` if needed and takes the lock, without waiting.
    init(directory: String) throws(JobFailure) {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw .io("\(directory): cannot create the output directory")
        }
        let path = directory + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("\(path): cannot open the lock file: \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .locked("\(directory): another safestats run is writing here (\(Self.fileName) is locked); try again when it has finished")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
