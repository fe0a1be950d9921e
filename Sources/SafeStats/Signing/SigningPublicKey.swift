import Foundation

/// A minisign public key: algorithm `Ed`, an 8-byte key id and an Ed25519 public key, written as
/// one base64 line (what `minisign -P` takes) under an untrusted comment.
public struct SigningPublicKey: Sendable, Equatable {
    static let algorithm: [UInt8] = Array("Ed".utf8)
    static let keyIDLength = 8
    static let examplePrefix = "EXAMPLE "

    /// The key id as stored (8 bytes).
    let keyID: [UInt8]
    let key: [UInt8]

    init(keyID: [UInt8], key: [UInt8]) {
        self.keyID = keyID
        self.key = key
    }

    /// The key id as minisign prints it: 16 upper-case hex digits (the 8 bytes read little-endian).
    public var id: String { Self.hexID(keyID) }

    static func hexID(_ keyID: [UInt8]) -> String {
        keyID.reversed().map { String(format: "%02X", $0) }.joined()
    }

    /// The base64 line: `minisign -Vm FILE -P <this>`.
    public var base64: String { Base64.encode(Self.algorithm + keyID + key) }

    /// The public key file's text; an example key says so in its comment.
    public func fileText(example: Bool) -> String {
        "untrusted comment: \(example ? Self.examplePrefix : "")minisign public key \(id)\n\(base64)\n"
    }

    /// A public key from a key file's text or from its base64 line alone.
    public init(parsing text: String) throws(SigningKeyProblem) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let line: String
        if lines.first?.hasPrefix("untrusted comment:") == true {
            guard lines.count >= 2 else { throw .init("the key line after the comment is missing") }
            line = lines[1].trimmingCharacters(in: .whitespaces)
        } else {
            line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let bytes = Base64.decode(line), bytes.count == 2 + Self.keyIDLength + Ed25519.publicKeyLength else {
            throw .init("not a minisign public key (base64 of 42 bytes)")
        }
        guard Array(bytes[0..<2]) == Self.algorithm else { throw .init("unsupported signature algorithm (minisign keys are Ed)") }
        keyID = Array(bytes[2..<10])
        key = Array(bytes[10...])
    }

    /// The public key given as a file path or as the base64 string itself: an argument that
    /// names an existing file is read as a file.
    public static func load(_ fileOrString: String) throws(KeyFileError) -> SigningPublicKey {
        if FileManager.default.fileExists(atPath: fileOrString) {
            guard let data = FileManager.default.contents(atPath: fileOrString), data.count < 4096 else {
                throw .io(path: fileOrString, reason: "cannot read (or too large for a public key file)")
            }
            do { return try SigningPublicKey(parsing: String(decoding: data, as: UTF8.self)) } catch {
                throw .malformed(path: fileOrString, reason: error.message)
            }
        }
        do { return try SigningPublicKey(parsing: fileOrString) } catch {
            throw .malformed(path: "the public key given", reason: "no such file, and \(error.message)")
        }
    }
}

/// What is wrong with a key or signature text.
public struct SigningKeyProblem: Error, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}
