/// Receives the valid records of an input directory in reading order: cases, victims, offenders.
public protocol RecordVisitor {
    mutating func visit(case record: CaseRecord)
    mutating func visit(victim record: VictimRecord)
    mutating func visit(offender record: OffenderRecord)
}

extension RecordVisitor {
    public mutating func visit(case record: CaseRecord) {}
    public mutating func visit(victim record: VictimRecord) {}
    public mutating func visit(offender record: OffenderRecord) {}
}

/// A visitor whose work can be split: large files are read in parts at the same time, each part
/// by its own part visitor, and the parts are handed back in file order to be joined.
public protocol PartitionedRecordVisitor {
    associatedtype Part: RecordVisitor
    /// A visitor for part `index` (0-based, in file order) of the file of `kind`.
    mutating func makePart(_ kind: RecordKind, index: Int) throws(OutputError) -> Part
    /// Joins the parts of one file, in file order, after all of them have been read.
    mutating func merge(_ parts: [Part], kind: RecordKind) throws(OutputError)
}

/// Runs a plain visitor over the whole input in one part.
struct SequentialVisitor<V: RecordVisitor>: PartitionedRecordVisitor {
    var visitor: V

    mutating func makePart(_ kind: RecordKind, index: Int) -> V { visitor }
    mutating func merge(_ parts: [V], kind: RecordKind) { visitor = parts[0] }
}

/// A visitor that does nothing: validation alone.
public struct NoVisitor: RecordVisitor, PartitionedRecordVisitor {
    public init() {}
    public func makePart(_ kind: RecordKind, index: Int) -> NoVisitor { self }
    public func merge(_ parts: [NoVisitor], kind: RecordKind) {}
}
