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

    /// Builds the record from its fields. A row missing a required field is refused before its
    /// record is used, so the stand-ins for absent required values are never seen.
    init<S: RecordFieldSource>(_ v: S) where S.Field == CaseField {
        line = v.line
        caseID = v.text(.caseID) ?? ""
        registeredDate = v.date(.registeredDate) ?? .standIn
        offence = v.code(.offence, as: Offence.self) ?? .otherRelated
        legalArticle = v.text(.legalArticle)
        exploitationForms = v.codes(.exploitationForms, as: ExploitationForm.self)
        onlineFacilitated = v.bool(.onlineFacilitated)
        transnational = v.bool(.transnational)
        status = v.code(.status, as: CaseStatus.self) ?? .underInvestigation
        statusDate = v.date(.statusDate) ?? .standIn
    }
}
