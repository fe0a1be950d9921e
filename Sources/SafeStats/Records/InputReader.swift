import Dispatch
import Foundation

/// Reads an input directory, checks every rule of the input contract (per record, across records,
/// across files) and hands each record to a visitor. Memory grows only with the id tables.
///
/// Large files are cut into `parallelism` parts read at the same time (see `FileSplitter`); problems
/// are still reported in file order. The visitor may see records of a dataset that turns out invalid:
/// callers must look at the `ProblemLog` before they keep anything.
public struct InputReader: Sendable {
    public let input: InputDirectory
    /// Dates after this day are rejected.
    public let today: ISODate
    /// How many parts of a large file are read at once.
    public var parallelism: Int
    /// Where to put the SHA-256 of each file read (then every file is read in one part).
    public var digests: FileDigests?

    public init(input: InputDirectory, today: ISODate = .today(),
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.input = input
        self.today = today
        self.parallelism = max(1, parallelism)
    }

    /// Rows read per kind, valid or not.
    public typealias RowCounts = [RecordKind: Int]

    /// Reads every file once, in one part each, handing records to `visitor` in file order.
    /// - Throws: `InputError` when a file cannot be opened or read; data problems go to `problems`.
    public func read<V: RecordVisitor>(problems: ProblemLog, visitor: inout V) throws(InputError) -> RowCounts {
        var sequential = SequentialVisitor(visitor: visitor)
        var reader = self
        reader.parallelism = 1
        defer { visitor = sequential.visitor }
        do { return try reader.read(problems: problems, partitioned: &sequential) } catch let e as InputError {
            throw e
        } catch {
            fatalError("a sequential visitor does not fail: \(error)")
        }
    }

    /// Reads every file once, large files in parts at the same time.
    /// - Throws: `InputError` when a file cannot be read, `OutputError` when the visitor cannot write.
    public func read<V: PartitionedRecordVisitor>(problems: ProblemLog, partitioned visitor: inout V) throws -> RowCounts {
        var counts: RowCounts = [:]
        input.reportMisnamed(to: problems)
        var knownCases: ByteKeyTable<Int>?
        // A cases file whose header is unusable has no readable row: every reference to it would
        // be reported as missing, burying the header's problem (and the real ones) under follow-ons.
        var referencesChecked = true
        if let file = input.files[.cases] {
            let (rows, ids, unusable) = try readFile(.cases, file, knownCases: nil, problems: problems, visitor: &visitor,
                                           record: { CaseRecord($0) }) { part, checks, record, name in
                // Visiting first gives the prefetched table entries time to arrive.
                checks.prefetch(id: record.caseID)
                part.visit(case: record)
                checks.check(record, file: name)
            }
            counts[.cases] = rows
            knownCases = ids
            referencesChecked = !unusable
        }
        if let file = input.files[.victims] {
            counts[.victims] = try readFile(.victims, file, knownCases: knownCases, referencesChecked: referencesChecked, problems: problems, visitor: &visitor,
                                            record: { VictimRecord($0) }) { part, checks, record, name in
                // Visiting first gives the prefetched table entries time to arrive.
                checks.prefetch(id: record.recordID)
                part.visit(victim: record)
                checks.check(record, file: name)
            }.rows
        }
        if let file = input.files[.offenders] {
            counts[.offenders] = try readFile(.offenders, file, knownCases: knownCases, referencesChecked: referencesChecked, problems: problems, visitor: &visitor,
                                              record: { OffenderRecord($0) }) { part, checks, record, name in
                // Visiting first gives the prefetched table entries time to arrive.
                checks.prefetch(id: record.recordID)
                part.visit(offender: record)
                checks.check(record, file: name)
            }.rows
        }
        return counts
    }

    /// Reads one file in parts; returns its row count, for cases its id table (for references),
    /// and whether its header is unusable (no row can be read).
    /// Each valid row becomes a record through `record`, which decodes its fields; case references
    /// are checked unless `referencesChecked` is false.
    private func readFile<F: RecordField, R, V: PartitionedRecordVisitor>(
        _ kind: RecordKind, _ file: InputDirectory.File, knownCases: ByteKeyTable<Int>?, referencesChecked: Bool = true,
        problems: ProblemLog, visitor: inout V, record: (RecordRow<F>) -> R,
        visit: (inout V.Part, inout CrossRecordChecks, R, String) -> Void
    ) throws -> (rows: Int, ids: ByteKeyTable<Int>, unusable: Bool) {
        let parts = parallelism > 1 && digests == nil ? try FileSplitter.split(path: file.path, format: file.format, parts: parallelism) : []
        let logs = (0..<max(1, parts.count)).map { _ in ProblemLog(limit: problems.limit) }
        let first = try RecordFileReader<F>(file: file, part: parts.first, hashing: digests != nil, problems: logs[0])
        var work: [PartWork<F, R, V.Part>] = [
            PartWork(reader: first, checks: CrossRecordChecks(today: today, problems: logs[0], knownCases: knownCases, referencesChecked: referencesChecked),
                     visitor: try visitor.makePart(kind, index: 0)),
        ]
        for (i, part) in parts.enumerated().dropFirst() {
            // Each thread gets its own copy of the case table: sharing one would make its
            // reference count a point of contention.
            let ownCases = knownCases.map { $0.independentCopy() }
            work.append(PartWork(
                reader: try RecordFileReader<F>(part: part, after: first, problems: logs[i]),
                checks: CrossRecordChecks(today: today, problems: logs[i], knownCases: ownCases, referencesChecked: referencesChecked),
                visitor: try visitor.makePart(kind, index: i)))
        }
        let name = file.name
        if work.count == 1 {
            work[0].run(name: name, record: record, visit: visit)
        } else {
            work.withUnsafeMutableBufferPointer { buffer in
                let slots = buffer
                withoutActuallyEscaping(record) { record in
                    withoutActuallyEscaping(visit) { visit in
                        let job: (Int) -> Void = { i in slots[i].run(name: name, record: record, visit: visit) }
                        let shared = UnsafeSendable(job)
                        DispatchQueue.concurrentPerform(iterations: slots.count) { i in shared.value(i) }
                    }
                }
            }
        }
        for w in work { try w.reader.checkReadError() }
        if let digests, let digest = first.digest() { digests.record(name, digest) }
        for log in logs { problems.absorb(log, columnNumber: first.columnNumber(of:)) }
        let ids = CrossRecordChecks.checkAcrossParts(
            work.map(\.checks.seenIDs), file: name, column: kind == .cases ? "case_id" : "record_id",
            rule: kind == .cases ? "unique-case-id" : "unique-record-id", problems: problems, keepTable: kind == .cases)
        try visitor.merge(work.map(\.visitor), kind: kind)
        return (work.reduce(0) { $0 + $1.reader.rowsRead }, ids, first.headerUnusable)
    }
}

/// The reader, checks and visitor of one part of a file; each part runs on its own thread.
private struct PartWork<F: RecordField, R, Part: RecordVisitor> {
    let reader: RecordFileReader<F>
    var checks: CrossRecordChecks
    var visitor: Part

    mutating func run(name: String, record: (RecordRow<F>) -> R, visit: (inout Part, inout CrossRecordChecks, R, String) -> Void) {
        while let r = reader.next(record) { visit(&visitor, &checks, r, name) }
    }
}
