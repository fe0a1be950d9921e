import Foundation

/// `manifest.json`: what a bundle is (recipient, profile, period, protection rules), what it was
/// made from (key id, normalisation, a SHA-256 commitment to the input files) and every file in
/// it with its size and SHA-256. Keys sorted; the same inputs and `SOURCE_DATE_EPOCH` give the
/// same bytes.
public struct BundleManifest: Codable, Sendable, Equatable {
    public static let formatName = "safestats-bundle"

    public var format = Self.formatName
    public var version = 1
    public var recipient: String
    public var recipientName: String
    public var profile: ProfileRef
    public var period: PeriodRange
    /// Every period the tables show (the previous one first when the recipient compares).
    public var periods: [PeriodRange]
    public var country: String
    public var toolVersion: String
    public var normalisation: String
    public var thresholds: [Int]
    public var protectionWidths: [Int]
    public var pseudonymisationKeyId: String
    public var exampleKey: Bool
    /// The minisign key id of the signing key; absent in an unsigned bundle.
    public var signingKeyId: String?
    /// Present with `signingKeyId`: whether that key is an example key.
    public var exampleSigningKey: Bool?
    public var inputCommitment: InputCommitment
    /// Other recipients whose tables were protected in the same release.
    public var releasedWith: [String]
    /// Names the bundle in every signature: see `bundleID(recipient:period:files:)`.
    public var bundleId: String
    public var created: String
    public var files: [FileEntry]

    public struct ProfileRef: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
    }

    public struct PeriodRange: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
    }

    public struct InputCommitment: Codable, Sendable, Equatable {
        public var algorithm = "sha256"
        /// Input file name → SHA-256 of its bytes.
        public var files: [String: String]
    }

    public struct FileEntry: Codable, Sendable, Equatable {
        public var name: String
        public var size: Int
        public var sha256: String
    }

    /// The manifest of `bundle` holding `files` (name → bytes), made from `input` at `created`
    /// (seconds since 1970), to be signed with the key `signedBy` (nil: unsigned).
    public init(_ bundle: RecipientBundle, input: InputProvenance, files: [(name: String, data: Data)], created: Int64,
                signedBy: SigningPublicKey?, exampleSigningKey: Bool) {
        func range(_ p: Period) -> PeriodRange { PeriodRange(start: p.start.description, end: p.end.description) }
        recipient = bundle.profile.id
        recipientName = bundle.profile.recipient
        profile = ProfileRef(id: bundle.profile.id, version: bundle.profile.version)
        period = range(bundle.period)
        periods = bundle.periods.map(range)
        country = bundle.country
        toolVersion = SafeStatsInfo.version
        normalisation = input.normalisation
        thresholds = Array(Set(bundle.view.tables.map(\.threshold))).sorted()
        protectionWidths = Array(Set(bundle.view.tables.map(\.protectionWidth))).sorted()
        pseudonymisationKeyId = input.keyID
        exampleKey = input.exampleKey
        signingKeyId = signedBy?.id
        self.exampleSigningKey = signedBy == nil ? nil : exampleSigningKey
        inputCommitment = InputCommitment(files: input.fileDigests)
        releasedWith = bundle.releasedWith
        self.created = Timestamp.iso(created)
        self.files = files.map { FileEntry(name: $0.name, size: $0.data.count, sha256: SHA256.hex($0.data)) }
        bundleId = Self.bundleID(recipient: recipient, period: period, files: self.files)
    }

    /// The first 128 bits, in hex, of SHA-256 over `recipient`, the period and one line per file
    /// (name, size, SHA-256): two bundles with different contents have different ids.
    public static func bundleID(recipient: String, period: PeriodRange, files: [FileEntry]) -> String {
        let text = ([recipient, period.start + ".." + period.end] + files.map { "\($0.name) \($0.size) \($0.sha256)" })
            .joined(separator: "\n") + "\n"
        return String(SHA256.hex(Data(text.utf8)).prefix(32))
    }

    /// The period as the signatures name it: `start..end`.
    public var periodText: String { period.start + ".." + period.end }

    /// The manifest in `data`, as `json()` writes it; nil if it is not a safestats bundle manifest.
    public init?(json data: Data) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let manifest = try? decoder.decode(BundleManifest.self, from: data), manifest.format == Self.formatName else { return nil }
        self = manifest
    }

    /// The manifest's bytes: pretty JSON with sorted keys and a final new line.
    public func json() -> Data {
        PublishedRelease.encode(self)
    }
}
