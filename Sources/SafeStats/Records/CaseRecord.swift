/// One row of `cases`: one criminal case.
public struct CaseRecord: Sendable, Equatable {
    public var line: Int
    public var caseID: String
    public var registeredDate: ISODate
    public var offence: Offence
    public var legalArticle: String?
    public var exploitationForms: [ExploitationForm]
    public var onlineFacilitated: Bool?
    public var transnational: Bool?
    public var status: CaseStatus
    public var statusDate: ISODate

    /// Builds the record from a row that kept every per-record rule.
    init(_ v: FieldValues<CaseField>) {
        line = v.line
        caseID = v.text(.caseID)!
        registeredDate = v.date(.registeredDate)!
        offence = v.code(.offence, as: Offence.self)!
        legalArticle = v.text(.legalArticle)
        exploitationForms = v.codes(.exploitationForms, as: ExploitationForm.self)
        onlineFacilitated = v.bool(.onlineFacilitated)
        transnational = v.bool(.transnational)
        status = v.code(.status, as: CaseStatus.self)!
        statusDate = v.date(.statusDate)!
    }
}
