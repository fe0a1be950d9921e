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

    /// Index of `person_pid` among the columns of `kind`.
    static func personColumn(_ kind: RecordKind) -> Int {
        columns(kind).firstIndex(of: "person_pid")!
    }

    static func victim(_ r: VictimRecord, record: Pseudonym, person: Pseudonym, cases: [Pseudonym]) -> [FieldValue?] {
        let dob = r.identifiers.dateOfBirth
        return [
            .pseudonym(record), .pseudonym(person), .text(r.source.rawValue), .text(r.sex.rawValue),
            .text(r.citizenship), r.residenceRegion.map(FieldValue.text),
            age(dob, r.identificationDate), age(dob, r.exploitationStartDate),
            .text(r.identificationStatus.rawValue), .date(r.identificationDate), r.exploitationStartDate.map(FieldValue.date),
            .list(r.exploitationForms.map(\.rawValue)), .list(r.exploitationCountries), r.recruitedOnline.map(FieldValue.boolean),
            cases.isEmpty ? nil : .list(cases.map(\.description)),
            r.assistance.isEmpty ? nil : .list(r.assistance.map(\.rawValue)),
            r.reflectionPeriodGranted.map(FieldValue.boolean), r.residencePermitGranted.map(FieldValue.boolean),
            r.compensation.map { .text($0.rawValue) },
        ]
    }

    static func caseRow(_ r: CaseRecord, pid: Pseudonym) -> [FieldValue?] {
        [
            .pseudonym(pid), .date(r.registeredDate), .text(r.offence.rawValue), r.legalArticle.map(FieldValue.text),
            r.exploitationForms.isEmpty ? nil : .list(r.exploitationForms.map(\.rawValue)),
            r.onlineFacilitated.map(FieldValue.boolean), r.transnational.map(FieldValue.boolean),
            .text(r.status.rawValue), .date(r.statusDate),
        ]
    }

    static func offender(_ r: OffenderRecord, record: Pseudonym, casePid: Pseudonym, person: Pseudonym) -> [FieldValue?] {
        [
            .pseudonym(record), .pseudonym(casePid), .pseudonym(person), .text(r.sex.rawValue),
            .text(r.citizenship), age(r.identifiers.dateOfBirth, r.suspectedDate), .date(r.suspectedDate),
            r.prosecutedDate.map(FieldValue.date), r.convictedDate.map(FieldValue.date), r.acquittedDate.map(FieldValue.date),
            r.sentenceType.map { .text($0.rawValue) }, r.sentenceMonths.map(FieldValue.integer),
            r.official.map(FieldValue.boolean), r.wanted.map { .text($0.rawValue) },
        ]
    }

    private static func age(_ dob: ISODate?, _ on: ISODate?) -> FieldValue? {
        guard let dob, let on, let years = dob.age(on: on) else { return nil }
        return .integer(years)
    }
}
