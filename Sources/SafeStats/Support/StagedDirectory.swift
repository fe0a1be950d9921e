import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output directory built in a hidden temporary directory beside its target and renamed into
/// place by `commit()`: readers see no directory or a complete one. Not committed, it is removed.
///
/// A run that is killed cannot remove its staging directory, so each staging directory is locked
/// (`flock`) by its owner for as long as the owner lives, and a new staging directory for the same
/// target removes those of earlier runs that no process holds any more (and that are more than a
/// minute old, so that one just made and not yet locked is never taken for dead).
final class StagedDirectory {
    /// Where the directory will be.
    let target: String
    /// Where it is built.
    let staging: String
    /// The target as the caller named it, for messages.
    private let named: String
    private var committed = false
    /// The staging directory, open and locked while this run lives.
    private let lock: Int32

    /// - Parameter replace: allow `commit()` to replace an existing target.
    init(target: String, replace: Bool) throws(OutputError) {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        self.target = url.path
        named = target
        if FileManager.default.fileExists(atPath: self.target) && !replace { throw .exists(path: target) }
        let parent = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .io(path: target, reason: "the parent directory does not exist")
        }
        var template = Array((parent + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw OutputError.errno(target, "cannot create a temporary directory") }
        staging = String(cString: made)
        chmod(staging, 0o700)
        lock = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if lock >= 0 { flock(lock, LOCK_EX | LOCK_NB) }
        Self.removeStale(in: parent, prefix: "." + url.lastPathComponent + ".tmp-", except: staging)
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
        if lock >= 0 { close(lock) }
    }

    /// How old an unlocked staging directory must be to be taken for dead (seconds).
    static let staleAfter: TimeInterval = 60

    /// Removes the staging directories `prefix` + six characters in `parent` (other than
    /// `except`) that no process holds locked and that were last modified over `staleAfter` ago.
    /// An old target moved aside (`….old`) is never touched.
    static func removeStale(in parent: String, prefix: String, except: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
            let path = parent + "/" + name
            guard path != except else { continue }
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR,
                  Date().timeIntervalSince1970 - TimeInterval(st.st_mtim.tv_sec) > staleAfter else { continue }
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { try? FileManager.default.removeItem(atPath: path) }
            close(fd)
        }
    }

    /// The path of `name` inside the staging directory.
    func path(_ name: String) -> String { staging + "/" + name }

    /// Writes `files` into the staging directory, or into its new subdirectory `subdirectory`.
    /// Every name must be one plain component (see `isPlainName`): nothing is written elsewhere.
    func write(_ files: [(name: String, data: Data)], in subdirectory: String? = nil) throws(OutputError) {
        for name in [subdirectory].compactMap({ $0 }) + files.map(\.name) where !Self.isPlainName(name) {
            throw .io(path: named, reason: "refused to write a name that is not a plain file name (\(name.count) characters)")
        }
        let prefix = subdirectory.map { $0 + "/" } ?? ""
        if let subdirectory {
            do { try FileManager.default.createDirectory(atPath: path(subdirectory), withIntermediateDirectories: false) } catch {
                throw .io(path: named + "/" + subdirectory, reason: "cannot create")
            }
        }
        for (name, data) in files {
            guard FileManager.default.createFile(atPath: path(prefix + name), contents: data) else {
                throw .io(path: named + "/" + prefix + name, reason: "cannot write")
            }
        }
    }

    /// Whether `name` names a file in a directory and nothing else: not empty, not `.` or `..`, no
    /// `/` or NUL, at most 255 bytes.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0") && name.utf8.count <= 255
    }

    /// Syncs every file to disk, then renames the staging directory to the target (replacing an
    /// old target if allowed at init), so that after a crash there is no target or a complete one.
    func commit() throws(OutputError) {
        // Files in subdirectories (bundles) too; subdirectories after their files.
        let names = (FileManager.default.subpaths(atPath: staging) ?? []).sorted { $0.count > $1.count }
        for name in names {
            let fd = open(path(name), O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError.errno(path(name), "cannot reopen") }
            defer { close(fd) }
            guard fsync(fd) == 0 else { throw OutputError.errno(path(name), "cannot sync") }
        }
        chmod(staging, 0o755)
        if rename(staging, target) != 0 {
            guard errno == ENOTEMPTY || errno == EEXIST || errno == EISDIR || errno == ENOTDIR else {
                throw OutputError.errno(target, "cannot move the output into place")
            }
            // Replace: swap the two directories in one step where the kernel can (Linux
            // renameat2 with RENAME_EXCHANGE), so that the target is never missing; otherwise move
            // the old target aside, move the new one in, then delete the old one.
            if Self.exchange(staging, target) {
                try? FileManager.default.removeItem(atPath: staging)  // now the old target
            } else {
                let aside = staging + ".old"
                guard rename(target, aside) == 0 else { throw OutputError.errno(target, "cannot move the old output aside") }
                guard rename(staging, target) == 0 else {
                    let error = OutputError.errno(target, "cannot move the output into place")
                    rename(aside, target)
                    throw error
                }
                try? FileManager.default.removeItem(atPath: aside)
            }
        }
        committed = true
        let parent = (target as NSString).deletingLastPathComponent
        let fd = open(parent, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Atomically exchanges two paths with `renameat2(RENAME_EXCHANGE)`; false where that is not
    /// available (not Linux, old kernel or C library, or a file system without it).
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}
