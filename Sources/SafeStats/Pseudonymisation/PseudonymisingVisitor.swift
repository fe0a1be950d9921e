#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each valid record pseudonymised and links persons. Parts of a large file are written to
/// part files at the same time and appended in order; `finish` fills in every `person_pid`.
struct PseudonymisingVisitor: PartitionedRecordVisitor {
    let pseudonymiser: Pseudonymiser
    let input: InputDirectory
    let staged: StagedDirectory
    var victims = Linkage()
    var offenders = Linkage()
    /// File offsets of the `person_pid` placeholders, -1 where the pid was written directly.
    var victimOffsets: [Int64] = []
    var offenderOffsets: [Int64] = []
    var caseCount: Int?

    init(input: InputDirectory, staged: StagedDirectory, pseudonymiser: Pseudonymiser) {
        self.pseudonymiser = pseudonymiser
        self.input = input
        self.staged = staged
        caseCount = input.files[.cases] == nil ? nil : 0
    }

    private func path(_ kind: RecordKind, part: Int) -> String {
        let name = input.files[kind]!.name
        return staged.path(part == 0 ? name : ".\(name).part\(part)")
    }

    func makePart(_ kind: RecordKind, index: Int) throws(OutputError) -> PseudonymisingPart {
        let writer = try RecordWriter(path: path(kind, part: index), format: input.files[kind]!.format,
                                      columns: PseudonymisedRows.columns(kind), header: index == 0)
        return PseudonymisingPart(pseudonymiser: pseudonymiser.independentCopy(), writer: writer)
    }

    mutating func merge(_ parts: [PseudonymisingPart], kind: RecordKind) throws(OutputError) {
        for part in parts { try part.writer.finish() }
        let records = parts.reduce(0) { $0 + $1.identifierCounts.count }
        let identifiers = parts.reduce(0) { $0 + $1.identifiers.count }
        switch kind {
        case .victims: victims.reserve(records: records, identifiers: identifiers)
        case .offenders: offenders.reserve(records: records, identifiers: identifiers)
        case .cases: break
        }
        let target = path(kind, part: 0)
        for (i, part) in parts.enumerated() {
            let shift = i == 0 ? 0 : try FileAppender.append(path(kind, part: i), to: target)
            switch kind {
            case .victims: Self.link(part, shift: shift, into: &victims, offsets: &victimOffsets)
            case .offenders: Self.link(part, shift: shift, into: &offenders, offsets: &offenderOffsets)
            case .cases: caseCount? += part.rows
            }
        }
    }

    /// Adds a part's rows to the linkage, in order, with their placeholder offsets in the joined file.
    private static func link(_ part: PseudonymisingPart, shift: Int64, into linkage: inout Linkage, offsets: inout [Int64]) {
        var start = 0
        for (n, count) in part.identifierCounts.enumerated() {
            linkage.add(part.identifiers[start..<(start + Int(count))])
            start += Int(count)
            offsets.append(part.offsets[n] < 0 ? -1 : part.offsets[n] + shift)
        }
    }

    /// Writes every linked record's person id over its placeholder. Call after `Linkage.finish()`.
    func fillPersonIDs() throws(OutputError) {
        if input.files[.victims] != nil {
            try PlaceholderPatcher.patch(path: path(.victims, part: 0), offsets: victimOffsets, width: 32) { [victims] i in
                victims.person(ofRecord: i)!.hexDigits
            }
        }
        if input.files[.offenders] != nil {
            try PlaceholderPatcher.patch(path: path(.offenders, part: 0), offsets: offenderOffsets, width: 32) { [offenders] i in
                offenders.person(ofRecord: i)!.hexDigits
            }
        }
    }
}

/// One part of one file: pseudonymised rows to a part file, identifier pseudonyms kept for linkage.
struct PseudonymisingPart: RecordVisitor {
    let pseudonymiser: Pseudonymiser
    let writer: RecordWriter
    private var names = NameNormaliser()
    /// Case pseudonyms already computed: several victims and offenders share each case.
    private var casePids: [String: Pseudonym] = [:]
    /// Identifier pseudonyms of every row, flattened; `identifierCounts` says how many each row has.
    private(set) var identifiers: [Pseudonym] = []
    private(set) var identifierCounts: [UInt8] = []
    /// Offsets of `person_pid` placeholders in the part file, -1 where the pid was written directly.
    private(set) var offsets: [Int64] = []
    private(set) var rows = 0
    static let placeholder = Pseudonym(high: 0, low: 0)

    init(pseudonymiser: Pseudonymiser, writer: RecordWriter) {
        self.pseudonymiser = pseudonymiser
        self.writer = writer
    }

    mutating func visit(case record: CaseRecord) {
        PseudonymisedRows.writeCase(record, pid: pseudonymiser.caseID(record.caseID), to: writer)
        rows += 1
    }

    mutating func visit(victim record: VictimRecord) {
        let ids = pseudonymiser.person(record.identifiers, names: &names)
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .victims)
        let cases = record.caseIDs.map { casePid($0) }
        keep(ids, offset: PseudonymisedRows.writeVictim(
            record, record: recordPid, person: ids.isEmpty ? recordPid : Self.placeholder, cases: cases, to: writer))
    }

    mutating func visit(offender record: OffenderRecord) {
        let ids = pseudonymiser.person(record.identifiers, names: &names)
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .offenders)
        keep(ids, offset: PseudonymisedRows.writeOffender(
            record, record: recordPid, casePid: casePid(record.caseID), person: ids.isEmpty ? recordPid : Self.placeholder,
            to: writer))
    }

    private mutating func casePid(_ id: String) -> Pseudonym {
        if let known = casePids[id] { return known }
        if casePids.count >= 100_000 { casePids.removeAll(keepingCapacity: true) }
        let pid = pseudonymiser.caseID(id)
        casePids[id] = pid
        return pid
    }

    private mutating func keep(_ ids: [Pseudonym], offset: Int64) {
        identifiers.append(contentsOf: ids)
        identifierCounts.append(UInt8(ids.count))
        offsets.append(ids.isEmpty ? -1 : offset)
        rows += 1
    }
}

/// Appends one file to another and deletes it.
enum FileAppender {
    /// - Returns: the size `target` had before, i.e. where the appended bytes start.
    static func append(_ source: String, to target: String) throws(OutputError) -> Int64 {
        let from = open(source, O_RDONLY | O_CLOEXEC)
        guard from >= 0 else { throw OutputError.errno(source, "cannot reopen") }
        defer { close(from) }
        let to = open(target, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard to >= 0 else { throw OutputError.errno(target, "cannot reopen") }
        defer { close(to) }
        let start = Int64(lseek(to, 0, SEEK_END))
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw OutputError.errno(source, "cannot read back") }
            if n == 0 { break }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + done, n - done) }
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else { throw OutputError.errno(target, "cannot append") }
                done += w
            }
        }
        unlink(source)
        return start
    }
}
