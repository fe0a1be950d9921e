/// A release already sent, as a history of releases keeps it: a new release is protected
/// together with it, and under `revisions: hold` counts the periods it released as it counted
/// them (see `HeldRevisions`).
public struct SentRelease: Sendable {
    public var name: String
    /// Each recipient's profile (as the bundle carried it) and period.
    public var requests: [(profile: Profile, period: Period)]
    /// The cells it showed (value) or linked to (nil), by history key.
    public var cells: [String: Int?]
    /// The units it counted, as they were when it was made; nil when it was recorded without them
    /// (from its bundles alone): then its periods are counted from the input as it is now.
    public var units: TabulationInput?

    public init(name: String, requests: [(profile: Profile, period: Period)], cells: [String: Int?], units: TabulationInput?) {
        self.name = name
        self.requests = requests
        self.cells = cells
        self.units = units
    }

    /// The periods it counted under each period rule (with those its profiles show beside them).
    func periods(country: String) -> [PeriodRule: [Period]] {
        var out: [PeriodRule: [Period]] = [:]
        for (profile, period) in requests {
            let periods = profile.periods(for: period)
            for spec in (try? profile.specs(country: country)) ?? [] {
                out[spec.periodRule, default: []] += periods.filter { !(out[spec.periodRule] ?? []).contains($0) }
            }
        }
        return out
    }

    /// Whether `a` and `b` share a day.
    static func overlap(_ a: [Period], _ b: [Period]) -> Bool {
        a.contains { x in b.contains { x.start <= $0.end && $0.start <= x.end } }
    }

    /// The releases of `recorded` (oldest first) whose periods overlap those of `requests`,
    /// directly or through one another: what a new release must be protected together with;
    /// and the record of the release named `name` itself, when it was made before (see
    /// `Export.init`'s `repeating`).
    public static func overlapping(_ requests: [(profile: Profile, period: Period)], named name: String,
                                   in recorded: [SentRelease]) -> (sent: [SentRelease], repeating: SentRelease?) {
        let repeating = recorded.first { $0.name == name }
        return (overlapping(requests, in: recorded.filter { $0.name != name }), repeating)
    }

    static func overlapping(_ requests: [(profile: Profile, period: Period)], in recorded: [SentRelease]) -> [SentRelease] {
        func periods(_ list: [(profile: Profile, period: Period)]) -> [Period] { list.flatMap { $0.profile.periods(for: $0.period) } }
        var covered = periods(requests)
        var included = Set<String>()
        var grew = true
        while grew {
            grew = false
            for r in recorded where !included.contains(r.name) && overlap(periods(r.requests), covered) {
                included.insert(r.name)
                covered += periods(r.requests)
                grew = true
            }
        }
        return recorded.filter { included.contains($0.name) }
    }
}
