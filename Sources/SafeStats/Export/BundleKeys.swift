/// The key ids a bundle's files name, and whether each key is a published example: taken from the
/// input and the signing key when the bundle is made, from its manifest when it is checked.
public struct BundleKeys: Sendable, Equatable {
    public let pseudonymisationKeyID: String
    public let examplePseudonymisationKey: Bool
    /// nil: the bundle is not signed.
    public let signingKeyID: String?
    /// false when the bundle is not signed.
    public let exampleSigningKey: Bool

    public init(input: InputProvenance, signingKey: SigningSecretKey?) {
        pseudonymisationKeyID = input.keyID
        examplePseudonymisationKey = input.exampleKey
        signingKeyID = signingKey?.publicKey.id
        exampleSigningKey = signingKey?.isExample ?? false
    }

    public init(manifest: BundleManifest) {
        pseudonymisationKeyID = manifest.pseudonymisationKeyId
        examplePseudonymisationKey = manifest.exampleKey
        signingKeyID = manifest.signingKeyId
        exampleSigningKey = manifest.exampleSigningKey ?? false
    }
}
