/// Columns of `victims` (DESIGN.md, "Input contract"), in order.
enum VictimField: Int, RecordField {
    case recordID, source, nationalID, passportNumber, passportCountry, givenName, familyName, dateOfBirth
    case sex, citizenship, residenceRegion, identificationStatus, identificationDate, exploitationStartDate
    case exploitationForms, exploitationCountries, recruitedOnline, caseIDs, assistance
    case reflectionPeriodGranted, residencePermitGranted, compensation

    /// Built afresh on each call, so readers on different threads share no reference-counted storage.
    static var specs: [FieldSpec] {
        [
            FieldSpec("record_id", .identifier, required: true),
            FieldSpec("source", .code(Source.codeList), required: true)
        ] + FieldSpec.personIdentifiers + [
            FieldSpec("sex", .code(Sex.codeList), required: true),
            FieldSpec("citizenship", .country, required: true),
            FieldSpec("residence_region", .region),
            FieldSpec("identification_status", .code(IdentificationStatus.codeList), required: true),
            FieldSpec("identification_date", .date, required: true),
            FieldSpec("exploitation_start_date", .date),
            FieldSpec("exploitation_forms", .codes(ExploitationForm.codeList, minItems: 1), required: true),
            FieldSpec("exploitation_countries", .countries(minItems: 1), required: true),
            FieldSpec("recruited_online", .boolean),
            FieldSpec("case_ids", .identifiers),
            FieldSpec("assistance", .codes(Assistance.codeList, minItems: 0)),
            FieldSpec("reflection_period_granted", .boolean),
            FieldSpec("residence_permit_granted", .boolean),
            FieldSpec("compensation", .code(Compensation.codeList)),
        ]
    }
}
