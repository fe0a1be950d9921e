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
    /// Set when the bundle is signed; null until then.
    public var signingKeyId: String?
    public var inputCommitment: InputCommitment
    /// Other recipients whose tables were protected in the same release.
    public var releasedWith: [String]
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

    /// The manifest of `bundle` holding `files` (name → bytes), made from `input`.
    public init(_ bundle: RecipientBundle, input: InputProvenance, files: [(name: String, data: Data)]) {
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
        signingKeyId = nil
        inputCommitment = InputCommitment(files: input.fileDigests)
        releasedWith = bundle.releasedWith
        created = Timestamp.now()
        self.files = files.map { FileEntry(name: $0.name, size: $0.data.count, sha256: SHA256.hex($0.data)) }
    }

    /// The manifest's bytes: pretty JSON with sorted keys and a final new line.
    public func json() -> Data {
        PublishedRelease.encode(self)
    }
}
