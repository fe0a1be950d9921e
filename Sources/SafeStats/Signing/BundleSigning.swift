import Foundation

/// The signed parts of a bundle: `SHA256SUMS` (the manifest's files and the manifest itself, for
/// `sha256sum -c`), and a `FILE.minisig` for every file, `SHA256SUMS` and the manifest included,
/// whose trusted comment names the file, the recipient, the period, the bundle and the key.
public enum BundleSigning {
    public static let sumsFile = "SHA256SUMS"
    public static let manifestFile = "manifest.json"
    public static let signatureSuffix = FileSignature.suffix

    /// `SHA256SUMS`: one line per file, `sha256  name`, in the order given.
    public static func sums(_ entries: [(name: String, sha256: String)]) -> Data {
        Data(entries.map { "\($0.sha256)  \($0.name)\n" }.joined().utf8)
    }

    /// The trusted comment of `file`'s signature in the bundle `manifest` describes.
    public static func trustedComment(file: String, manifest: BundleManifest, timestamp: Int64) -> String {
        var fields = ["timestamp:\(timestamp)", "file:\(file)", "recipient:\(manifest.recipient)", "period:\(manifest.periodText)",
                      "bundle:\(manifest.bundleId)", "key:\(manifest.signingKeyId ?? "none")"]
        if manifest.exampleSigningKey == true { fields.append("example_key:yes") }
        return fields.joined(separator: "\t")
    }

    /// The untrusted comment of every signature (informative only; `verify` insists on it so that
    /// no byte of a signature file goes unchecked).
    public static func untrustedComment(keyID: String) -> String {
        "signature from safestats signing key \(keyID)"
    }

    /// The signature files of `files` (which must include the manifest and `SHA256SUMS`).
    public static func signatures(of files: [(name: String, data: Data)], manifest: BundleManifest, key: SigningSecretKey,
                                  timestamp: Int64) -> [(name: String, data: Data)] {
        files.map { file in
            let signature = FileSignature(signing: file.data, with: key,
                                          trustedComment: trustedComment(file: file.name, manifest: manifest, timestamp: timestamp),
                                          untrustedComment: untrustedComment(keyID: key.publicKey.id))
            return (file.name + signatureSuffix, Data(signature.text.utf8))
        }
    }

    /// `files` with what seals them: `manifest.json`, `SHA256SUMS`, and with `signingKey` the
    /// signature of each (stamped `timestamp`).
    public static func seal(_ files: [(name: String, data: Data)], manifest: BundleManifest, signingKey: SigningSecretKey?,
                            timestamp: Int64) -> [(name: String, data: Data)] {
        let manifestData = manifest.json()
        let sums = sums(manifest.files.map { ($0.name, $0.sha256) } + [(manifestFile, SHA256.hex(manifestData))])
        let all = files + [(manifestFile, manifestData), (sumsFile, sums)]
        guard let signingKey else { return all }
        return all + signatures(of: all, manifest: manifest, key: signingKey, timestamp: timestamp)
    }
}
