#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A calendar date in the proleptic Gregorian calendar, read and written as ISO 8601 `YYYY-MM-DD`.
public struct ISODate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date from its parts; nil unless the date exists (2023-02-30 does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...ISODate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// 0001-01-01: what a record holds for a required date while its row is still being checked.
    static let standIn = ISODate(year: 1, month: 1, day: 1)!

    /// Parses exactly `YYYY-MM-DD` (ten ASCII characters); nil for anything else or a date that does not exist.
    public init?(_ text: String) {
        var text = text
        guard let d = text.withUTF8({ ISODate(utf8: $0) }) else { return nil }
        self = d
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date of a moment in UTC.
    public init(secondsSince1970 t: Int64) {
        let (y, m, d) = ISODate.civil(fromDays: Int(t >= 0 ? t / 86_400 : (t - 86_399) / 86_400))
        self.year = y
        self.month = m
        self.day = d
    }

    /// Today in UTC.
    public static func today() -> ISODate {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return ISODate(secondsSince1970: Int64(t.tv_sec))
    }

    public var description: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the date's ten ASCII bytes `YYYY-MM-DD`, built on the stack.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { out in
            writeUTF8(to: out)
            return body(UnsafeBufferPointer(out))
        }
    }

    /// Writes the date's ten ASCII bytes `YYYY-MM-DD` to the start of `out`.
    @inline(__always)
    func writeUTF8(to out: UnsafeMutableBufferPointer<UInt8>) {
        let y = year
        out[0] = UInt8(48 + y / 1000 % 10)
        out[1] = UInt8(48 + y / 100 % 10)
        out[2] = UInt8(48 + y / 10 % 10)
        out[3] = UInt8(48 + y % 10)
        out[4] = UInt8(ascii: "-")
        out[5] = UInt8(48 + month / 10)
        out[6] = UInt8(48 + month % 10)
        out[7] = UInt8(ascii: "-")
        out[8] = UInt8(48 + day / 10)
        out[9] = UInt8(48 + day % 10)
    }

    public static func < (a: ISODate, b: ISODate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Whole years from `self` (a birth date) to `date`; nil if `date` is earlier.
    public func age(on date: ISODate) -> Int? {
        guard self <= date else { return nil }
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int { ISODate.days(fromCivil: year, month, day) }

    /// The date `days` days after 1970-01-01.
    public init(daysSince1970 days: Int) {
        let (y, m, d) = ISODate.civil(fromDays: days)
        self.year = y
        self.month = m
        self.day = d
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension ISODate: TextCodable {
    public static func decoded(_ text: String) -> ISODate? { ISODate(text) }
    public static let codingRule = "not a date (YYYY-MM-DD)"
}
