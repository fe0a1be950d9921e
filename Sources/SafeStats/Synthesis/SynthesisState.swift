/// The running state of one synthesis: writers, counters, the open case and known offenders.
struct SynthesisState {
    var g: SeededGenerator
    let years: ClosedRange<Int>
    let victims: RecordWriter
    let cases: RecordWriter
    let offenders: RecordWriter
    var victimRows = 0
    var caseCount = 0
    var offenderRows = 0
    /// The case that new victims may join, with its victims still to come.
    private var openCase: (id: String, date: ISODate, forms: [ExploitationForm], transnational: Bool, room: Int)?
    /// Offenders already used, some of whom reappear in later cases.
    private var knownOffenders: [SyntheticPerson] = []

    init(g: SeededGenerator, years: ClosedRange<Int>, victims: RecordWriter, cases: RecordWriter, offenders: RecordWriter) {
        self.g = g
        self.years = years
        self.victims = victims
        self.cases = cases
        self.offenders = offenders
    }

    private var lastDay: ISODate { ISODate(year: years.upperBound, month: 12, day: 31)! }

    private mutating func date(in year: Int) -> ISODate {
        let start = ISODate(year: year, month: 1, day: 1)!.daysSince1970
        return ISODate(daysSince1970: start + g.int(0...364))
    }

    private mutating func clamp(_ d: ISODate) -> ISODate { min(d, lastDay) }

    // MARK: victims

    mutating func addPerson(maxRecords: Int) {
        let citizenship = g.weighted([("AZE", 0.82), ("UZB", 0.04), ("TJK", 0.03), ("NPL", 0.03), ("KGZ", 0.02),
                                      ("TUR", 0.02), ("RUS", 0.02), ("UKR", 0.02)])
        let sex = g.weighted([(Sex.female, 0.86), (.male, 0.12), (.unknown, 0.015), (.other, 0.005)])
        let identified = date(in: g.int(years.lowerBound...years.upperBound))
        let start = ISODate(daysSince1970: identified.daysSince1970 - g.int(20...900))
        let age = g.chance(0.09) ? g.int(13...17) : g.weighted([(g.int(18...25), 0.45), (g.int(26...35), 0.35), (g.int(36...55), 0.2)])
        let dob = ISODate(daysSince1970: start.daysSince1970 - age * 365 - g.int(0...364))
        let person = SyntheticPerson.make(&g, sex: sex, citizenship: citizenship, dateOfBirth: dob)
        let (forms, countries) = exploitation(person)
        let region: String? = citizenship == "AZE"
            ? g.weighted([("AZ-BA", 0.45), ("AZ-SM", 0.1), ("AZ-GA", 0.1), ("AZ-LA", 0.07), ("AZ-MI", 0.05),
                          ("AZ-SR", 0.05), ("AZ-SA", 0.05), ("AZ-NX", 0.03), (nil, 0.1)]) : nil
        let transnational = countries != [citizenship]
        let online = g.chance(0.3)
        let records = min(maxRecords, g.weighted([(1, 0.55), (2, 0.3), (3, 0.15)]))
        var sources: [Source] = []
        while sources.count < records {
            let s = g.weighted([(Source.police, 0.35), (.ngo, 0.25), (.migrationService, 0.15), (.prosecution, 0.08),
                                (.internationalOrg, 0.05), (.hotline, 0.05), (.labourInspection, 0.04), (.court, 0.03)])
            if !sources.contains(s) { sources.append(s) }
        }
        var caseID: String?
        for source in sources {
            let official = [.police, .prosecution, .court].contains(source)
            let status: IdentificationStatus = official ? (g.chance(0.85) ? .identified : .presumed) : (g.chance(0.3) ? .identified : .presumed)
            let day = clamp(ISODate(daysSince1970: identified.daysSince1970 + g.int(0...60)))
            if official && status == .identified && caseID == nil && g.chance(0.75) {
                caseID = joinCase(date: day, forms: forms, transnational: transnational)
            }
            victimRows += 1
            victims.write(victimRow(person, source: source, status: status, date: day, start: start, forms: forms,
                                    countries: countries, region: region, online: online,
                                    caseID: official ? caseID : nil, foreign: citizenship != "AZE"))
        }
    }

    private mutating func exploitation(_ p: SyntheticPerson) -> ([ExploitationForm], [String]) {
        if p.citizenship != "AZE" {
            return ([g.weighted([(.forcedLabour, 0.5), (.sexualExploitation, 0.4), (.domesticServitude, 0.1)])], ["AZE"])
        }
        var form: ExploitationForm = p.sex == .male
            ? g.weighted([(.forcedLabour, 0.8), (.forcedCriminality, 0.1), (.forcedBegging, 0.1)])
            : g.weighted([(.sexualExploitation, 0.8), (.forcedLabour, 0.1), (.domesticServitude, 0.04),
                          (.forcedMarriage, 0.03), (.forcedBegging, 0.02), (.other, 0.01)])
        if form == .forcedMarriage && g.chance(0.5) { form = .sexualExploitation }
        var forms = [form]
        if g.chance(0.05) && form != .forcedLabour { forms.append(.forcedLabour) }
        let country: String = form == .sexualExploitation
            ? g.weighted([("TUR", 0.4), ("ARE", 0.25), ("RUS", 0.1), ("AZE", 0.1), ("IRN", 0.05), ("GEO", 0.05), ("QAT", 0.05)])
            : g.weighted([("RUS", 0.45), ("AZE", 0.35), ("TUR", 0.1), ("KAZ", 0.1)])
        var countries = [country]
        if g.chance(0.04) { countries.append(country == "TUR" ? "GEO" : "TUR") }
        return (forms, countries)
    }

    private mutating func victimRow(_ p: SyntheticPerson, source: Source, status: IdentificationStatus, date: ISODate,
                                    start: ISODate, forms: [ExploitationForm], countries: [String], region: String?,
                                    online: Bool, caseID: String?, foreign: Bool) -> [FieldValue?] {
        // Which identifiers this register holds.
        let anonymous = source == .hotline && g.chance(0.7)
        let hasName = !anonymous && (source != .hotline) && g.chance(0.92)
        let hasNID = !anonymous && p.nationalID != nil && ([.police, .prosecution, .court].contains(source) ? g.chance(0.8) : g.chance(0.2))
        let hasPassport = !anonymous && p.passportNumber != nil && (source == .migrationService || g.chance(0.3))
        var v = [FieldValue?](repeating: nil, count: VictimField.allCases.count)
        func set(_ f: VictimField, _ value: FieldValue?) { v[f.rawValue] = value }
        set(.recordID, .text("\(source.rawValue.prefix(3).uppercased())-\(victimRows)"))
        set(.source, .text(source.rawValue))
        if hasNID { set(.nationalID, .text(SyntheticPerson.variant(ofNumber: p.nationalID!, &g))) }
        if hasPassport {
            set(.passportNumber, .text(SyntheticPerson.variant(ofNumber: p.passportNumber!, &g)))
            set(.passportCountry, .text(p.passportCountry!))
        }
        if hasName {
            set(.givenName, .text(SyntheticPerson.variant(of: p.givenName, &g)))
            set(.familyName, .text(SyntheticPerson.variant(of: p.familyName, &g)))
            set(.dateOfBirth, .date(p.dateOfBirth))
        } else if source == .hotline && !anonymous {
            set(.givenName, .text(p.givenName))
        }
        set(.sex, .text(p.sex.rawValue))
        set(.citizenship, .text(p.citizenship))
        set(.residenceRegion, region.map(FieldValue.text))
        set(.identificationStatus, .text(status.rawValue))
        set(.identificationDate, .date(date))
        if g.chance(0.8) { set(.exploitationStartDate, .date(start)) }
        set(.exploitationForms, .list(forms.map(\.rawValue)))
        set(.exploitationCountries, .list(countries))
        if g.chance(0.7) { set(.recruitedOnline, .boolean(online)) }
        if let caseID { set(.caseIDs, .list([caseID])) }
        if status == .identified || g.chance(0.3) {
            var help: [Assistance] = []
            for (a, p) in [(Assistance.shelter, 0.45), (.medical, 0.6), (.psychological, 0.55), (.legal, 0.5),
                           (.financialAllowance, 0.7), (.vocationalTraining, 0.15), (.employment, 0.1),
                           (.education, 0.05), (.repatriation, foreign ? 0.3 : 0.05)] where g.chance(p) { help.append(a) }
            if !help.isEmpty { set(.assistance, .list(help.map(\.rawValue))) }
        }
        if foreign {
            set(.reflectionPeriodGranted, .boolean(g.chance(0.6)))
            set(.residencePermitGranted, .boolean(g.chance(0.35)))
        }
        if caseID != nil {
            set(.compensation, .text(g.weighted([(Compensation.none, 0.6), (.claimed, 0.2), (.awarded, 0.12), (.paid, 0.08)]).rawValue))
        }
        return v
    }

    // MARK: cases and offenders

    private mutating func joinCase(date: ISODate, forms: [ExploitationForm], transnational: Bool) -> String {
        if var open = openCase, open.room > 0, open.forms == forms, g.chance(0.5) {
            open.room -= 1
            openCase = open
            return open.id
        }
        closeCase()
        caseCount += 1
        let id = "CR-\(date.year)-\(caseCount)"
        openCase = (id, date, forms, transnational, g.weighted([(0, 0.5), (1, 0.3), (2, 0.15), (4, 0.05)]))
        return id
    }

    /// Writes the open case and its offenders.
    mutating func closeCase() {
        guard let c = openCase else { return }
        openCase = nil
        let registered = clamp(ISODate(daysSince1970: c.date.daysSince1970 - g.int(0...20)))
        let offence: Offence = c.forms.contains(.forcedLabour) && g.chance(0.4) ? .forcedLabour
            : g.weighted([(.trafficking, 0.9), (.documentForgery, 0.06), (.otherRelated, 0.04)])
        let status = g.weighted([(CaseStatus.decided, 0.4), (.sentToCourt, 0.2), (.underInvestigation, 0.25),
                                 (.suspended, 0.1), (.discontinued, 0.05)])
        let statusDate = clamp(ISODate(daysSince1970: registered.daysSince1970 + g.int(30...500)))
        var row = [FieldValue?](repeating: nil, count: CaseField.allCases.count)
        row[CaseField.caseID.rawValue] = .text(c.id)
        row[CaseField.registeredDate.rawValue] = .date(registered)
        row[CaseField.offence.rawValue] = .text(offence.rawValue)
        row[CaseField.legalArticle.rawValue] = .text(offence == .trafficking ? "144-1" : offence == .forcedLabour ? "144-2" : "320")
        row[CaseField.exploitationForms.rawValue] = .list(c.forms.map(\.rawValue))
        row[CaseField.onlineFacilitated.rawValue] = .boolean(g.chance(0.3))
        row[CaseField.transnational.rawValue] = .boolean(c.transnational)
        row[CaseField.status.rawValue] = .text(status.rawValue)
        row[CaseField.statusDate.rawValue] = .date(statusDate)
        cases.write(row)
        for _ in 0..<g.weighted([(1, 0.5), (2, 0.35), (3, 0.15)]) {
            addOffender(caseID: c.id, registered: registered, status: status, statusDate: statusDate)
        }
    }

    private mutating func addOffender(caseID: String, registered: ISODate, status: CaseStatus, statusDate: ISODate) {
        let person: SyntheticPerson
        if !knownOffenders.isEmpty && g.chance(0.05) {
            person = g.pick(knownOffenders)
        } else {
            let sex = g.weighted([(Sex.male, 0.55), (.female, 0.45)])
            let citizenship = g.weighted([("AZE", 0.85), ("TUR", 0.05), ("RUS", 0.04), ("UZB", 0.03), ("UKR", 0.03)])
            let dob = ISODate(daysSince1970: registered.daysSince1970 - g.int(22...60) * 365 - g.int(0...364))
            person = SyntheticPerson.make(&g, sex: sex, citizenship: citizenship, dateOfBirth: dob)
            if knownOffenders.count < 10_000 { knownOffenders.append(person) }
        }
        offenderRows += 1
        var v = [FieldValue?](repeating: nil, count: OffenderField.allCases.count)
        func set(_ f: OffenderField, _ value: FieldValue?) { v[f.rawValue] = value }
        set(.recordID, .text("OFF-\(offenderRows)"))
        set(.caseID, .text(caseID))
        if let nid = person.nationalID, g.chance(0.9) { set(.nationalID, .text(SyntheticPerson.variant(ofNumber: nid, &g))) }
        if let pp = person.passportNumber, g.chance(0.3) {
            set(.passportNumber, .text(SyntheticPerson.variant(ofNumber: pp, &g)))
            set(.passportCountry, .text(person.passportCountry!))
        }
        set(.givenName, .text(SyntheticPerson.variant(of: person.givenName, &g)))
        set(.familyName, .text(SyntheticPerson.variant(of: person.familyName, &g)))
        set(.dateOfBirth, .date(person.dateOfBirth))
        set(.sex, .text(person.sex.rawValue))
        set(.citizenship, .text(person.citizenship))
        let suspected = max(registered, min(statusDate, ISODate(daysSince1970: registered.daysSince1970 + g.int(0...30))))
        set(.suspectedDate, .date(suspected))
        if status == .sentToCourt || status == .decided {
            set(.prosecutedDate, .date(suspected))
            if status == .decided {
                if g.chance(0.88) {
                    set(.convictedDate, .date(statusDate))
                    let type = g.weighted([(SentenceType.imprisonment, 0.8), (.suspended, 0.15), (.fine, 0.05)])
                    set(.sentenceType, .text(type.rawValue))
                    if type == .imprisonment { set(.sentenceMonths, .integer(g.int(24...150))) }
                    if type == .suspended { set(.sentenceMonths, .integer(g.int(12...36))) }
                } else {
                    set(.acquittedDate, .date(statusDate))
                }
            }
        }
        if g.chance(0.02) { set(.official, .boolean(true)) }
        if status == .underInvestigation || status == .suspended {
            set(.wanted, .text(g.weighted([(Wanted.none, 0.8), (.domestic, 0.12), (.international, 0.08)]).rawValue))
        }
        offenders.write(v)
    }
}
