/// The columns of pseudonymised files (DESIGN.md, "Pseudonymisation"): the input's columns with
/// `record_id` → `record_pid`, the person identifiers → `person_pid`, `case_id(s)` → `case_pid(s)`,
/// and `date_of_birth` → ages in whole years.
enum PseudonymisedRows {
    static let victimColumns = [
        "record_pid", "person_pid", "source", "sex", "citizenship", "residence_region",
        "age_at_identification", "age_at_exploitation_start", "identification_status", "identification_date",
        "exploitation_start_date", "exploitation_forms", "exploitation_countries", "recruited_online", "case_pids",
        "assistance", "reflection_period_granted", "residence_permit_granted", "compensation",
    ]

    static let caseColumns = [
        "case_pid", "registered_date", "offence", "legal_article", "exploitation_forms", "online_facilitated",
        "transnational", "status", "status_date",
    ]

    static let offenderColumns = [
        "record_pid", "case_pid", "person_pid", "sex", "citizenship", "age_at_suspicion", "suspected_date",
        "prosecuted_date", "convicted_date", "acquitted_date", "sentence_type", "sentence_months", "official", "wanted",
    ]

    static func columns(_ kind: RecordKind) -> [String] {
        switch kind {
        case .victims: victimColumns
        case .cases: caseColumns
        case .offenders: offenderColumns
        }
    }

    /// Writes one pseudonymised victim row.
    /// - Returns: the file offset of `person_pid`'s digits.
    static func writeVictim(_ r: VictimRecord, record: Pseudonym, person: Pseudonym, cases: [Pseudonym],
                            to w: RecordWriter) -> Int64 {
        let dob = r.identifiers.dateOfBirth
        w.beginRow()
        w.pseudonym(record)
        let offset = w.pseudonym(person)!
        w.code(r.source)
        w.code(r.sex)
        w.text(r.citizenship)
        w.text(r.residenceRegion)
        w.integer(age(dob, r.identificationDate))
        w.integer(age(dob, r.exploitationStartDate))
        w.code(r.identificationStatus)
        w.date(r.identificationDate)
        w.date(r.exploitationStartDate)
        w.codes(r.exploitationForms)
        w.list(r.exploitationCountries)
        w.boolean(r.recruitedOnline)
        w.pseudonyms(cases)
        w.codes(r.assistance)
        w.boolean(r.reflectionPeriodGranted)
        w.boolean(r.residencePermitGranted)
        w.code(r.compensation)
        w.endRow()
        return offset
    }

    /// Writes one pseudonymised case row.
    static func writeCase(_ r: CaseRecord, pid: Pseudonym, to w: RecordWriter) {
        w.beginRow()
        w.pseudonym(pid)
        w.date(r.registeredDate)
        w.code(r.offence)
        w.text(r.legalArticle)
        w.codes(r.exploitationForms)
        w.boolean(r.onlineFacilitated)
        w.boolean(r.transnational)
        w.code(r.status)
        w.date(r.statusDate)
        w.endRow()
    }

    /// Writes one pseudonymised offender row.
    /// - Returns: the file offset of `person_pid`'s digits.
    static func writeOffender(_ r: OffenderRecord, record: Pseudonym, casePid: Pseudonym, person: Pseudonym,
                              to w: RecordWriter) -> Int64 {
        w.beginRow()
        w.pseudonym(record)
        w.pseudonym(casePid)
        let offset = w.pseudonym(person)!
        w.code(r.sex)
        w.text(r.citizenship)
        w.integer(age(r.identifiers.dateOfBirth, r.suspectedDate))
        w.date(r.suspectedDate)
        w.date(r.prosecutedDate)
        w.date(r.convictedDate)
        w.date(r.acquittedDate)
        w.code(r.sentenceType)
        w.integer(r.sentenceMonths)
        w.boolean(r.official)
        w.code(r.wanted)
        w.endRow()
        return offset
    }

    private static func age(_ dob: ISODate?, _ on: ISODate?) -> Int? {
        guard let dob, let on else { return nil }
        return dob.age(on: on)
    }
}
