import Foundation

/// What a release was made from, as bundles record it: the pseudonymisation key id and
/// normalisation version, the linkage counts, and a SHA-256 commitment to every input file.
public struct InputProvenance: Sendable, Equatable {
    public var keyID: String
    public var exampleKey: Bool
    public var normalisation: String
    /// Records read and units (persons, cases) counted, per population.
    public var records: [Population: Int]
    public var units: [Population: Int]
    /// Input file name → SHA-256 (hex).
    public var fileDigests: [String: String]

    /// The provenance of `units` read from `directory`, whose files had the SHA-256 `read` as
    /// they were counted: the key's id when identifiable records were pseudonymised in memory,
    /// else what `pseudonymisation.json` says (its own digest added).
    init(directory: InputDirectory, key: PseudonymisationKey?, units input: TabulationInput, read: FileDigests) throws(InputError) {
        var digests = read.byName
        var records: [Population: Int] = [:]
        for file in directory.files.values where digests[file.name] == nil {
            throw .readFailed(path: file.path, errno: EIO)  // a file the reading did not take to its end
        }
        var keyID = key?.keyID ?? "unknown", example = key?.isExample ?? false, normalisation = Normalisation.version
        if key == nil, FileManager.default.fileExists(atPath: directory.path + "/" + PseudonymisationSummary.fileName) {
            let (summary, bytes) = try PseudonymisationSummary.read(path: directory.path + "/" + PseudonymisationSummary.fileName)
            digests[PseudonymisationSummary.fileName] = SHA256.hex(bytes)
            keyID = summary.pseudonymisationKeyID
            example = summary.exampleKey
            normalisation = summary.normalisation
            records[.victims] = summary.victims.rows
            records[.offenders] = summary.offenders?.rows
            records[.cases] = summary.cases?.rows
        }
        self.keyID = keyID
        exampleKey = example
        self.normalisation = normalisation
        self.records = records.merging(input.recordCounts) { known, _ in known }
        self.units = [.victims: input.victims.count, .cases: input.cases.count, .offenders: input.offenders.count]
        fileDigests = digests
    }
}
