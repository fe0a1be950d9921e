/// What a table counts, and which date puts a unit in a period.
public enum PeriodRule: String, Sendable, Codable, CaseIterable {
    /// Victims (persons): their first identification date.
    case identificationDate = "identification_date"
    /// Criminal cases: the date the case was registered.
    case registeredDate = "registered_date"
    /// Criminal cases: the date they reached their current status (e.g. decided in the period).
    case statusDate = "status_date"
    /// Offenders (persons) at each stage: the earliest date of that stage among their records.
    case suspectedDate = "suspected_date"
    case prosecutedDate = "prosecuted_date"
    case convictedDate = "convicted_date"
    case acquittedDate = "acquitted_date"

    public var population: Population {
        switch self {
        case .identificationDate: .victims
        case .registeredDate, .statusDate: .cases
        case .suspectedDate, .prosecutedDate, .convictedDate, .acquittedDate: .offenders
        }
    }
}

/// The kinds of unit a table counts.
public enum Population: String, Sendable, Codable, CaseIterable {
    /// Victims as linked persons.
    case victims
    /// Criminal cases, one per case id.
    case cases
    /// Offenders as linked persons.
    case offenders
}

/// One counted unit of any population.
public enum CountedUnit: Sendable, Equatable {
    case victim(VictimUnit)
    case `case`(CaseUnit)
    case offender(OffenderUnit)

    /// The date that puts this unit in a period under `rule`; nil if the unit has none (an
    /// offender never convicted) or belongs to another population.
    public func date(_ rule: PeriodRule) -> ISODate? {
        switch self {
        case .victim(let v): v.date(rule)
        case .case(let c): c.date(rule)
        case .offender(let o): o.date(rule)
        }
    }
}

extension VictimUnit {
    /// The date that puts this victim in a period under `rule` (nil for other populations' rules).
    public func date(_ rule: PeriodRule) -> ISODate? {
        rule == .identificationDate ? firstIdentified : nil
    }
}

extension CaseUnit {
    /// The date that puts this case in a period under `rule` (nil for other populations' rules).
    public func date(_ rule: PeriodRule) -> ISODate? {
        switch rule {
        case .registeredDate: registered
        case .statusDate: statusDate
        default: nil
        }
    }
}

extension OffenderUnit {
    /// The date of the stage `rule` names (nil if the offender never reached it, or for other
    /// populations' rules).
    public func date(_ rule: PeriodRule) -> ISODate? {
        switch rule {
        case .suspectedDate: suspected
        case .prosecutedDate: prosecuted
        case .convictedDate: convicted
        case .acquittedDate: acquitted
        default: nil
        }
    }
}
