import Foundation

/// What `pseudonymise` produced.
public struct PseudonymisationResult: Sendable, Equatable {
    /// The directory written.
    public let output: String
    /// What it says of itself in `pseudonymisation.json`.
    public let summary: PseudonymisationSummary

    public var keyID: String { summary.pseudonymisationKeyID }
    public var exampleKey: Bool { summary.exampleKey }
    public var victims: LinkageSummary { summary.victims }
    public var offenders: LinkageSummary? { summary.offenders }
    /// Case records read, when there is a cases file.
    public var cases: Int? { summary.cases?.rows }
}

/// Failures of a pseudonymisation run; nothing is written when one is thrown.
public enum PseudonymisationError: Error {
    /// The input breaks the contract: this many problems, listed in the caller's `ProblemLog`.
    case invalidInput(problemCount: Int)
    case input(InputError)
    case output(OutputError)
}

/// Pseudonymises an input directory into an output directory of the same formats, in one pass:
/// every row is validated, pseudonymised and written to a staging directory with a placeholder for
/// its `person_pid`; once linkage is complete the placeholders are filled in, and only a valid,
/// complete result is renamed into place. Memory holds the linkage and id tables, never the records.
public struct PseudonymisationRun {
    public let input: InputDirectory
    public let pseudonymiser: Pseudonymiser
    public let today: ISODate
    /// Parts of a large file read at once (threads).
    public var parallelism: Int

    public init(input: InputDirectory, key: PseudonymisationKey, today: ISODate = .today(),
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.input = input
        self.pseudonymiser = Pseudonymiser(key: key)
        self.today = today
        self.parallelism = parallelism
    }

    /// Runs and renames the finished directory to `output`.
    /// - Parameters:
    ///   - replace: replace an existing `output` directory.
    ///   - problems: receives every data problem.
    public func run(output: String, replace: Bool, problems: ProblemLog) throws(PseudonymisationError) -> PseudonymisationResult {
        let staged: StagedDirectory
        var visitor: PseudonymisingVisitor
        do {
            staged = try StagedDirectory(target: output, replace: replace)
            visitor = PseudonymisingVisitor(input: input, staged: staged, pseudonymiser: pseudonymiser)
        } catch {
            throw .output(error)
        }
        do { _ = try InputReader(input: input, today: today, parallelism: parallelism).read(problems: problems, partitioned: &visitor) } catch {
            switch error {
            case let e as InputError: throw .input(e)
            case let e as OutputError: throw .output(e)
            default: fatalError("unexpected error: \(error)")
            }
        }
        guard problems.isEmpty else { throw .invalidInput(problemCount: problems.total) }
        let victims = visitor.victims.finish()
        let offenders = visitor.offenders.finish()
        let summary = PseudonymisationSummary(
            keyID: pseudonymiser.keyID, exampleKey: pseudonymiser.isExampleKey, formats: input.files.mapValues(\.format),
            victims: victims, offenders: input.files[.offenders] == nil ? nil : offenders, cases: visitor.caseCount)
        let result = PseudonymisationResult(output: staged.target, summary: summary)
        do {
            try visitor.fillPersonIDs()
            let sink = try ByteSink(path: staged.path(PseudonymisationSummary.fileName))
            summary.json().withUnsafeBytes { sink.write($0.bindMemory(to: UInt8.self)) }
            try sink.finish()
            try staged.commit()
        } catch {
            throw .output(error)
        }
        return result
    }
}
