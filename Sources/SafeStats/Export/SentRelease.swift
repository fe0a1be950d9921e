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
    /// The bundle id of each request's bundle, in the order of `requests` (empty when unknown).
    public var bundleIDs: [String]
    /// The policy it was counted under: under `publish` it counted every day of its periods from
    /// its units, under `hold` only those no release before it counted.
    public var revisions: RevisionPolicy

    public init(name: String, requests: [(profile: Profile, period: Period)], cells: [String: Int?], units: TabulationInput?,
                bundleIDs: [String] = [], revisions: RevisionPolicy = .hold) {
        self.name = name
        self.requests = requests
        self.cells = cells
        self.units = units
        self.bundleIDs = bundleIDs
        self.revisions = revisions
    }

    /// The request of `profile`'s bundle for `period`, when it sent one.
    func request(of profile: Profile, _ period: Period) -> Int? {
        requests.firstIndex { $0.profile.id == profile.id && $0.period == period }
    }

    /// Whether it sent `profile`'s bundle for `period`.
    func sends(_ profile: Profile, _ period: Period) -> Bool {
        request(of: profile, period) != nil
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

    /// What `Export` takes as `sent` for a release named `name` under `revisions`: under `hold`
    /// the releases of `recorded` whose periods overlap (see `overlapping`), under `publish`
    /// every other release recorded (any may need a revision); and its own earlier record.
    public static func candidates(_ requests: [(profile: Profile, period: Period)], named name: String, in recorded: [SentRelease],
                                  revisions: RevisionPolicy) -> (sent: [SentRelease], repeating: SentRelease?) {
        let (sent, repeating) = overlapping(requests, named: name, in: recorded)
        return (revisions == .hold ? sent : recorded.filter { $0.name != name }, repeating)
    }

    /// The bundles of `recorded` (oldest first) whose periods overlap those of `requests`,
    /// directly or through one another's, each release with those of its bundles only (and
    /// their cells): under `revisions: publish` every release holds a revision of an earlier one,
    /// so that releases chained by any bundle would take in the whole history, while cells of
    /// periods that share no day are never linked.
    static func overlappingBundles(_ requests: [(profile: Profile, period: Period)], in recorded: [SentRelease]) -> [SentRelease] {
        var covered = requests.flatMap { $0.profile.periods(for: $0.period) }
        var kept = recorded.map { [Bool](repeating: false, count: $0.requests.count) }
        var grew = true
        while grew {
            grew = false
            for (r, release) in recorded.enumerated() {
                for (q, request) in release.requests.enumerated() where !kept[r][q] {
                    let periods = request.profile.periods(for: request.period)
                    guard overlap(periods, covered) else { continue }
                    kept[r][q] = true
                    covered += periods
                    grew = true
                }
            }
        }
        return recorded.enumerated().compactMap { r, release in
            let qs = release.requests.indices.filter { kept[r][$0] }
            guard !qs.isEmpty else { return nil }
            let periods = Set(qs.flatMap { release.requests[$0].profile.periods(for: release.requests[$0].period).map(\.description) })
            var reduced = release
            reduced.requests = qs.map { release.requests[$0] }
            reduced.bundleIDs = qs.compactMap { $0 < release.bundleIDs.count ? release.bundleIDs[$0] : nil }
            reduced.cells = release.cells.filter { periods.contains(PublishedHistory.period(ofKey: $0.key)) }
            return reduced
        }
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
