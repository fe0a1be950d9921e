/// Columns of `offenders` (DESIGN.md, "Input contract"), in order.
enum OffenderField: Int, RecordField {
    case recordID, caseID, nationalID, passportNumber, passportCountry, givenName, familyName, dateOfBirth
    case sex, citizenship, suspectedDate, prosecutedDate, convictedDate, acquittedDate
    case sentenceType, sentenceMonths, official, wanted

    /// Longest sentence accepted, in months (100 years).
    static let maxSentenceMonths = 1200

    /// Built afresh on each call, so readers on different threads share no reference-counted storage.
    static var specs: [FieldSpec] {
        [
            FieldSpec("record_id", .identifier, required: true),
            FieldSpec("case_id", .identifier, required: true)
        ] + FieldSpec.personIdentifiers + [
            FieldSpec("sex", .code(Sex.codeList), required: true),
            FieldSpec("citizenship", .country, required: true),
            FieldSpec("suspected_date", .date, required: true),
            FieldSpec("prosecuted_date", .date),
            FieldSpec("convicted_date", .date),
            FieldSpec("acquitted_date", .date),
            FieldSpec("sentence_type", .code(SentenceType.codeList)),
            FieldSpec("sentence_months", .integer(0...maxSentenceMonths)),
            FieldSpec("official", .boolean),
            FieldSpec("wanted", .code(Wanted.codeList)),
        ]
    }
}
