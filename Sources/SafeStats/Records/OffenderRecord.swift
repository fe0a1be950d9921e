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

    /// Builds the record from a row that kept every per-record rule.
    init(_ v: FieldValues<OffenderField>) {
        line = v.line
        recordID = v.text(.recordID)!
        caseID = v.text(.caseID)!
        identifiers = v.personIdentifiers(from: .nationalID)
        sex = v.code(.sex, as: Sex.self)!
        citizenship = v.text(.citizenship)!
        suspectedDate = v.date(.suspectedDate)!
        prosecutedDate = v.date(.prosecutedDate)
        convictedDate = v.date(.convictedDate)
        acquittedDate = v.date(.acquittedDate)
        sentenceType = v.code(.sentenceType, as: SentenceType.self)
        sentenceMonths = v.integer(.sentenceMonths)
        official = v.bool(.official)
        wanted = v.code(.wanted, as: Wanted.self)
    }
}
