/// Exit statuses of the command line (DESIGN.md, "Command line"); sysexits.h values.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A bundle failed verification.
    case verificationFailed = 1
    /// Wrong arguments.
    case usage = 64
    /// Invalid input data.
    case dataError = 65
    /// An internal error: a bug in safestats (or its solver failing as it should not); report it.
    case internalError = 70
    /// A file could not be read or written.
    case ioError = 74
    /// A key, passphrase or configuration is unusable.
    case configuration = 78
}
