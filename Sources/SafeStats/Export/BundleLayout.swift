/// What a bundle's tables are drawn from: the profile, the periods, the reporting country and the
/// published release (`tables.json`). `tables.csv` and `tables.xlsx` follow from it and the bundle's
/// key ids alone, so a verifier that holds a bundle's profile and `tables.json` can make them again.
public struct BundleLayout: Sendable {
    public let profile: Profile
    /// The period asked for, and the periods shown (with the previous one when the recipient compares).
    public let period: Period
    public let periods: [Period]
    public let country: String
    /// The release as the bundle publishes it (`tables.json`).
    public let view: PublishedRelease
    /// The recipients protected together with this one in the release.
    public let releasedWith: [String]
    /// What the bundle replaces when it is a revision of one already sent.
    public let revision: BundleRevision?

    public init(profile: Profile, period: Period, periods: [Period], country: String, view: PublishedRelease, releasedWith: [String],
                revision: BundleRevision? = nil) {
        self.profile = profile
        self.period = period
        self.periods = periods
        self.country = country
        self.view = view
        self.releasedWith = releasedWith
        self.revision = revision
    }

    /// The directory name of the bundle: `recipient-period`, e.g. `greta-2023`, `us-tip-2024`,
    /// and `-v2` … for a revision.
    public var name: String { Self.name(profile: profile, period: period) + (revision?.nameSuffix ?? "") }

    /// The directory name of `profile`'s bundle for `period`.
    public static func name(profile: Profile, period: Period) -> String {
        profile.id + "-" + periodName(period, of: profile)
    }

    /// How the recipient names `period`: a TIP reporting year by its report year.
    public func periodName(_ period: Period) -> String {
        Self.periodName(period, of: profile)
    }

    static func periodName(_ period: Period, of profile: Profile) -> String {
        if profile.reportingPeriod == .tipYear, period.start.month == 4, period.start.day == 1, period.end.month == 3,
           period.end.day == 31, period.end.year == period.start.year + 1 {
            return String(period.end.year)
        }
        return period.description
    }

    /// The bundle's tables, in the profile's order and for each period in `periods`' order.
    public var tables: [(table: Profile.Table, published: PublishedRelease.PublishedTable)] {
        profile.tables.flatMap { table in
            periods.compactMap { period in
                view.tables.first { $0.id == profile.id + "/" + table.id && $0.period == period.description }.map { (table, $0) }
            }
        }
    }

    /// The cells of `table` in the recipient's order: each dimension's categories as the profile
    /// orders them, totals last.
    public func orderedCells(_ table: PublishedRelease.PublishedTable) -> [PublishedRelease.PublishedCell] {
        let dimensions = table.dimensions.compactMap { profile.dimension(named: $0, country: country) }
        let rank = dimensions.map { d in Dictionary(uniqueKeysWithValues: profile.order(of: d).enumerated().map { ($1, $0) }) }
        func key(_ cell: PublishedRelease.PublishedCell) -> [Int] {
            zip(dimensions, rank).map { d, r in cell.categories[d.id].map { r[$0] ?? Int.max - 1 } ?? Int.max }
        }
        return table.cells.map { view.cells[$0] }.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }
}
