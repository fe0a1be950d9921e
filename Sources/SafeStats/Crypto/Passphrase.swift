#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A passphrase that protects a key file, held in secure memory.
public struct Passphrase: Sendable {
    let bytes: SecureBytes

    /// Reads the passphrase from environment variable `name` (never from an argument).
    /// - Throws: `KeyFileError.passphraseVariableUnset` if it is unset or empty.
    public static func fromEnvironment(_ name: String) throws(KeyFileError) -> Passphrase {
        guard let raw = getenv(name) else { throw .passphraseVariableUnset(name) }
        let length = strlen(raw)
        guard length > 0 else { throw .passphraseVariableUnset(name) }
        return Passphrase(bytes: SecureBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: length)) })
    }

    /// A passphrase from text, for tests and prompts.
    public init(_ text: String) {
        var t = text
        let length = t.utf8.count
        precondition(length > 0, "empty passphrase")
        bytes = t.withUTF8 { u in SecureBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(u)) } }
    }

    init(bytes: SecureBytes) {
        self.bytes = bytes
    }
}

extension Passphrase {
    /// Longest passphrase read from a terminal.
    static let maxPromptLength = 1024

    /// Asks for a passphrase on the controlling terminal (`/dev/tty`), without echo; nil if there
    /// is no terminal (an unattended job must use an environment variable).
    /// - Throws: `KeyFileError.passphraseNotConfirmed` for an empty answer.
    public static func prompt(_ question: String) throws(KeyFileError) -> Passphrase? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        let isTerminal = tcgetattr(fd, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if isTerminal { tcsetattr(fd, TCSAFLUSH, &saved) }
            _ = Glibc.write(fd, "\n", 1)
        }
        _ = question.withCString { Glibc.write(fd, $0, strlen($0)) }
        var length = 0
        let buffer = SecureBytes(count: maxPromptLength) { out in
            var byte: UInt8 = 0
            while length < out.count, Glibc.read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
                if byte != UInt8(ascii: "\r") { out[length] = byte; length += 1 }
            }
            byte = 0
        }
        guard length > 0 else { throw .passphraseNotConfirmed }
        return buffer.withUnsafeBytes { b in
            Passphrase(bytes: SecureBytes(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<length])) })
        }
    }
}

extension Passphrase {
    /// Whether two passphrases are the same (constant time).
    public func matches(_ other: Passphrase) -> Bool {
        bytes.constantTimeEquals(other.bytes)
    }
}
