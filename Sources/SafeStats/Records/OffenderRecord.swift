/// One row of `offenders`: one person in one case.
public struct OffenderRecord: Sendable, Equatable {
    public var line: Int
    public var recordID: String
    public var caseID: String
    public var identifiers: PersonIdentifiers
    public var sex: Sex
    public var citizenship: String
    public var suspectedDate: ISODate
    public var prosecutedDate: ISODate?
    public var convictedDate: ISODate?
    public var acquittedDate: ISODate?
    public var sentenceType: SentenceType?
    public var sentenceMonths: Int?
    public var official: Bool?
    public var wanted: Wanted?

    /// Builds the record from its fields. A row missing a required field is refused before its
    /// record is used, so the stand-ins for absent required values are never seen.
    init<S: RecordFieldSource>(_ v: S) where S.Field == OffenderField {
        line = v.line
        recordID = v.text(.recordID) ?? ""
        caseID = v.text(.caseID) ?? ""
        identifiers = v.personIdentifiers(from: .nationalID)
        sex = v.code(.sex, as: Sex.self) ?? .unknown
        citizenship = v.text(.citizenship) ?? ""
        suspectedDate = v.date(.suspectedDate) ?? .standIn
        prosecutedDate = v.date(.prosecutedDate)
        convictedDate = v.date(.convictedDate)
        acquittedDate = v.date(.acquittedDate)
        sentenceType = v.code(.sentenceType, as: SentenceType.self)
        sentenceMonths = v.integer(.sentenceMonths)
        official = v.bool(.official)
        wanted = v.code(.wanted, as: Wanted.self)
    }
}
