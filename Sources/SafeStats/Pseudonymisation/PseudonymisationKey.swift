import Foundation

/// The secret from which every pseudonym is derived: 32 random bytes (`crypto_kdf_keygen`).
///
/// The key lives in `sodium_malloc` memory and is wiped when the last copy of this value goes.
/// Only its id (`keyID`, the first 8 bytes of BLAKE2b-256 of the key, in hex) is ever shown.
public struct PseudonymisationKey: Sendable {
    let master: SecureBytes
    /// Hex of the first 8 bytes of BLAKE2b-256 of the key: recorded in outputs instead of the key.
    public let keyID: String
    /// When the key was made (ISO 8601, UTC).
    public let created: String
    /// Whether this is a published example key: everything made with it says so.
    public let isExample: Bool

    init(master: SecureBytes, created: String, isExample: Bool) {
        self.master = master
        self.created = created
        self.isExample = isExample
        self.keyID = PseudonymisationKey.keyID(of: master)
    }

    /// A new random key.
    /// - Parameters:
    ///   - created: the creation time to record (ISO 8601).
    ///   - example: mark the key as an example key.
    public static func generate(created: String, example: Bool) -> PseudonymisationKey {
        PseudonymisationKey(master: KeyDerivation.generateMasterKey(), created: created, isExample: example)
    }

    static func keyID(of master: SecureBytes) -> String {
        let digest = master.withUnsafeBytes { BLAKE2b.hash($0, length: 32) }
        return Hex.encode(digest.prefix(8))
    }
}

/// Lower-case hexadecimal.
enum Hex {
    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
