/// What a release counts and what its bundles say it was made from, read once: the one entry
/// point of `export`, `tabulate`, the job and the demo.
public struct ReleaseInput: Sendable {
    public let units: TabulationInput
    public let provenance: InputProvenance

    /// Reads the records of `directory`: pseudonymised ones (it has `pseudonymisation.json`), or
    /// identifiable ones pseudonymised in memory under `key` (nothing is written). Every rule of
    /// the input contract is checked (problems go to `problems`), each population's records are
    /// linked into units, and the SHA-256 of every file is taken from the bytes counted, so the
    /// bundles commit to exactly what was read.
    public static func read(_ directory: InputDirectory, key: PseudonymisationKey?, today: ISODate = .today(),
                            problems: ProblemLog) throws(PseudonymisationError) -> ReleaseInput {
        let digests = FileDigests()
        let pseudonymised = TabulationInput.isPseudonymised(directory.path)
        let units = if let key, !pseudonymised {
            try TabulationInput.read(directory, key: key, today: today, problems: problems, digests: digests)
        } else {
            try TabulationInput.read(pseudonymised: directory, problems: problems, digests: digests)
        }
        do {
            return ReleaseInput(units: units, provenance: try InputProvenance(directory: directory, key: pseudonymised ? nil : key,
                                                                              units: units, read: digests))
        } catch {
            throw .input(error)
        }
    }
}
