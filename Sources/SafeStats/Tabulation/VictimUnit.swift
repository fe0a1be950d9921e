/// One victim as counted: a person, merged from all of that person's records.
///
/// Merge rules: identified beats presumed; the earliest identification date (which puts the person
/// in a period, so each person is counted in one period only); the union of forms of exploitation,
/// countries of exploitation and assistance; sex, citizenship, age and region of residence from
/// the earliest record that knows them (`unknown`/`UNK` count as not knowing); the earliest start
/// of exploitation any record gives; a reflection period or residence
/// permit granted if any record says so (not granted if records say only no); the furthest stage
/// of compensation any record reached.
public struct VictimUnit: Sendable, Equatable, Codable {
    public let person: Pseudonym
    public var status: IdentificationStatus
    public var firstIdentified: ISODate
    public var sex: Sex
    public var citizenship: String
    /// Age in whole years when exploitation started (or, failing that, when identified).
    public var age: Int?
    public var forms: Set<ExploitationForm>
    public var countries: Set<String>
    public var assistance: Set<Assistance>
    public var reflectionPeriodGranted: Bool?
    public var residencePermitGranted: Bool?
    public var compensation: Compensation?
    /// The region of residence (`residence_region`, as recorded); nil when no record gives one.
    public var residenceRegion: String?
    /// When exploitation began, the earliest any record gives; nil when none does.
    public var exploitationStarted: ISODate?
    /// The identification dates of the records that gave sex, citizenship and age (nil: none knew).
    private var sexKnownAt: ISODate?
    private var citizenshipKnownAt: ISODate?
    private var ageKnownAt: ISODate?
    private var residenceKnownAt: ISODate?

    init(person: Pseudonym, record r: VictimRecord) {
        self.init(person: person, record: r, age: VictimUnit.age(r))
    }

    /// `age`: the record's age in whole years when exploitation started, or failing that when
    /// identified (given apart when the record has no date of birth, as in pseudonymised files).
    init(person: Pseudonym, record r: VictimRecord, age: Int?) {
        self.person = person
        status = r.identificationStatus
        firstIdentified = r.identificationDate
        sex = r.sex
        citizenship = r.citizenship
        self.age = age
        sexKnownAt = r.sex == .unknown ? nil : r.identificationDate
        citizenshipKnownAt = r.citizenship == "UNK" ? nil : r.identificationDate
        ageKnownAt = age == nil ? nil : r.identificationDate
        forms = Set(r.exploitationForms)
        countries = Set(r.exploitationCountries)
        assistance = Set(r.assistance)
        reflectionPeriodGranted = r.reflectionPeriodGranted
        residencePermitGranted = r.residencePermitGranted
        compensation = r.compensation
        residenceRegion = r.residenceRegion
        residenceKnownAt = r.residenceRegion == nil ? nil : r.identificationDate
        exploitationStarted = r.exploitationStartDate
    }

    /// Adds another record of the same person. Records may come in any order: "earliest" is by
    /// identification date, ties broken by keeping what is already there.
    mutating func merge(_ r: VictimRecord) {
        merge(r, age: VictimUnit.age(r))
    }

    mutating func merge(_ r: VictimRecord, age recordAge: Int?) {
        if r.identificationStatus == .identified { status = .identified }
        let date = r.identificationDate
        firstIdentified = min(firstIdentified, date)
        if r.sex != .unknown, replacesAsEarlier(date, sexKnownAt) { (sex, sexKnownAt) = (r.sex, date) }
        if r.citizenship != "UNK", replacesAsEarlier(date, citizenshipKnownAt) { (citizenship, citizenshipKnownAt) = (r.citizenship, date) }
        if let recordAge, replacesAsEarlier(date, ageKnownAt) { (age, ageKnownAt) = (recordAge, date) }
        if let region = r.residenceRegion, replacesAsEarlier(date, residenceKnownAt) { (residenceRegion, residenceKnownAt) = (region, date) }
        if let started = r.exploitationStartDate { exploitationStarted = min(exploitationStarted ?? started, started) }
        forms.formUnion(r.exploitationForms)
        countries.formUnion(r.exploitationCountries)
        assistance.formUnion(r.assistance)
        reflectionPeriodGranted = Self.granted(reflectionPeriodGranted, r.reflectionPeriodGranted)
        residencePermitGranted = Self.granted(residencePermitGranted, r.residencePermitGranted)
        if let stage = r.compensation, compensation.map({ Self.stages.firstIndex(of: $0)! < Self.stages.firstIndex(of: stage)! }) ?? true {
            compensation = stage
        }
    }

    private static let stages = Compensation.allCases

    /// Granted if either record says so; not granted if one says no and neither says yes.
    private static func granted(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        return a ?? b
    }

    private static func age(_ r: VictimRecord) -> Int? {
        guard let dob = r.identifiers.dateOfBirth else { return nil }
        return dob.age(on: r.exploitationStartDate ?? r.identificationDate)
    }
}
