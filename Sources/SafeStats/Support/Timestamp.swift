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
