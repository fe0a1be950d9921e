import Foundation

/// Realistic synthetic identifiable records in the input contract, for demos, tests and benchmarks.
///
/// The shape follows a small national register: mostly women, sexual exploitation abroad in a few
/// destination countries, some forced labour at home, few men and children, presumed and identified
/// victims, assistance received. The same person appears in several registers with formatting
/// variants of the same identifiers that normalisation v1 links; cases and offenders link to victims.
/// Deterministic for a seed. Contains no real person.
public struct SyntheticRegister: Sendable {
    /// Victim records (rows) to write; persons are fewer, as people appear in several registers.
    public var victimRecords: Int
    public var seed: UInt64
    public var format: RecordFormat
    /// Identification years covered.
    public var years: ClosedRange<Int>

    public init(victimRecords: Int, seed: UInt64, format: RecordFormat = .csv, years: ClosedRange<Int> = 2019...2025) {
        self.victimRecords = victimRecords
        self.seed = seed
        self.format = format
        self.years = years
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public let victimRecords: Int
        public let victimPersons: Int
        public let cases: Int
        public let offenderRecords: Int
        public let output: String
    }

    /// Writes `victims`, `cases` and `offenders` into a new directory (atomically).
    public func write(to directory: String, replace: Bool) throws(OutputError) -> Summary {
        let staged = try StagedDirectory(target: directory, replace: replace)
        func writer(_ kind: RecordKind) throws(OutputError) -> RecordWriter {
            try RecordWriter(path: staged.path(format.fileName(kind)), format: format, columns: kind.fields.map(\.name))
        }
        var state = SynthesisState(
            g: SeededGenerator(seed: seed), years: years,
            victims: try writer(.victims), cases: try writer(.cases), offenders: try writer(.offenders))
        var persons = 0
        while state.victimRows < victimRecords {
            state.addPerson(maxRecords: victimRecords - state.victimRows)
            persons += 1
        }
        state.closeCase()
        for w in [state.victims, state.cases, state.offenders] { try w.finish() }
        try staged.commit()
        return Summary(victimRecords: state.victimRows, victimPersons: persons, cases: state.caseCount,
                       offenderRecords: state.offenderRows, output: staged.target)
    }
}
