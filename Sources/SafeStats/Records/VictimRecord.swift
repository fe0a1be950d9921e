/// One row of `victims`: one victim as recorded by one register.
public struct VictimRecord: Sendable, Equatable {
    public var line: Int
    public var recordID: String
    public var source: Source
    public var identifiers: PersonIdentifiers
    public var sex: Sex
    public var citizenship: String
    public var residenceRegion: String?
    public var identificationStatus: IdentificationStatus
    public var identificationDate: ISODate
    public var exploitationStartDate: ISODate?
    public var exploitationForms: [ExploitationForm]
    public var exploitationCountries: [String]
    public var recruitedOnline: Bool?
    public var caseIDs: [String]
    public var assistance: [Assistance]
    public var reflectionPeriodGranted: Bool?
    public var residencePermitGranted: Bool?
    public var compensation: Compensation?

    /// Builds the record from its fields. A row missing a required field is refused before its
    /// record is used, so the stand-ins for absent required values are never seen.
    init<S: RecordFieldSource>(_ v: S) where S.Field == VictimField {
        line = v.line
        recordID = v.text(.recordID) ?? ""
        source = v.code(.source, as: Source.self) ?? .other
        identifiers = v.personIdentifiers(from: .nationalID)
        sex = v.code(.sex, as: Sex.self) ?? .unknown
        citizenship = v.text(.citizenship) ?? ""
        residenceRegion = v.text(.residenceRegion)
        identificationStatus = v.code(.identificationStatus, as: IdentificationStatus.self) ?? .presumed
        identificationDate = v.date(.identificationDate) ?? .standIn
        exploitationStartDate = v.date(.exploitationStartDate)
        exploitationForms = v.codes(.exploitationForms, as: ExploitationForm.self)
        exploitationCountries = v.list(.exploitationCountries)
        recruitedOnline = v.bool(.recruitedOnline)
        caseIDs = v.list(.caseIDs)
        assistance = v.codes(.assistance, as: Assistance.self)
        reflectionPeriodGranted = v.bool(.reflectionPeriodGranted)
        residencePermitGranted = v.bool(.residencePermitGranted)
        compensation = v.code(.compensation, as: Compensation.self)
    }
}
