/// A quasi-identifier of a record extract and its generalisation hierarchy, from exact values
/// (level 0) to `*` (the top level).
public enum QuasiIdentifier: String, CaseIterable, Sendable {
    /// Age: years → CTDC bands (0-8, 9-17, 18-20, 21-23, 24-26, 27-29, 30-38, 39-47, 48+) →
    /// child/adult → *.
    case age
    /// Sex → *.
    case sex
    /// Citizenship: country → continent → national/foreign → *.
    case citizenship
    /// Countries of exploitation: countries → continents → domestic/transnational → *.
    case exploitationCountries = "exploitation_countries"
    /// First identification: date → quarter → year → *.
    case identificationDate = "identification_date"

    /// The highest level (`*`).
    public var topLevel: Int { self == .sex ? 1 : 3 }

    /// How values are written at generalisation `level`, in words.
    public func levelName(_ level: Int) -> String {
        let names: [String] = switch self {
        case .age: ["age in years", "CTDC age bands", "child or adult"]
        case .sex: ["as recorded"]
        case .citizenship: ["country", "continent", "national or foreign"]
        case .exploitationCountries: ["countries", "continents", "domestic or transnational"]
        case .identificationDate: ["date", "quarter", "year"]
        }
        return level < names.count ? names[level] : "removed (*)"
    }

    /// The value of `unit` at generalisation `level`.
    public func value(of unit: VictimUnit, level: Int, country: String) -> String {
        if level >= topLevel { return "*" }
        switch self {
        case .age:
            guard let age = unit.age else { return "unknown" }
            switch level {
            case 0: return String(age)
            case 1: return Self.ctdcBand(age)
            default: return age < 18 ? "child" : "adult"
            }
        case .sex:
            return unit.sex.rawValue
        case .citizenship:
            return Self.country(unit.citizenship, level: level, own: country)
        case .exploitationCountries:
            let known = unit.countries.subtracting(["UNK"])
            if known.isEmpty { return "unknown" }
            switch level {
            case 0: return known.sorted().joined(separator: ";")
            case 1: return Set(known.map { Continents.byCountry[$0] ?? "unknown" }).sorted().joined(separator: ";")
            default: return known == [country] ? "domestic" : "transnational"
            }
        case .identificationDate:
            let d = unit.firstIdentified
            switch level {
            case 0: return d.description
            case 1: return "\(d.year)-Q\((d.month + 2) / 3)"
            default: return String(d.year)
            }
        }
    }

    static func ctdcBand(_ age: Int) -> String {
        switch age {
        case ..<9: return "0-8"
        case 9...17: return "9-17"
        case 18...20: return "18-20"
        case 21...23: return "21-23"
        case 24...26: return "24-26"
        case 27...29: return "27-29"
        case 30...38: return "30-38"
        case 39...47: return "39-47"
        default: return "48+"
        }
    }

    private static func country(_ code: String, level: Int, own: String) -> String {
        if code == "UNK" { return "unknown" }
        switch level {
        case 0: return code
        case 1: return code == "XXA" ? "stateless" : Continents.byCountry[code] ?? "unknown"
        default: return code == own ? "national" : "foreign"
        }
    }
}
