#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems with the input directory itself (not with the data in it).
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// A file could not be opened.
    case cannotOpen(path: String, errno: Int32)
    /// A file could not be read to its end.
    case readFailed(path: String, errno: Int32)
    /// The directory does not exist or is not a directory.
    case notADirectory(path: String)
    /// The directory has no victims file.
    case missingVictims(directory: String)
    /// The directory has both a CSV and a JSON Lines file of one kind.
    case ambiguous(directory: String, kind: RecordKind)
    /// The files changed while they were being read twice.
    case changedDuringRun(directory: String)
    /// A record file's name exists but is not a readable regular file (a dangling symbolic link,
    /// a link loop, a FIFO, a directory, …): it is never taken as absent.
    case notARegularFile(path: String, what: String)
    /// Several record files' names exist but none of them is a readable regular file: each one
    /// (`notARegularFile`), so that all are fixed at once.
    indirect case notRegularFiles([InputError])
    /// A pseudonymised directory's `pseudonymisation.json` cannot be read as one.
    case malformedSummary(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let e):
            return "\(path): cannot open: \(String(cString: strerror(e)))"
        case .readFailed(let path, let e):
            return "\(path): read failed: \(String(cString: strerror(e)))"
        case .notADirectory(let path):
            return "\(path): not a directory; give the folder that holds victims.csv (or victims.jsonl)"
        case .missingVictims(let dir):
            return "\(dir): no victims.csv or victims.jsonl; an input directory needs victims records (cases and offenders are optional)"
        case .ambiguous(let dir, let kind):
            return "\(dir): both \(kind.rawValue).csv and \(kind.rawValue).jsonl are present; keep one of them"
        case .changedDuringRun(let dir):
            return "\(dir): the input files changed while safestats read them; nothing was written, run again"
        case .notARegularFile(let path, let what):
            return "\(path): exists but is not a readable regular file (\(what)); nothing was read"
        case .notRegularFiles(let each):
            return "\(each.count) record files exist but are not readable regular files; nothing was read: "
                + each.map { error in
                    if case .notARegularFile(let path, let what) = error { return "\(path) (\(what))" }
                    return error.description
                }.joined(separator: "; ")
        case .malformedSummary(let path, let reason):
            return "\(path): \(reason); it is written by safestats pseudonymise beside the records it describes"
        }
    }
}
