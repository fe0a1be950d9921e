internal import CSodium

/// Ed25519 signatures (`crypto_sign_detached`, `crypto_sign_verify_detached`). Secret keys (64
/// bytes: seed and public key) live in secure memory only.
enum Ed25519 {
    static let secretKeyLength = 64
    static let publicKeyLength = 32
    static let signatureLength = 64

    /// A new key pair from libsodium's CSPRNG.
    static func generate() -> (secret: SecureBytes, publicKey: [UInt8]) {
        Sodium.ensureReady()
        var publicKey = [UInt8](repeating: 0, count: publicKeyLength)
        let secret = SecureBytes(count: secretKeyLength) { _ = crypto_sign_keypair(&publicKey, $0.cBytes) }
        return (secret, publicKey)
    }

    /// The public key that `secret` holds in its second half, if the first half (the seed)
    /// really derives it; nil for a damaged or forged secret key.
    static func publicKey(of secret: SecureBytes) -> [UInt8]? {
        Sodium.ensureReady()
        guard secret.count == secretKeyLength else { return nil }
        var derived = [UInt8](repeating: 0, count: publicKeyLength)
        let rederived = SecureBytes(count: secretKeyLength) { out in
            secret.withUnsafeBytes { sk in _ = crypto_sign_seed_keypair(&derived, out.cBytes, sk.cBytes) }
        }
        guard rederived.constantTimeEquals(secret) else { return nil }
        return derived
    }

    /// The detached signature of `message` under `secret`.
    static func sign(_ message: UnsafeRawBufferPointer, secret: SecureBytes) -> [UInt8] {
        Sodium.ensureReady()
        var signature = [UInt8](repeating: 0, count: signatureLength)
        secret.withUnsafeBytes { sk in
            _ = crypto_sign_detached(&signature, nil, message.cBytes, UInt64(message.count), sk.cBytes)
        }
        return signature
    }

    /// Whether `signature` is `publicKey`'s signature of `message`.
    static func verify(_ signature: [UInt8], of message: UnsafeRawBufferPointer, publicKey: [UInt8]) -> Bool {
        Sodium.ensureReady()
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        return crypto_sign_verify_detached(signature, message.cBytes, UInt64(message.count), publicKey) == 0
    }
}
