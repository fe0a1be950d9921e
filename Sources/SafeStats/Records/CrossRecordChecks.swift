/// Rules that span fields, records or files: unique ids, case references, dates in order and
/// not in the future.
struct CrossRecordChecks {
    let today: ISODate
    let problems: ProblemLog
    let hasCases: Bool
    /// Normalised case id → line of its first occurrence.
    private var caseLines: [String: Int] = [:]
    private var victimLines: [String: Int] = [:]
    private var offenderLines: [String: Int] = [:]

    init(today: ISODate, problems: ProblemLog, hasCases: Bool) {
        self.today = today
        self.problems = problems
        self.hasCases = hasCases
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

    private static func unique(_ id: String, in table: inout [String: Int], line: Int) -> Int? {
        let key = Normalisation.reference(id)
        if let first = table[key] { return first }
        table[key] = line
        return nil
    }

    private func caseExists(_ id: String) -> Bool {
        caseLines[Normalisation.reference(id)] != nil
    }

    mutating func check(_ r: CaseRecord, file: String) {
        if let first = Self.unique(r.caseID, in: &caseLines, line: r.line) {
            report(file, r.line, "case_id", "unique-case-id", "repeats the case_id of line \(first)")
        }
        notFuture(r.registeredDate, "registered_date", file, r.line)
        notFuture(r.statusDate, "status_date", file, r.line)
        inOrder(r.registeredDate, "registered_date", r.statusDate, "status_date", file, r.line)
    }

    mutating func check(_ r: VictimRecord, file: String) {
        if let first = Self.unique(r.recordID, in: &victimLines, line: r.line) {
            report(file, r.line, "record_id", "unique-record-id", "repeats the record_id of line \(first)")
        }
        for id in r.caseIDs where !caseExists(id) {
            report(file, r.line, "case_ids", "case-reference",
                   hasCases ? "names a case that is not in the cases file" : "names a case, but there is no cases file")
            break
        }
        let dob = r.identifiers.dateOfBirth
        notFuture(dob, "date_of_birth", file, r.line)
        notFuture(r.identificationDate, "identification_date", file, r.line)
        notFuture(r.exploitationStartDate, "exploitation_start_date", file, r.line)
        inOrder(dob, "date_of_birth", r.identificationDate, "identification_date", file, r.line)
        inOrder(dob, "date_of_birth", r.exploitationStartDate, "exploitation_start_date", file, r.line)
        inOrder(r.exploitationStartDate, "exploitation_start_date", r.identificationDate, "identification_date", file, r.line)
    }

    mutating func check(_ r: OffenderRecord, file: String) {
        if let first = Self.unique(r.recordID, in: &offenderLines, line: r.line) {
            report(file, r.line, "record_id", "unique-record-id", "repeats the record_id of line \(first)")
        }
        if !caseExists(r.caseID) {
            report(file, r.line, "case_id", "case-reference",
                   hasCases ? "names a case that is not in the cases file" : "names a case, but there is no cases file")
        }
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
