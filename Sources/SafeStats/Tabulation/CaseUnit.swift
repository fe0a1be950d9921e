/// One criminal case as counted.
public struct CaseUnit: Sendable, Equatable {
    public var registered: ISODate
    public var statusDate: ISODate
    public var offence: Offence
    public var forms: Set<ExploitationForm>
    public var onlineFacilitated: Bool?
    public var transnational: Bool?
    public var status: CaseStatus

    init(record r: CaseRecord) {
        registered = r.registeredDate
        statusDate = r.statusDate
        offence = r.offence
        forms = Set(r.exploitationForms)
        onlineFacilitated = r.onlineFacilitated
        transnational = r.transnational
        status = r.status
    }
}
