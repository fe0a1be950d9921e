/// Reads an input directory, checks every rule of the input contract (per record, across records,
/// across files) and hands each record to a visitor. Memory grows only with the id tables.
///
/// The visitor may see records of a dataset that turns out invalid: callers must look at the
/// `ProblemLog` before they keep anything.
public struct InputReader {
    public let input: InputDirectory
    /// Dates after this day are rejected.
    public let today: ISODate

    public init(input: InputDirectory, today: ISODate = .today()) {
        self.input = input
        self.today = today
    }

    /// Rows read per kind, valid or not.
    public typealias RowCounts = [RecordKind: Int]

    /// Reads every file once.
    /// - Throws: `InputError` when a file cannot be opened or read; data problems go to `problems`.
    public func read<V: RecordVisitor>(problems: ProblemLog, visitor: inout V) throws(InputError) -> RowCounts {
        var checks = CrossRecordChecks(today: today, problems: problems, hasCases: input.files[.cases] != nil)
        var counts: RowCounts = [:]
        if let file = input.files[.cases] {
            let reader = try RecordFileReader<CaseField>(file: file, problems: problems)
            while let values = reader.next() {
                let record = CaseRecord(values)
                checks.check(record, file: file.name)
                visitor.visit(case: record)
            }
            try reader.checkReadError()
            counts[.cases] = reader.rowsRead
        }
        if let file = input.files[.victims] {
            let reader = try RecordFileReader<VictimField>(file: file, problems: problems)
            while let values = reader.next() {
                let record = VictimRecord(values)
                checks.check(record, file: file.name)
                visitor.visit(victim: record)
            }
            try reader.checkReadError()
            counts[.victims] = reader.rowsRead
        }
        if let file = input.files[.offenders] {
            let reader = try RecordFileReader<OffenderField>(file: file, problems: problems)
            while let values = reader.next() {
                let record = OffenderRecord(values)
                checks.check(record, file: file.name)
                visitor.visit(offender: record)
            }
            try reader.checkReadError()
            counts[.offenders] = reader.rowsRead
        }
        return counts
    }
}
