/// Why the quarterly job stopped, each with its exit status (DESIGN.md).
public enum JobFailure: Error, Equatable, CustomStringConvertible {
    /// The configuration file, a key or a passphrase is unusable (78).
    case configuration(String)
    /// The input records are invalid (65); the problems were logged without values.
    case invalidInput(problems: Int)
    /// Reading or writing failed (74).
    case io(String)
    /// A release failed its audit or its own verification (1).
    case notProtected(String)
    /// The release for these periods exists, recorded without the units it counted, and the same
    /// run now gives other figures (1): the input changed since. Nothing is written; the release
    /// stands as sent.
    case changedSinceRelease(String)
    /// Another run holds the output directory's lock (74).
    case locked(String)

    public var description: String {
        switch self {
        case .configuration(let m), .io(let m), .notProtected(let m), .locked(let m): m
        case .invalidInput(let n): "the input is invalid (\(n) problem\(n == 1 ? "" : "s")); nothing was written"
        case .changedSinceRelease(let m): m
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .configuration: .configuration
        case .invalidInput: .dataError
        case .io, .locked: .ioError
        case .notProtected, .changedSinceRelease: .verificationFailed
        }
    }
}
