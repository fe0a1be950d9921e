/// Columns of `cases` (DESIGN.md, "Input contract"), in order.
enum CaseField: Int, RecordField {
    case caseID, registeredDate, offence, legalArticle, exploitationForms, onlineFacilitated, transnational
    case status, statusDate

    /// Built afresh on each call, so readers on different threads share no reference-counted storage.
    static var specs: [FieldSpec] {
        [
            FieldSpec("case_id", .identifier, required: true),
            FieldSpec("registered_date", .date, required: true),
            FieldSpec("offence", .code(Offence.codeList), required: true),
            FieldSpec("legal_article", .text(maxLength: 200)),
            FieldSpec("exploitation_forms", .codes(ExploitationForm.codeList, minItems: 0)),
            FieldSpec("online_facilitated", .boolean),
            FieldSpec("transnational", .boolean),
            FieldSpec("status", .code(CaseStatus.codeList), required: true),
            FieldSpec("status_date", .date, required: true),
        ]
    }
}
