import Foundation

/// A reporting period: whole days from `start` to `end`, both included.
///
/// Written as `2023` (calendar year), `2023-Q4` (quarter), `2023-04` (month) or
/// `2023-04-01..2024-03-31` (any range of days).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public let start: ISODate
    public let end: ISODate

    public init?(start: ISODate, end: ISODate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses one of the written forms above; nil for anything else.
    public init?(_ text: String) {
        if let range = text.range(of: "..") {
            guard let s = ISODate(String(text[..<range.lowerBound])), let e = ISODate(String(text[range.upperBound...])) else {
                return nil
            }
            self.init(start: s, end: e)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1...9999).contains(year) else { return nil }
        switch parts.count {
        case 1:
            self.init(start: ISODate(year: year, month: 1, day: 1)!, end: ISODate(year: year, month: 12, day: 31)!)
        case 2 where parts[1].count == 2 && parts[1].first == "Q":
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            let firstMonth = 3 * q - 2
            self.init(start: ISODate(year: year, month: firstMonth, day: 1)!,
                      end: ISODate(year: year, month: firstMonth + 2, day: ISODate.daysIn(month: firstMonth + 2, year: year))!)
        case 2 where parts[1].count == 2:
            guard let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            self.init(start: ISODate(year: year, month: m, day: 1)!, end: ISODate(year: year, month: m, day: ISODate.daysIn(month: m, year: year))!)
        default:
            return nil
        }
    }

    public func contains(_ date: ISODate) -> Bool {
        start <= date && date <= end
    }

    /// The calendar months this period touches, in order, as (year, month).
    public var months: [Month] {
        var out: [Month] = []
        var m = Month(year: start.year, month: start.month)
        let last = Month(year: end.year, month: end.month)
        while m <= last {
            out.append(m)
            m = m.next
        }
        return out
    }

    /// Whether the period is made of whole calendar months (so that month atoms add up to it).
    public var isWholeMonths: Bool {
        start.day == 1 && end.day == ISODate.daysIn(month: end.month, year: end.year)
    }

    public var description: String {
        if isWholeMonths && start.month == 1 && end.month == 12 && start.year == end.year { return String(start.year) }
        if isWholeMonths && start.year == end.year && start.month % 3 == 1 && end.month == start.month + 2 {
            return "\(start.year)-Q\((start.month + 2) / 3)"
        }
        return "\(start)..\(end)"
    }
}

/// A calendar month, the atom from which periods are built.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month))
        self.year = year
        self.month = month
    }

    public init(_ date: ISODate) {
        self.init(year: date.year, month: date.month)
    }

    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var description: String { String(format: "%04d-%02d", year, month) }
}
