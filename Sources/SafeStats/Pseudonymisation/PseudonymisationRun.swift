/// What `pseudonymise` produced.
public struct PseudonymisationResult: Sendable, Equatable {
    public let keyID: String
    public let exampleKey: Bool
    public let victims: LinkageSummary
    public let offenders: LinkageSummary?
    public let cases: Int?
    /// The directory written.
    public let output: String
}

/// Failures of a pseudonymisation run; nothing is written when one is thrown.
public enum PseudonymisationError: Error {
    /// The input breaks the contract: this many problems, listed in the caller's `ProblemLog`.
    case invalidInput(problemCount: Int)
    case input(InputError)
    case output(OutputError)
}

/// Pseudonymises an input directory into an output directory of the same formats:
/// pass 1 validates everything and links persons, pass 2 writes. Memory holds the linkage table
/// and the id tables, never the records.
public struct PseudonymisationRun {
    public let input: InputDirectory
    public let pseudonymiser: Pseudonymiser
    public let today: ISODate

    public init(input: InputDirectory, key: PseudonymisationKey, today: ISODate = .today()) {
        self.input = input
        self.pseudonymiser = Pseudonymiser(key: key)
        self.today = today
    }

    /// Runs both passes and renames the finished directory to `output`.
    /// - Parameters:
    ///   - replace: replace an existing `output` directory.
    ///   - problems: receives every data problem.
    public func run(output: String, replace: Bool, problems: ProblemLog) throws(PseudonymisationError) -> PseudonymisationResult {
        let reader = InputReader(input: input, today: today)
        var linker = LinkingVisitor(pseudonymiser: pseudonymiser)
        do { _ = try reader.read(problems: problems, visitor: &linker) } catch { throw .input(error) }
        guard problems.isEmpty else { throw .invalidInput(problemCount: problems.total) }
        let victims = linker.victims.finish()
        let offenders = linker.offenders.finish()

        let staged: StagedDirectory
        do { staged = try StagedDirectory(target: output, replace: replace) } catch { throw .output(error) }
        var writer: WritingVisitor
        do { writer = try WritingVisitor(input: input, staged: staged, pseudonymiser: pseudonymiser, linker: linker) } catch {
            throw .output(error)
        }
        let secondPass = ProblemLog()
        do { _ = try reader.read(problems: secondPass, visitor: &writer) } catch { throw .input(error) }
        // The files changed between the passes: refuse rather than write something inconsistent.
        guard secondPass.isEmpty, writer.victimIndex == victims.rows, writer.offenderIndex == offenders.rows else {
            throw .input(.changedDuringRun(directory: input.path))
        }
        let result = PseudonymisationResult(
            keyID: pseudonymiser.keyID, exampleKey: pseudonymiser.isExampleKey, victims: victims,
            offenders: input.files[.offenders] == nil ? nil : offenders, cases: writer.caseCount, output: staged.target)
        do {
            try writer.finish()
            try SummaryFile.write(result, formats: input.files.mapValues(\.format), to: staged.path(SummaryFile.name))
            try staged.commit()
        } catch {
            throw .output(error)
        }
        return result
    }
}

/// Pass 1: identifier pseudonyms into the linkage tables.
private struct LinkingVisitor: RecordVisitor {
    let pseudonymiser: Pseudonymiser
    var victims = Linkage()
    var offenders = Linkage()

    mutating func visit(victim record: VictimRecord) {
        victims.add(pseudonymiser.person(record.identifiers))
    }

    mutating func visit(offender record: OffenderRecord) {
        offenders.add(pseudonymiser.person(record.identifiers))
    }
}

/// Pass 2: pseudonymised rows into the staged files.
private struct WritingVisitor: RecordVisitor {
    let pseudonymiser: Pseudonymiser
    var victims: Linkage
    var offenders: Linkage
    let writers: [RecordKind: RecordWriter]
    var victimIndex = 0
    var offenderIndex = 0
    var caseCount: Int?

    init(input: InputDirectory, staged: StagedDirectory, pseudonymiser: Pseudonymiser, linker: LinkingVisitor) throws(OutputError) {
        self.pseudonymiser = pseudonymiser
        victims = linker.victims
        offenders = linker.offenders
        var writers: [RecordKind: RecordWriter] = [:]
        for (kind, file) in input.files {
            let columns = switch kind {
            case .victims: PseudonymisedRows.victimColumns
            case .cases: PseudonymisedRows.caseColumns
            case .offenders: PseudonymisedRows.offenderColumns
            }
            writers[kind] = try RecordWriter(path: staged.path(file.name), format: file.format, columns: columns)
        }
        self.writers = writers
        caseCount = input.files[.cases] == nil ? nil : 0
    }

    mutating func visit(case record: CaseRecord) {
        writers[.cases]?.write(PseudonymisedRows.caseRow(record, pid: pseudonymiser.caseID(record.caseID)))
        caseCount? += 1
    }

    mutating func visit(victim record: VictimRecord) {
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .victims)
        let person = victims.person(ofRecord: victimIndex) ?? recordPid
        victimIndex += 1
        writers[.victims]?.write(PseudonymisedRows.victim(
            record, record: recordPid, person: person, cases: record.caseIDs.map(pseudonymiser.caseID)))
    }

    mutating func visit(offender record: OffenderRecord) {
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .offenders)
        let person = offenders.person(ofRecord: offenderIndex) ?? recordPid
        offenderIndex += 1
        writers[.offenders]?.write(PseudonymisedRows.offender(
            record, record: recordPid, casePid: pseudonymiser.caseID(record.caseID), person: person))
    }

    func finish() throws(OutputError) {
        for kind in RecordKind.allCases { try writers[kind]?.finish() }
    }
}
