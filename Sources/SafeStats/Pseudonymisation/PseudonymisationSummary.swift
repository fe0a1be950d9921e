import Foundation

/// `pseudonymisation.json` (`schemas/pseudonymisation-summary.schema.json`): what a pseudonymised
/// directory was made with, and its linkage counts. The one type that writes it, reads it, and
/// that `pseudonymise --json` prints. No time stamp, so the same input and key give the same bytes.
public struct PseudonymisationSummary: Codable, Sendable, Equatable {
    public static let fileName = InputDirectory.summaryFileName
    static let formatName = "safestats-pseudonymised-records"

    /// Records of a kind that is not linked (cases).
    public struct Rows: Codable, Sendable, Equatable {
        public let rows: Int
    }

    public let format: String
    public let version: Int
    public let toolVersion: String
    public let normalisation: String
    public let pseudonymisationKeyID: String
    public let exampleKey: Bool
    /// Present when `exampleKey`: the pseudonyms protect nothing.
    public let notice: String?
    /// Record kind (`victims`, `cases`, `offenders`) → the file written.
    public let files: [String: String]
    public let victims: LinkageSummary
    public let offenders: LinkageSummary?
    public let cases: Rows?

    enum CodingKeys: String, CodingKey {
        case format, version, normalisation, notice, files, victims, offenders, cases
        case toolVersion = "tool_version"
        case pseudonymisationKeyID = "pseudonymisation_key_id"
        case exampleKey = "example_key"
    }

    /// The summary of a run under the key `keyID` that wrote records of `formats`.
    init(keyID: String, exampleKey: Bool, formats: [RecordKind: RecordFormat], victims: LinkageSummary, offenders: LinkageSummary?, cases: Int?) {
        format = Self.formatName
        version = 1
        toolVersion = SafeStatsInfo.version
        normalisation = Normalisation.version
        pseudonymisationKeyID = keyID
        self.exampleKey = exampleKey
        notice = exampleKey ? "made with a published EXAMPLE key: these pseudonyms protect nothing" : nil
        files = Dictionary(uniqueKeysWithValues: formats.map { ($0.key.rawValue, $0.value.fileName($0.key)) })
        self.victims = victims
        self.offenders = offenders
        self.cases = cases.map(Rows.init)
    }

    /// The file's bytes: sorted keys, pretty-printed, a final new line; or (`pretty` false) on one
    /// line, as `pseudonymise --json` prints it.
    public func json(pretty: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(self) + (pretty ? Data("\n".utf8) : Data())
    }

    /// Reads and checks the summary at `path`.
    public static func read(path: String) throws(InputError) -> (summary: Self, bytes: Data) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotOpen(path: path, errno: errno) }
        let summary: Self
        do { summary = try JSONDecoder().decode(Self.self, from: data) } catch {
            throw .malformedSummary(path: path, reason: "not the summary safestats pseudonymise writes")
        }
        guard summary.format == formatName, summary.version == 1 else {
            throw .malformedSummary(path: path, reason: "format \(summary.format) version \(summary.version); expected \(formatName) version 1")
        }
        return (summary, data)
    }
}
