#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a name in the input directory is there, and if so whether it is a regular file that
/// can be read: a name that exists in any form (even a dangling symbolic link) is never taken as
/// absent, and nothing but a regular file is ever opened for reading (a FIFO would block).
enum RegularFile {
    /// Whether something has that name: false if nothing has, true for a readable regular file.
    /// - Throws: `InputError.notARegularFile` naming what the name is instead.
    static func exists(_ path: String) throws(InputError) -> Bool {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            if errno == ENOENT { return false }
            throw .notARegularFile(path: path, what: String(cString: strerror(errno)))
        }
        var target = stat()
        guard stat(path, &target) == 0 else {
            let what = errno == ELOOP ? "a symbolic link loop"
                : errno == ENOENT ? "a symbolic link to nothing (a share not mounted?)" : String(cString: strerror(errno))
            throw .notARegularFile(path: path, what: what)
        }
        guard let what = kind(target.st_mode) else {
            guard access(path, R_OK) == 0 else { throw .notARegularFile(path: path, what: "not readable: \(String(cString: strerror(errno)))") }
            return true
        }
        throw .notARegularFile(path: path, what: what)
    }

    /// What a file of `mode` is when it is not a regular file; nil for a regular file.
    static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a FIFO"
        case S_IFDIR: "a directory"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
