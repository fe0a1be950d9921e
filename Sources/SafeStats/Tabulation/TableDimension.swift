/// A way to split victims into categories: each unit falls in exactly one category, so every
/// table is additive and its margins ("Total") are the sums of its categories.
public enum TableDimension: Hashable, Sendable {
    /// female, male, other, unknown.
    case sex
    /// child (under 18), adult, unknown.
    case ageGroup
    /// presumed, identified.
    case identificationStatus
    /// The form of exploitation; a victim of several forms falls in `multiple_forms`.
    case form
    /// national (citizen of `country`), foreign, unknown.
    case citizenship(country: String)
    /// domestic (exploited only in `country`), transnational, unknown.
    case scope(country: String)
    /// yes or no: whether the victim received this kind of assistance (a binary dimension per value).
    case received(Assistance)

    /// A stable name for keys and outputs.
    public var id: String {
        switch self {
        case .sex: "sex"
        case .ageGroup: "age_group"
        case .identificationStatus: "identification_status"
        case .form: "form"
        case .citizenship(let c): "citizenship_\(c)"
        case .scope(let c): "scope_\(c)"
        case .received(let a): "received_\(a.rawValue)"
        }
    }

    /// The categories, in the order tables show them.
    public var categories: [String] {
        switch self {
        case .sex: Sex.allCases.map(\.rawValue)
        case .ageGroup: ["child", "adult", "unknown"]
        case .identificationStatus: IdentificationStatus.allCases.map(\.rawValue)
        case .form: ExploitationForm.allCases.map(\.rawValue) + ["multiple_forms"]
        case .citizenship: ["national", "foreign", "unknown"]
        case .scope: ["domestic", "transnational", "unknown"]
        case .received: ["yes", "no"]
        }
    }

    /// The category of `unit`: always one of `categories`.
    public func category(of unit: VictimUnit) -> String {
        switch self {
        case .sex:
            return unit.sex.rawValue
        case .ageGroup:
            guard let age = unit.age else { return "unknown" }
            return age < 18 ? "child" : "adult"
        case .identificationStatus:
            return unit.status.rawValue
        case .form:
            return unit.forms.count == 1 ? unit.forms.first!.rawValue : "multiple_forms"
        case .citizenship(let country):
            if unit.citizenship == "UNK" { return "unknown" }
            return unit.citizenship == country ? "national" : "foreign"
        case .scope(let country):
            let known = unit.countries.subtracting(["UNK"])
            if known.isEmpty { return "unknown" }
            return known == [country] ? "domestic" : "transnational"
        case .received(let a):
            return unit.assistance.contains(a) ? "yes" : "no"
        }
    }
}
