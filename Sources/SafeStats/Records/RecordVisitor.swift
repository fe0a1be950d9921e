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

/// A visitor that does nothing: validation alone.
public struct NoVisitor: RecordVisitor {
    public init() {}
}
