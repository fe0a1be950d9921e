/// The direct identifiers of a victim or offender record, as read (before normalisation).
/// Never printed or logged.
public struct PersonIdentifiers: Sendable, Equatable {
    public var nationalID: String?
    public var passportNumber: String?
    public var passportCountry: String?
    public var givenName: String?
    public var familyName: String?
    public var dateOfBirth: ISODate?

    public init(nationalID: String? = nil, passportNumber: String? = nil, passportCountry: String? = nil,
                givenName: String? = nil, familyName: String? = nil, dateOfBirth: ISODate? = nil) {
        self.nationalID = nationalID
        self.passportNumber = passportNumber
        self.passportCountry = passportCountry
        self.givenName = givenName
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
    }
}
