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
