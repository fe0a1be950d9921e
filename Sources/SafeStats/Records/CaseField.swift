/// Columns of `cases` (DESIGN.md, "Input contract"), in order.
enum CaseField: Int, RecordField {
    case caseID, registeredDate, offence, legalArticle, exploitationForms, onlineFacilitated, transnational
    case status, statusDate

    /// Built afresh on each call, so readers on different threads share no reference-counted storage.
    static var specs: [FieldSpec] {
        [
            FieldSpec("case_id", .identifier, required: true),
            FieldSpec("registered_date", .date, required: true),
            FieldSpec("offence", .code(CodeList(Offence.self)), required: true),
            FieldSpec("legal_article", .text(maxLength: 200)),
            FieldSpec("exploitation_forms", .codes(CodeList(ExploitationForm.self), minItems: 0)),
            FieldSpec("online_facilitated", .boolean),
            FieldSpec("transnational", .boolean),
            FieldSpec("status", .code(CodeList(CaseStatus.self)), required: true),
            FieldSpec("status_date", .date, required: true),
        ]
    }
}
