/// A period as the job's configuration names it: relative to the day the job runs, or fixed.
public enum RelativePeriod: Sendable, Equatable {
    /// The calendar quarter that ended last.
    case lastQuarter
    /// The calendar year that ended last.
    case lastCalendarYear
    /// The US TIP reporting year (1 April – 31 March) that ended last.
    case lastTIPYear
    /// A period as `export --period` takes it (for us-tip a plain year is its reporting year).
    case fixed(String)

    public init?(_ text: String) {
        switch text {
        case "last-quarter": self = .lastQuarter
        case "last-calendar-year": self = .lastCalendarYear
        case "last-tip-year": self = .lastTIPYear
        default:
            guard Period(text) != nil || (text.count == 4 && Int(text) != nil) else { return nil }
            self = .fixed(text)
        }
    }

    /// The period for `profile` when the job runs on `today`.
    public func resolve(for profile: Profile, today: ISODate) -> Period? {
        let y = today.year
        switch self {
        case .lastQuarter:
            let quarter = (today.month - 1) / 3  // 0-based quarter of today; the one before ended last
            let (year, q) = quarter == 0 ? (y - 1, 4) : (y, quarter)
            return Period("\(year)-Q\(q)")
        case .lastCalendarYear:
            return Period(start: ISODate(year: y - 1, month: 1, day: 1)!, end: ISODate(year: y - 1, month: 12, day: 31)!)
        case .lastTIPYear:
            // The reporting year named Y runs from Y-1-04-01 to Y-03-31.
            let reportYear = today > ISODate(year: y, month: 3, day: 31)! ? y : y - 1
            return Period(start: ISODate(year: reportYear - 1, month: 4, day: 1)!, end: ISODate(year: reportYear, month: 3, day: 31)!)
        case .fixed(let text):
            return profile.period(text)
        }
    }
}
