/// The columns of pseudonymised files as fields to read back (`PseudonymisedRows` writes them).
/// Each column keeps the rule of the input column it replaces; pseudonyms are identifiers (checked
/// as 32 hex digits when read) and ages whole years.
enum PseudonymisedVictimField: Int, RecordField {
    case recordPID, personPID, source, sex, citizenship, residenceRegion, ageAtIdentification, ageAtExploitationStart
    case identificationStatus, identificationDate, exploitationStartDate, exploitationForms, exploitationCountries
    case recruitedOnline, casePIDs, assistance, reflectionPeriodGranted, residencePermitGranted, compensation

    static var specs: [FieldSpec] { PseudonymisedColumns.specs(.victims, input: VictimField.specs) }
}

enum PseudonymisedCaseField: Int, RecordField {
    case casePID, registeredDate, offence, legalArticle, exploitationForms, onlineFacilitated, transnational, status, statusDate

    static var specs: [FieldSpec] { PseudonymisedColumns.specs(.cases, input: CaseField.specs) }
}

enum PseudonymisedOffenderField: Int, RecordField {
    case recordPID, casePID, personPID, sex, citizenship, ageAtSuspicion, suspectedDate, prosecutedDate, convictedDate
    case acquittedDate, sentenceType, sentenceMonths, official, wanted

    static var specs: [FieldSpec] { PseudonymisedColumns.specs(.offenders, input: OffenderField.specs) }
}

enum PseudonymisedColumns {
    /// Pseudonymised column → the input column whose value it replaces.
    static let replaced = ["record_pid": "record_id", "case_pid": "case_id", "case_pids": "case_ids"]

    /// Oldest age accepted in pseudonymised files, in years.
    static let maxAge = 150

    static func specs(_ kind: RecordKind, input: [FieldSpec]) -> [FieldSpec] {
        PseudonymisedRows.columns(kind).map { name in
            switch name {
            case "person_pid": return FieldSpec(name, .identifier, required: true)
            case _ where name.hasPrefix("age_at_"): return FieldSpec(name, .integer(0...maxAge))
            default:
                let original = input.first { $0.name == (replaced[name] ?? name) }!
                return FieldSpec(name, original.type, required: original.required)
            }
        }
    }
}
