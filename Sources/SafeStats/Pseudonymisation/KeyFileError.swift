/// Problems with a key file or its passphrase.
public enum KeyFileError: Error, Equatable, CustomStringConvertible {
    /// The key file does not exist.
    case notFound(path: String)
    /// The key file could not be read or written (I/O).
    case io(path: String, reason: String)
    /// The key file is readable or writable by group or others.
    case unsafePermissions(path: String, mode: UInt32)
    /// The key file is not a safestats key file of a known version.
    case malformed(path: String, reason: String)
    /// The key file is encrypted and no passphrase was given.
    case passphraseRequired(path: String)
    /// The passphrase does not open the key file (or the file was altered).
    case wrongPassphrase(path: String)
    /// The environment variable meant to hold the passphrase is unset or empty.
    case passphraseVariableUnset(String)
    /// A key file is already there; keys are never overwritten.
    case alreadyExists(path: String)
    /// The passphrase typed at the prompt is empty, or its two entries differ.
    case passphraseNotConfirmed

    public var description: String {
        switch self {
        case .notFound(let p):
            return "\(p): no such key file"
        case .io(let p, let r):
            return "\(p): \(r)"
        case .unsafePermissions(let p, let mode):
            return "\(p): the key file is accessible to group or others (mode \(String(mode, radix: 8))); run: chmod 600 \(p)"
        case .malformed(let p, let r):
            return "\(p): not a usable key file: \(r)"
        case .passphraseRequired(let p):
            return "\(p): the key file is encrypted; name the environment variable that holds its passphrase with the passphrase option (--passphrase-env; --signing-passphrase-env for a signing key)"
        case .wrongPassphrase(let p):
            return "\(p): wrong passphrase (or the key file was altered)"
        case .passphraseVariableUnset(let name):
            return "environment variable \(name) is unset or empty; it must hold the passphrase"
        case .alreadyExists(let p):
            return "\(p): already exists; safestats never overwrites a key file"
        case .passphraseNotConfirmed:
            return "the passphrase typed is empty, or the two entries differ"
        }
    }

    /// Missing or unreadable files are I/O problems (74); the rest are configuration (78).
    public var exitStatus: ExitStatus {
        switch self {
        case .notFound, .io: return .ioError
        default: return .configuration
        }
    }
}
