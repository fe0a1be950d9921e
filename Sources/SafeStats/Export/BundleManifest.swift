import Foundation

/// `manifest.json`: what a bundle is (recipient, profile, period, protection rules), what it was
/// made from (key id, normalisation, a SHA-256 commitment to the input files) and every file in
/// it with its size and SHA-256. Keys sorted; the same inputs and `SOURCE_DATE_EPOCH` give the
/// same bytes.
public struct BundleManifest: Codable, Sendable, Equatable {
    public static let formatName = "safestats-bundle"

    /// The version this safestats writes: 2 names the profile's digest and every table's rule.
    public static let currentVersion = 2

    public var format = Self.formatName
    public var version = Self.currentVersion
    public var recipient: String
    public var recipientName: String
    public var profile: ProfileRef
    public var period: PeriodRange
    /// Every period the tables show (the previous one first when the recipient compares).
    public var periods: [PeriodRange]
    public var country: String
    public var toolVersion: String
    public var normalisation: String
    /// The tables' thresholds and protection widths (absent in a record extract's manifest).
    public var thresholds: [Int]?
    public var protectionWidths: [Int]?
    /// Each table's rule, by table id (`profile/table`), the same for each of its periods: at least
    /// the profile's (absent in a record extract's manifest, and before version 2).
    public var tableRules: [TableRule]?
    /// What a record extract guarantees (absent in a bundle of tables).
    public var extract: ExtractParameters?
    public var pseudonymisationKeyId: String
    public var exampleKey: Bool
    /// The minisign key id of the signing key; absent in an unsigned bundle.
    public var signingKeyId: String?
    /// Present with `signingKeyId`: whether that key is an example key.
    public var exampleSigningKey: Bool?
    public var inputCommitment: InputCommitment
    /// Other recipients whose tables were protected in the same release.
    public var releasedWith: [String]
    /// What the bundle replaces, when it revises one already sent (absent otherwise).
    public var revision: BundleRevision?
    /// Names the bundle in every signature: see `bundleID(recipient:period:files:)`.
    public var bundleId: String
    public var created: String
    public var files: [FileEntry]

    public struct ProfileRef: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
        /// SHA-256 (hex) of the profile's bytes, which the bundle carries as `profile.json` (absent
        /// in a record extract's manifest, and before version 2).
        public var sha256: String?
    }

    /// The rule a table of the bundle was protected by.
    public struct TableRule: Codable, Sendable, Equatable {
        public var table: String
        public var threshold: Int
        public var protectionWidth: Int
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

    /// The protection of a record extract: every group of rows sharing `quasiIdentifiers` has at
    /// least `k` rows and `l` distinct values of each of `sensitiveAttributes`.
    public struct ExtractParameters: Codable, Sendable, Equatable {
        public var k: Int
        public var l: Int
        public var quasiIdentifiers: [String]
        public var sensitiveAttributes: [String]
        public var rows: Int
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
        self.init(recipient: bundle.profile.id, recipientName: bundle.profile.recipient,
                  profile: ProfileRef(id: bundle.profile.id, version: bundle.profile.version, sha256: bundle.profile.sha256), period: bundle.period,
                  periods: bundle.periods, country: bundle.country, releasedWith: bundle.releasedWith,
                  input: input, files: files, created: created, signedBy: signedBy, exampleSigningKey: exampleSigningKey)
        thresholds = Array(Set(bundle.view.tables.map(\.threshold))).sorted()
        protectionWidths = Array(Set(bundle.view.tables.map(\.protectionWidth))).sorted()
        var rules: [TableRule] = []
        for t in bundle.view.tables where !rules.contains(where: { $0.table == t.id }) {
            rules.append(TableRule(table: t.id, threshold: t.threshold, protectionWidth: t.protectionWidth))
        }
        tableRules = rules
        revision = bundle.revision
    }

    /// The manifest of the record extract `extract` holding `files`, as the other one.
    public init(_ extract: RecordExtract, input: InputProvenance, files: [(name: String, data: Data)], created: Int64,
                signedBy: SigningPublicKey?, exampleSigningKey: Bool) {
        self.init(recipient: RecordExtract.recipient, recipientName: RecordExtract.recipientName,
                  profile: ProfileRef(id: RecordExtract.recipient, version: RecordExtract.version), period: extract.period,
                  periods: [extract.period], country: extract.country, releasedWith: [],
                  input: input, files: files, created: created, signedBy: signedBy, exampleSigningKey: exampleSigningKey)
        let e = extract.extract
        self.extract = ExtractParameters(k: e.k, l: e.l, quasiIdentifiers: e.quasiIdentifiers.map(\.rawValue),
                                         sensitiveAttributes: e.sensitiveAttributes.map(\.rawValue), rows: e.rows.count)
    }

    private init(recipient: String, recipientName: String, profile: ProfileRef, period: Period, periods: [Period], country: String,
                 releasedWith: [String], input: InputProvenance, files: [(name: String, data: Data)], created: Int64,
                 signedBy: SigningPublicKey?, exampleSigningKey: Bool) {
        func range(_ p: Period) -> PeriodRange { PeriodRange(start: p.start.description, end: p.end.description) }
        self.recipient = recipient
        self.recipientName = recipientName
        self.profile = profile
        self.period = range(period)
        self.periods = periods.map(range)
        self.country = country
        toolVersion = SafeStatsInfo.version
        normalisation = input.normalisation
        pseudonymisationKeyId = input.keyID
        exampleKey = input.exampleKey
        signingKeyId = signedBy?.id
        self.exampleSigningKey = signedBy == nil ? nil : exampleSigningKey
        inputCommitment = InputCommitment(files: input.fileDigests)
        self.releasedWith = releasedWith
        self.created = Timestamp.iso(created)
        self.files = files.map { FileEntry(name: $0.name, size: $0.data.count, sha256: SHA256.hex($0.data)) }
        bundleId = Self.bundleID(recipient: recipient, period: self.period, files: self.files)
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
