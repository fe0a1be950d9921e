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

    /// The provenance of `units` read from `directory`: the key's id when identifiable records
    /// were pseudonymised in memory, else what `pseudonymisation.json` says.
    public init(directory: InputDirectory, key: PseudonymisationKey?, units input: TabulationInput) throws(InputError) {
        var digests: [String: String] = [:]
        var records: [Population: Int] = [:]
        for file in directory.files.values {
            guard let digest = SHA256.hex(fileAt: file.path) else { throw .cannotOpen(path: file.path, errno: errno) }
            digests[file.name] = digest
        }
        let summaryPath = directory.path + "/" + SummaryFile.name
        var keyID = key?.keyID ?? "unknown", example = key?.isExample ?? false, normalisation = Normalisation.version
        if key == nil, let data = FileManager.default.contents(atPath: summaryPath),
           let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            digests[SummaryFile.name] = SHA256.hex(data)
            keyID = summary["pseudonymisation_key_id"] as? String ?? keyID
            example = summary["example_key"] as? Bool ?? false
            normalisation = summary["normalisation"] as? String ?? normalisation
            for population in Population.allCases {
                records[population] = (summary[population.rawValue] as? [String: Any])?["rows"] as? Int
            }
        }
        self.keyID = keyID
        exampleKey = example
        self.normalisation = normalisation
        self.records = records.merging(input.recordCounts) { known, _ in known }
        self.units = [.victims: input.victims.count, .cases: input.cases.count, .offenders: input.offenders.count]
        fileDigests = digests
    }
}
