import Foundation

/// Time stamps for outputs: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
public enum Timestamp {
    /// Now (or `SOURCE_DATE_EPOCH`) in seconds since 1970.
    public static func nowSeconds() -> Int64 {
        if let raw = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let s = Int64(raw) { return s }
        return Int64(Date().timeIntervalSince1970)
    }

    /// Now (or `SOURCE_DATE_EPOCH`) as ISO 8601 UTC with seconds, e.g. `2026-11-23T00:00:00Z`.
    public static func now() -> String {
        iso(nowSeconds())
    }

    /// `seconds` since 1970 as ISO 8601 UTC with seconds.
    public static func iso(_ seconds: Int64) -> String {
        let day = ISODate(secondsSince1970: seconds)
        let rest = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

extension Timestamp {
    /// Seconds since 1970 of an ISO 8601 UTC time as `iso(_:)` writes it; nil for anything else.
    public static func seconds(fromISO text: String) -> Int64? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = ISODate(String(parts[0])), parts[1].hasSuffix("Z") else { return nil }
        let clock = parts[1].dropLast().split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 3, clock[0] < 24, clock[1] < 60, clock[2] < 60 else { return nil }
        return Int64(day.daysSince1970) * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
    }
}
