import Foundation

extension Profile {
    /// The period `text` means to this recipient: a plain year is a calendar year or, for the
    /// TIP Report, its reporting year (`2024` = 2023-04-01..2024-03-31); quarters, months and
    /// ranges are taken as written. nil if `text` is not a period.
    public func period(_ text: String) -> Period? {
        if reportingPeriod == .tipYear, text.count == 4, let year = Int(text), (2...9999).contains(year) {
            return Period(start: ISODate(year: year - 1, month: 4, day: 1)!, end: ISODate(year: year, month: 3, day: 31)!)
        }
        return Period(text)
    }

    /// The periods a bundle for `period` shows: the period, and before it the previous one (the
    /// same dates a year earlier) when the recipient compares.
    public func periods(for period: Period) -> [Period] {
        guard comparesPrevious, let previous = period.yearEarlier else { return [period] }
        return [previous, period]
    }
}

extension Period {
    /// The same dates one year earlier (29 February becomes 28 February); nil before year 2.
    var yearEarlier: Period? {
        func back(_ d: ISODate) -> ISODate? {
            ISODate(year: d.year - 1, month: d.month, day: min(d.day, ISODate.daysIn(month: d.month, year: d.year - 1)))
        }
        guard let start = back(start), let end = back(end) else { return nil }
        return Period(start: start, end: end)
    }
}

extension Profile {
    /// The ids of the built-in profiles.
    public static var available: [String] { embedded.keys.sorted() }

    /// The built-in profile `id`.
    public static func named(_ id: String) throws(TableDeclarations.Problem) -> Profile {
        guard let text = embedded[id] else {
            throw .init(message: "no recipient \(id); one of \(available.joined(separator: ", "))")
        }
        return try Profile(json: Data(text.utf8), source: "profile \(id)")
    }
}
