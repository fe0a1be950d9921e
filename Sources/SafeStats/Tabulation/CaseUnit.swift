/// One criminal case as counted.
public struct CaseUnit: Sendable, Equatable, Codable {
    /// The case id as read (the case pseudonym in pseudonymised files); held in memory only until
    /// offenders have the forms of their cases, then empty.
    var id: String
    public var registered: ISODate
    public var statusDate: ISODate
    public var offence: Offence
    public var forms: Set<ExploitationForm>
    public var onlineFacilitated: Bool?
    public var transnational: Bool?
    public var status: CaseStatus

    init(record r: CaseRecord) {
        id = r.caseID
        registered = r.registeredDate
        statusDate = r.statusDate
        offence = r.offence
        forms = Set(r.exploitationForms)
        onlineFacilitated = r.onlineFacilitated
        transnational = r.transnational
        status = r.status
    }
}
