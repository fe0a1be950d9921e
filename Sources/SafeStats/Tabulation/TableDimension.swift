/// A way to split units into categories: each unit falls in exactly one category, so every table
/// is additive and its margins ("Total") are the sums of its categories. Multi-valued fields are
/// either one category per unit with a declared "multiple" category (`form`), or one binary
/// dimension per value (`hasForm`, `received`).
public enum TableDimension: Hashable, Sendable {
    /// female, male, other, unknown. Victims and offenders.
    case sex
    /// child (under 18), adult, unknown. Victims.
    case ageGroup
    /// CTDC age bands 0-8 … 48+, unknown. Victims.
    case ageBand
    /// presumed, identified. Victims.
    case identificationStatus
    /// The form of exploitation; a unit with several forms falls in `multiple_forms`. Victims and cases.
    case form
    /// yes or no: whether the unit's forms include this one. Victims and cases.
    case hasForm(ExploitationForm)
    /// The form of exploitation in UNODC's GLOTIP groups (domestic servitude is forced labour;
    /// illegal adoption and other forms are "other purposes"); several forms: `multiple_forms`.
    /// Victims, cases and offenders (an offender's forms are those of their cases).
    case glotipForm
    /// sex_trafficking, labour_trafficking, other_forms, unknown, multiple_forms: the form of
    /// exploitation as the US TIP Report splits it. Victims, cases and offenders.
    case traffickingType
    /// The furthest stage a victim's compensation reached: none, claimed, awarded, paid, unknown.
    case compensation
    /// yes, no, unknown: whether a victim was granted a recovery and reflection period.
    case reflectionPeriod
    /// yes, no, unknown: whether a victim was granted a residence permit.
    case residencePermit
    /// yes or no: whether a victim received any assistance.
    case assisted
    /// national (citizen of `country`), foreign, unknown. Victims and offenders.
    case citizenship(country: String)
    /// The continent of citizenship (africa … south_america), stateless, unknown. Victims and offenders.
    case citizenshipRegion
    /// The country of citizenship: every code of the input contract (`XXA` stateless, `UNK`
    /// unknown). Victims and offenders.
    case citizenshipCountry
    /// domestic (exploited only in `country`), transnational, unknown. Victims.
    case scope(country: String)
    /// The country of exploitation: its code when the victim was exploited in one known country,
    /// `multiple_countries` for several, `UNK` when none is known. Victims.
    case exploitationCountry
    /// yes or no: whether the victim received this kind of assistance.
    case received(Assistance)
    /// The offence a case is registered under.
    case offence
    /// The procedural status of a case.
    case caseStatus
    /// yes, no, unknown: whether a case was facilitated online.
    case onlineFacilitated
    /// yes, no, unknown: whether a case is transnational.
    case transnationalCase
    /// The offender's sentence: suspended, imprisonment bands (under 1 year, 1 to 3, 3 to 5,
    /// 5 to 10, over 10 years), other (fine, other, none or not convicted).
    case sentenceBand
    /// yes or no: whether the offender is a complicit public official.
    case official
    /// none, domestic, international, unknown: whether the offender is wanted, and how.
    case wanted
    /// Age in whole years (0 … 99, 100+, unknown): the finest level of the age hierarchy, which
    /// links tables by different age bands; never declared, never published. Victims.
    case ageYear
    /// A grouping a profile declares for itself (age bands, regions of residence, the year
    /// exploitation began). Victims.
    case declared(DeclaredGrouping)

    /// The name used in table declarations and outputs.
    public var id: String {
        switch self {
        case .sex: "sex"
        case .ageGroup: "age_group"
        case .ageBand: "age_band"
        case .identificationStatus: "identification_status"
        case .form: "form"
        case .hasForm(let f): "form_\(f.rawValue)"
        case .glotipForm: "glotip_form"
        case .traffickingType: "trafficking_type"
        case .compensation: "compensation"
        case .reflectionPeriod: "reflection_period_granted"
        case .residencePermit: "residence_permit_granted"
        case .assisted: "assisted"
        case .citizenship: "citizenship"
        case .citizenshipRegion: "citizenship_region"
        case .citizenshipCountry: "citizenship_country"
        case .scope: "scope"
        case .exploitationCountry: "exploitation_country"
        case .received(let a): "received_\(a.rawValue)"
        case .offence: "offence"
        case .caseStatus: "case_status"
        case .onlineFacilitated: "online_facilitated"
        case .transnationalCase: "transnational"
        case .sentenceBand: "sentence_band"
        case .official: "official"
        case .wanted: "wanted"
        case .ageYear: "age_year"
        case .declared(let g): g.name
        }
    }

    /// The dimension named `name` in a table declaration, built in or one of `groupings`;
    /// `country` is the reporting country for national/foreign and domestic/transnational. nil
    /// for an unknown name.
    public init?(name: String, country: String, groupings: [DeclaredGrouping] = []) {
        if let g = groupings.first(where: { $0.name == name }) {
            self = .declared(g)
            return
        }
        guard let d = Self.all(country: country).first(where: { $0.id == name }) else { return nil }
        self = d
    }

    /// Every dimension, for the reporting country `country`.
    public static func all(country: String) -> [TableDimension] {
        [.sex, .ageGroup, .ageBand, .identificationStatus, .form, .glotipForm, .traffickingType, .compensation,
         .reflectionPeriod, .residencePermit, .assisted, .citizenship(country: country), .citizenshipRegion,
         .citizenshipCountry, .scope(country: country), .exploitationCountry,
         .offence, .caseStatus, .onlineFacilitated, .transnationalCase, .sentenceBand, .official, .wanted]
            + ExploitationForm.allCases.map { .hasForm($0) } + Assistance.allCases.map { .received($0) }
    }

    /// The populations whose units this dimension can classify.
    public var populations: Set<Population> {
        switch self {
        case .sex, .citizenship, .citizenshipRegion, .citizenshipCountry: [.victims, .offenders]
        case .form, .glotipForm, .traffickingType: [.victims, .cases, .offenders]
        case .hasForm: [.victims, .cases]
        case .ageGroup, .ageBand, .identificationStatus, .scope, .exploitationCountry, .received,
             .compensation, .reflectionPeriod, .residencePermit, .assisted, .ageYear, .declared: [.victims]
        case .offence, .caseStatus, .onlineFacilitated, .transnationalCase: [.cases]
        case .sentenceBand, .official, .wanted: [.offenders]
        }
    }

    /// The CTDC age bands: lower bounds and labels.
    static let ageBands: [(from: Int, label: String)] = [
        (0, "0-8"), (9, "9-17"), (18, "18-20"), (21, "21-23"), (24, "24-26"), (27, "27-29"), (30, "30-38"), (39, "39-47"), (48, "48+"),
    ]

    /// The categories of `ageYear`: 0 … 99, then 100 and over, then unknown.
    static let oldestYear = 100
    static let ageYears = (0..<oldestYear).map(String.init) + ["\(oldestYear)+", "unknown"]

    /// The categories, in the order tables show them.
    public var categories: [String] {
        switch self {
        case .sex: Sex.allCases.map(\.rawValue)
        case .ageGroup: ["child", "adult", "unknown"]
        case .ageBand: Self.ageBands.map(\.label) + ["unknown"]
        case .identificationStatus: IdentificationStatus.allCases.map(\.rawValue)
        case .form: ExploitationForm.allCases.map(\.rawValue) + ["multiple_forms"]
        case .glotipForm: Self.glotipForms
        case .traffickingType: Self.traffickingTypes
        case .compensation: Compensation.allCases.map(\.rawValue) + ["unknown"]
        case .reflectionPeriod, .residencePermit: ["yes", "no", "unknown"]
        case .assisted: ["yes", "no"]
        case .citizenship: ["national", "foreign", "unknown"]
        case .citizenshipRegion: Self.regions
        case .citizenshipCountry: CountryCodes.all
        case .scope: ["domestic", "transnational", "unknown"]
        case .exploitationCountry: CountryCodes.all + ["multiple_countries"]
        case .hasForm, .received, .official: ["yes", "no"]
        case .offence: Offence.allCases.map(\.rawValue)
        case .caseStatus: CaseStatus.allCases.map(\.rawValue)
        case .onlineFacilitated, .transnationalCase: ["yes", "no", "unknown"]
        case .sentenceBand: ["suspended", "under_1_year", "1_to_3_years", "3_to_5_years", "5_to_10_years", "over_10_years", "other"]
        case .wanted: Wanted.allCases.map(\.rawValue) + ["unknown"]
        case .ageYear: Self.ageYears
        case .declared(let g): g.categories
        }
    }

    /// The index in `categories` of `unit`'s category; the unit must be of one of `populations`.
    public func categoryIndex(of unit: CountedUnit) -> Int {
        switch unit {
        case .victim(let v): categoryIndex(of: v)
        case .case(let c): categoryIndex(of: c)
        case .offender(let o): categoryIndex(of: o)
        }
    }

    /// The index of a victim's category (one unit, read in place: no copy of its sets).
    @inline(__always)
    func categoryIndex(of v: borrowing VictimUnit) -> Int {
        switch self {
        case .sex: Sex.allCases.firstIndex(of: v.sex)!
        case .ageGroup: v.age.map { $0 < 18 ? 0 : 1 } ?? 2
        case .ageBand: v.age.map { age in Self.ageBands.lastIndex { $0.from <= age } ?? 0 } ?? Self.ageBands.count
        case .identificationStatus: v.status == .presumed ? 0 : 1
        case .form: Self.formIndex(v.forms)
        case .glotipForm: Self.glotipFormOfForm[Self.formIndex(v.forms)]
        case .traffickingType: Self.traffickingTypeOfForm[Self.formIndex(v.forms)]
        case .hasForm(let f): v.forms.contains(f) ? 0 : 1
        case .compensation: v.compensation.map { Compensation.allCases.firstIndex(of: $0)! } ?? Compensation.allCases.count
        case .reflectionPeriod: Self.yesNoUnknown(v.reflectionPeriodGranted)
        case .residencePermit: Self.yesNoUnknown(v.residencePermitGranted)
        case .assisted: v.assistance.isEmpty ? 1 : 0
        case .citizenship(let country): Self.citizenshipIndex(v.citizenship, country)
        case .citizenshipRegion: Self.regionIndex(v.citizenship)
        case .citizenshipCountry: Self.countryIndex[v.citizenship]!
        case .scope(let country): Self.scopeIndex(v.countries, country)
        case .exploitationCountry: Self.exploitationCountryIndex(v.countries)
        case .received(let a): v.assistance.contains(a) ? 0 : 1
        case .ageYear: v.age.map { min($0, Self.oldestYear) } ?? Self.oldestYear + 1
        case .declared(let g): g.categoryIndex(of: v)
        default: preconditionFailure("dimension \(id) does not apply to victims")
        }
    }

    @inline(__always)
    func categoryIndex(of c: borrowing CaseUnit) -> Int {
        switch self {
        case .form: Self.formIndex(c.forms)
        case .glotipForm: Self.glotipFormOfForm[Self.formIndex(c.forms)]
        case .traffickingType: Self.traffickingTypeOfForm[Self.formIndex(c.forms)]
        case .hasForm(let f): c.forms.contains(f) ? 0 : 1
        case .offence: Offence.allCases.firstIndex(of: c.offence)!
        case .caseStatus: CaseStatus.allCases.firstIndex(of: c.status)!
        case .onlineFacilitated: c.onlineFacilitated.map { $0 ? 0 : 1 } ?? 2
        case .transnationalCase: c.transnational.map { $0 ? 0 : 1 } ?? 2
        default: preconditionFailure("dimension \(id) does not apply to cases")
        }
    }

    @inline(__always)
    func categoryIndex(of o: borrowing OffenderUnit) -> Int {
        switch self {
        case .sex: Sex.allCases.firstIndex(of: o.sex)!
        case .citizenship(let country): Self.citizenshipIndex(o.citizenship, country)
        case .citizenshipRegion: Self.regionIndex(o.citizenship)
        case .citizenshipCountry: Self.countryIndex[o.citizenship]!
        case .sentenceBand: Self.sentenceIndex(o)
        case .form: Self.formIndex(o.forms)
        case .glotipForm: Self.glotipFormOfForm[Self.formIndex(o.forms)]
        case .traffickingType: Self.traffickingTypeOfForm[Self.formIndex(o.forms)]
        case .official: o.official ? 0 : 1
        case .wanted: o.wanted.map { Wanted.allCases.firstIndex(of: $0)! } ?? Wanted.allCases.count
        default: preconditionFailure("dimension \(id) does not apply to offenders")
        }
    }

    /// The category of `unit`: always one of `categories`.
    public func category(of unit: CountedUnit) -> String {
        categories[categoryIndex(of: unit)]
    }

    /// The index of `forms` on `form`: the one form, or `multiple_forms`; a unit with no form
    /// recorded (an offender whose cases name none) counts as `unknown`.
    static func formIndex(_ forms: Set<ExploitationForm>) -> Int {
        switch forms.count {
        case 0: ExploitationForm.allCases.firstIndex(of: .unknown)!
        case 1: ExploitationForm.allCases.firstIndex(of: forms.first!)!
        default: ExploitationForm.allCases.count
        }
    }

    private static func yesNoUnknown(_ value: Bool?) -> Int {
        value.map { $0 ? 0 : 1 } ?? 2
    }

    /// The one country of exploitation known (`UNK` does not count), `UNK` when none is, or
    /// "multiple".
    static func exploitationCountryIndex(_ countries: Set<String>) -> Int {
        switch knownCountries(countries) {
        case .none: countryIndex["UNK"]!
        case .one(let country): countryIndex[country]!
        case .several: CountryCodes.all.count
        }
    }

    /// National (exploited only in `country`), foreign (anywhere else too), or unknown.
    static func scopeIndex(_ countries: Set<String>, _ country: String) -> Int {
        switch knownCountries(countries) {
        case .none: 2
        case .one(let only): only == country ? 0 : 1
        case .several: 1
        }
    }

    private enum KnownCountries { case none, one(String), several }

    /// The countries other than `UNK`, without building a new set.
    private static func knownCountries(_ countries: Set<String>) -> KnownCountries {
        let unknown = countries.contains("UNK") ? 1 : 0
        switch countries.count - unknown {
        case 0: return .none
        case 1: return .one(countries.first { $0 != "UNK" }!)
        default: return .several
        }
    }

    static func citizenshipIndex(_ citizenship: String, _ country: String) -> Int {
        citizenship == "UNK" ? 2 : (citizenship == country ? 0 : 1)
    }

    /// The regions of citizenship: the continents, then stateless and unknown.
    static let regions = ["africa", "antarctica", "asia", "europe", "north_america", "oceania", "south_america", "stateless", "unknown"]

    static func regionIndex(_ code: String) -> Int {
        regionIndexByCountry[code] ?? regions.count - 1
    }

    private static let regionIndexByCountry: [String: Int] = {
        var index = ["XXA": regions.count - 2]
        for (country, continent) in Continents.byCountry {
            index[country] = regions.firstIndex(of: continent.lowercased().split(separator: " ").joined(separator: "_"))!
        }
        return index
    }()

    static let countryIndex = Dictionary(uniqueKeysWithValues: CountryCodes.all.enumerated().map { ($1, $0) })

    /// Imprisonment bands in months: under 12, 12–35, 36–59, 60–120, over 120.
    private static func sentenceIndex(_ o: borrowing OffenderUnit) -> Int {
        switch o.sentenceType {
        case .suspended: return 0
        case .imprisonment:
            guard let m = o.sentenceMonths else { return 6 }
            return m < 12 ? 1 : m < 36 ? 2 : m < 60 ? 3 : m <= 120 ? 4 : 5
        default: return 6
        }
    }
}
