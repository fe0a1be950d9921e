import Dispatch
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
        // Part i starts where parts 0..<i end; appending the files and linking the rows are
        // independent, so they run at the same time.
        var shifts: [Int64] = [0]
        for part in parts.dropLast() { shifts.append(shifts.last! + part.writer.bytesWritten) }
        let sources = parts.indices.dropFirst().map { path(kind, part: $0) }
        let target = path(kind, part: 0)
        var appendError: OutputError?
        let append = UnsafeSendable {
            do { for source in sources { _ = try FileAppender.append(source, to: target) } } catch {
                appendError = error as? OutputError ?? OutputError.io(path: target, reason: "\(error)")
            }
        }
        let link = UnsafeSendable { [self] in
            var copy = self
            switch kind {
            case .victims: copy.victims.reserve(records: records, identifiers: identifiers)
            case .offenders: copy.offenders.reserve(records: records, identifiers: identifiers)
            case .cases: break
            }
            for (part, shift) in zip(parts, shifts) {
                switch kind {
                case .victims: Self.link(part, shift: shift, into: &copy.victims, offsets: &copy.victimOffsets)
                case .offenders: Self.link(part, shift: shift, into: &copy.offenders, offsets: &copy.offenderOffsets)
                case .cases: copy.caseCount? += part.rows
                }
            }
            return copy
        }
        var linked: PseudonymisingVisitor?
        let store = UnsafeSendable { (v: PseudonymisingVisitor) in linked = v }
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { append.value() } else { store.value(link.value()) }
        }
        if let appendError { throw appendError }
        self = linked!
    }

    /// Adds a part's rows to the linkage, in order, with their placeholder offsets in the joined file.
    private static func link(_ part: PseudonymisingPart, shift: Int64, into linkage: inout Linkage, offsets: inout [Int64]) {
        linkage.add(part.identifiers[...], counts: part.identifierCounts[...])
        for offset in part.offsets { offsets.append(offset < 0 ? -1 : offset + shift) }
    }

    /// Writes every linked record's person id over its placeholder. Call after `Linkage.finish()`.
    func fillPersonIDs() throws(OutputError) {
        if input.files[.victims] != nil {
            try PlaceholderPatcher.patch(path: path(.victims, part: 0), offsets: victimOffsets, width: 32) { [victims] i, out in
                victims.person(ofRecord: i)!.writeHexDigits(to: out)
            }
        }
        if input.files[.offenders] != nil {
            try PlaceholderPatcher.patch(path: path(.offenders, part: 0), offsets: offenderOffsets, width: 32) { [offenders] i, out in
                offenders.person(ofRecord: i)!.writeHexDigits(to: out)
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
    private var casePids = ByteKeyTable<Pseudonym>()
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
        let ids = pseudonymiser.appendPerson(record.identifiers, names: &names, to: &identifiers)
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .victims)
        let cases = record.caseIDs.map { casePid($0) }
        keep(ids, offset: PseudonymisedRows.writeVictim(
            record, record: recordPid, person: ids == 0 ? recordPid : Self.placeholder, cases: cases, to: writer))
    }

    mutating func visit(offender record: OffenderRecord) {
        let ids = pseudonymiser.appendPerson(record.identifiers, names: &names, to: &identifiers)
        let recordPid = pseudonymiser.recordID(record.recordID, kind: .offenders)
        keep(ids, offset: PseudonymisedRows.writeOffender(
            record, record: recordPid, casePid: casePid(record.caseID), person: ids == 0 ? recordPid : Self.placeholder,
            to: writer))
    }

    private mutating func casePid(_ id: String) -> Pseudonym {
        if casePids.count >= 100_000 { casePids.removeAll() }
        return casePids.value(for: id) { pseudonymiser.caseID(id) }
    }

    /// Records a row that appended `ids` identifier pseudonyms, with its placeholder's offset.
    private mutating func keep(_ ids: Int, offset: Int64) {
        identifierCounts.append(UInt8(ids))
        offsets.append(ids == 0 ? -1 : offset)
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
        let to = open(target, O_WRONLY | O_CLOEXEC)
        guard to >= 0 else { throw OutputError.errno(target, "cannot reopen") }
        defer { close(to) }
        let start = Int64(lseek(to, 0, SEEK_END))
        #if os(Linux)
        if try copyInKernel(from: from, to: to, target: target) {
            unlink(source)
            return start
        }
        #endif
        try copyThroughBuffer(from: from, to: to, source: source, target: target)
        unlink(source)
        return start
    }

    #if os(Linux)
    /// Copies with `sendfile`, without passing the bytes through this process, to where `to`
    /// stands; false (nothing copied) where the kernel or file system cannot.
    private static func copyInKernel(from: Int32, to: Int32, target: String) throws(OutputError) -> Bool {
        var copied = 0
        while true {
            let n = sendfile(to, from, nil, 1 << 30)
            if n < 0 && errno == EINTR { continue }
            if n < 0 && copied == 0 && [ENOSYS, EINVAL, EOPNOTSUPP].contains(errno) { return false }
            guard n >= 0 else { throw OutputError.errno(target, "cannot append") }
            if n == 0 { return true }
            copied += n
        }
    }
    #endif

    private static func copyThroughBuffer(from: Int32, to: Int32, source: String, target: String) throws(OutputError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw OutputError.errno(source, "cannot read back") }
            if n == 0 { return }
            var done = 0
            while done < n {
                let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + done, n - done) }
                if w < 0 && errno == EINTR { continue }
                guard w > 0 else { throw OutputError.errno(target, "cannot append") }
                done += w
            }
        }
    }
}
