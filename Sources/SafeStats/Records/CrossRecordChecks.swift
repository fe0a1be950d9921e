/// Rules that span fields, records or files: unique ids, case references, dates in order and
/// not in the future. One instance checks one part of one file; `IDTable.merge` joins the parts.
struct CrossRecordChecks {
    let today: ISODate
    let problems: ProblemLog
    /// Case ids of the cases file (normalised id → line), or nil when there is none.
    let knownCases: ByteKeyTable<Int>?
    /// False when the cases file's header is unusable: its rows could not be read, so references
    /// to it are not checked (its header's problem says so).
    let referencesChecked: Bool
    /// Ids (record ids, or case ids in the cases file) of the part read so far → line.
    private(set) var seenIDs = ByteKeyTable<Int>()
    /// The id `prefetch` was last given, normalised, with its hash: the check after it needs both.
    private var prefetched: (id: String, reference: String, hash: UInt64)?

    init(today: ISODate, problems: ProblemLog, knownCases: ByteKeyTable<Int>?, referencesChecked: Bool = true) {
        self.today = today
        self.problems = problems
        self.knownCases = knownCases
        self.referencesChecked = referencesChecked
    }

    private func report(_ file: String, _ line: Int, _ column: String, _ rule: String, _ message: String) {
        problems.add(DataProblem(file: file, line: line, column: column, columnNumber: nil,
                                 rule: rule, message: message, scope: .dataset))
    }

    private func notFuture(_ date: ISODate?, _ column: String, _ file: String, _ line: Int) {
        if let date, date > today {
            report(file, line, column, "date-not-in-future", "is after today (\(today))")
        }
    }

    private func inOrder(_ earlier: ISODate?, _ earlierName: String, _ later: ISODate?, _ laterName: String,
                         _ file: String, _ line: Int) {
        if let earlier, let later, earlier > later {
            report(file, line, laterName, "date-order", "must not be before \(earlierName)")
        }
    }

    private mutating func firstLine(of id: String, line: Int) -> Int? {
        var (reference, hash) = prefetched.flatMap { $0.id == id ? ($0.reference, $0.hash) : nil }
            ?? (Normalisation.reference(id), nil)
        prefetched = nil
        return reference.withUTF8 { seenIDs.insertIfAbsent($0, hash: hash, line) }
    }

    private func checkReference(_ id: String, _ column: String, _ file: String, _ line: Int) -> Bool {
        guard referencesChecked else { return true }
        guard let knownCases else {
            report(file, line, column, "case-reference", "names a case, but there is no cases file")
            return false
        }
        guard knownCases.value(for: Normalisation.reference(id)) != nil else {
            report(file, line, column, "case-reference", "names a case that is not in the cases file")
            return false
        }
        return true
    }

    /// Starts loading what checking the record with this id will read from the table of ids,
    /// which is too large for the cache: work done before the check hides the wait.
    mutating func prefetch(id: String) {
        var reference = Normalisation.reference(id)
        let hash = reference.withUTF8 { ByteKeyTable<Int>.hash($0) }
        seenIDs.prefetch(hash: hash)
        prefetched = (id, reference, hash)
    }

    mutating func check(_ r: CaseRecord, file: String) {
        if let first = firstLine(of: r.caseID, line: r.line) {
            report(file, r.line, "case_id", "unique-case-id", "repeats the case_id of line \(first)")
        }
        notFuture(r.registeredDate, "registered_date", file, r.line)
        notFuture(r.statusDate, "status_date", file, r.line)
        inOrder(r.registeredDate, "registered_date", r.statusDate, "status_date", file, r.line)
    }

    mutating func check(_ r: VictimRecord, file: String) {
        if let first = firstLine(of: r.recordID, line: r.line) {
            report(file, r.line, "record_id", "unique-record-id", "repeats the record_id of line \(first)")
        }
        for id in r.caseIDs where !checkReference(id, "case_ids", file, r.line) { break }
        let dob = r.identifiers.dateOfBirth
        notFuture(dob, "date_of_birth", file, r.line)
        notFuture(r.identificationDate, "identification_date", file, r.line)
        notFuture(r.exploitationStartDate, "exploitation_start_date", file, r.line)
        inOrder(dob, "date_of_birth", r.identificationDate, "identification_date", file, r.line)
        inOrder(dob, "date_of_birth", r.exploitationStartDate, "exploitation_start_date", file, r.line)
        inOrder(r.exploitationStartDate, "exploitation_start_date", r.identificationDate, "identification_date", file, r.line)
    }

    mutating func check(_ r: OffenderRecord, file: String) {
        if let first = firstLine(of: r.recordID, line: r.line) {
            report(file, r.line, "record_id", "unique-record-id", "repeats the record_id of line \(first)")
        }
        _ = checkReference(r.caseID, "case_id", file, r.line)
        let dob = r.identifiers.dateOfBirth
        for (date, name) in [(dob, "date_of_birth"), (r.suspectedDate, "suspected_date"), (r.prosecutedDate, "prosecuted_date"),
                             (r.convictedDate, "convicted_date"), (r.acquittedDate, "acquitted_date")] {
            notFuture(date, name, file, r.line)
        }
        inOrder(dob, "date_of_birth", r.suspectedDate, "suspected_date", file, r.line)
        inOrder(r.suspectedDate, "suspected_date", r.prosecutedDate, "prosecuted_date", file, r.line)
        inOrder(r.prosecutedDate ?? r.suspectedDate, r.prosecutedDate == nil ? "suspected_date" : "prosecuted_date",
                r.convictedDate, "convicted_date", file, r.line)
        inOrder(r.prosecutedDate ?? r.suspectedDate, r.prosecutedDate == nil ? "suspected_date" : "prosecuted_date",
                r.acquittedDate, "acquitted_date", file, r.line)
        if r.convictedDate != nil && r.acquittedDate != nil {
            report(file, r.line, "acquitted_date", "verdict", "a person cannot be both convicted and acquitted in one case")
        }
        if let type = r.sentenceType, type != .none, r.convictedDate == nil {
            report(file, r.line, "sentence_type", "sentence-needs-conviction", "a sentence needs a convicted_date")
        }
        if r.sentenceMonths != nil, r.sentenceType != .imprisonment, r.sentenceType != .suspended {
            report(file, r.line, "sentence_months", "sentence-months-type",
                   "sentence_months goes with sentence_type imprisonment or suspended")
        }
    }
}

extension CrossRecordChecks {
    /// Reports ids that repeat across the parts of one file (in file order); repeats within a part
    /// were reported while it was read.
    /// - Parameter keepTable: also return the joined table (needed for the cases file only).
    static func checkAcrossParts(_ parts: [ByteKeyTable<Int>], file: String, column: String, rule: String,
                                 problems: ProblemLog, keepTable: Bool) -> ByteKeyTable<Int> {
        var repeats: [(line: Int, first: Int)] = []
        for (i, part) in parts.enumerated() where i > 0 {
            // The first occurrence is in the earliest part that has the id.
            var found = Set<Int>()
            for earlier in parts[..<i] {
                part.forEach(lookingUpIn: earlier) { entry, _, line, first in
                    if let first, found.insert(entry).inserted { repeats.append((line, first)) }
                }
            }
        }
        for r in repeats.sorted(by: { $0.line < $1.line }) {
            problems.add(DataProblem(file: file, line: r.line, column: column, columnNumber: nil, rule: rule,
                                     message: "repeats the \(column) of line \(r.first)", scope: .dataset))
        }
        guard keepTable, var merged = parts.first else { return ByteKeyTable() }
        for part in parts.dropFirst() { part.forEach { id, line in _ = merged.insertIfAbsent(id, line) } }
        return merged
    }
}
