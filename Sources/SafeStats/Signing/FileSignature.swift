import Foundation

/// A detached signature in minisign's prehashed format (`FILE.minisig`): an untrusted comment;
/// base64 of `ED`, the key id and the Ed25519 signature of the file's BLAKE2b-512; the trusted
/// comment; base64 of the Ed25519 signature of that signature followed by the trusted comment.
///
/// (This is not libsodium's Ed25519ph, `crypto_sign_init/update/final`: minisign signs the
/// BLAKE2b-512 digest with plain Ed25519.)
public struct FileSignature: Sendable, Equatable {
    static let algorithm: [UInt8] = Array("ED".utf8)
    static let suffix = ".minisig"

    public let untrustedComment: String
    /// The signing key's id as stored (8 bytes).
    let keyID: [UInt8]
    let signature: [UInt8]
    /// One line, signed along with the signature.
    public let trustedComment: String
    let globalSignature: [UInt8]

    /// The signing key's id as minisign prints it.
    public var keyIDHex: String { SigningPublicKey.hexID(keyID) }

    /// Signs `data` with `key`, carrying `trustedComment` (one line, no new line inside).
    public init(signing data: Data, with key: SigningSecretKey, trustedComment: String, untrustedComment: String) {
        precondition(!trustedComment.contains(where: \.isNewline) && !untrustedComment.contains(where: \.isNewline))
        let digest = data.withUnsafeBytes { BLAKE2b.hash($0, length: 64) }
        signature = digest.withUnsafeBytes { Ed25519.sign($0, secret: key.secret) }
        keyID = key.publicKey.keyID
        self.trustedComment = trustedComment
        self.untrustedComment = untrustedComment
        globalSignature = (signature + Array(trustedComment.utf8)).withUnsafeBytes { Ed25519.sign($0, secret: key.secret) }
    }

    /// The `.minisig` file's text.
    public var text: String {
        "untrusted comment: \(untrustedComment)\n\(Base64.encode(Self.algorithm + keyID + signature))\n"
            + "trusted comment: \(trustedComment)\n\(Base64.encode(globalSignature))\n"
    }

    /// Parses a `.minisig` file. Only the canonical text is accepted: parsing and writing it
    /// back must give the same bytes, so no byte of a signature file can change unnoticed.
    public init(parsing data: Data) throws(SigningKeyProblem) {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 5, lines[4].isEmpty else { throw .init("not four lines each ending in a new line") }
        lines.removeLast()
        guard lines[0].hasPrefix("untrusted comment: ") else { throw .init("the first line is not an untrusted comment") }
        guard lines[2].hasPrefix("trusted comment: ") else { throw .init("the third line is not a trusted comment") }
        guard let signed = Base64.decode(lines[1]), signed.count == 2 + SigningPublicKey.keyIDLength + Ed25519.signatureLength else {
            throw .init("the signature line is not base64 of a minisign signature")
        }
        guard Array(signed[0..<2]) == Self.algorithm else { throw .init("not a prehashed (ED) minisign signature") }
        guard let global = Base64.decode(lines[3]), global.count == Ed25519.signatureLength else {
            throw .init("the trusted comment's signature is not base64 of a signature")
        }
        untrustedComment = String(lines[0].dropFirst("untrusted comment: ".count))
        keyID = Array(signed[2..<10])
        signature = Array(signed[10...])
        trustedComment = String(lines[2].dropFirst("trusted comment: ".count))
        globalSignature = global
        guard self.text.utf8.elementsEqual(data) else { throw .init("not in canonical form (stray bytes or a non-canonical base64 encoding)") }
    }

    /// Whether `publicKey` made this signature of `data` (false if another key's id is on it).
    public func signs(_ data: Data, publicKey: SigningPublicKey) -> Bool {
        guard keyID == publicKey.keyID else { return false }
        let digest = data.withUnsafeBytes { BLAKE2b.hash($0, length: 64) }
        return digest.withUnsafeBytes { Ed25519.verify(signature, of: $0, publicKey: publicKey.key) }
    }

    /// Whether the trusted comment is the one `publicKey` signed with this signature.
    public func trustedCommentIsSigned(by publicKey: SigningPublicKey) -> Bool {
        guard keyID == publicKey.keyID else { return false }
        return (signature + Array(trustedComment.utf8)).withUnsafeBytes { Ed25519.verify(globalSignature, of: $0, publicKey: publicKey.key) }
    }
}
