#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems writing outputs. Nothing partial is left behind when one is thrown.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The output is already there and replacing it was not asked for.
    case exists(path: String)
    /// A file or directory could not be written.
    case io(path: String, reason: String)

    static func errno(_ path: String, _ what: String) -> OutputError {
        .io(path: path, reason: "\(what): \(String(cString: strerror(Glibc.errno)))")
    }

    public var description: String {
        switch self {
        case .exists(let p): return "\(p): already exists; choose another output or pass --force to replace it"
        case .io(let p, let r): return "\(p): \(r)"
        }
    }
}
