import Foundation

/// One recipient's share of a protected release: its tables as the recipient shows them, the
/// release as the bundle publishes it (`view`), the audit of that view, and how many of its cells
/// were suppressed and why.
public struct RecipientBundle: Sendable {
    public let profile: Profile
    /// The period asked for, and the periods shown (with the previous one when the recipient compares).
    public let period: Period
    public let periods: [Period]
    public let country: String
    /// The release as this bundle publishes it (`tables.json`).
    public let view: PublishedRelease
    /// The audit of `view` (`audit.json`).
    public let audit: AuditReport
    /// The evidence of that audit's verdict (`certificate.json`).
    public let certificate: AuditCertificate
    /// What protection hid of the bundle's tables (for the data officer, never in the bundle).
    public let loss: ProtectionLoss
    /// Cells of the bundle's tables.
    public var cellCount: Int { loss.cells }
    /// The recipients protected together with this one in the release.
    public let releasedWith: [String]

    /// The share of `release` (which holds `profile`'s tables, ids `profile/table`) for `profile`;
    /// `input` is what `release` was counted from.
    ///
    /// The bundle holds this recipient's tables for its own periods and the cells that link them
    /// (filter complements, hierarchy levels, its own period atoms), counted again from `input`,
    /// each with the status it has in `release`: not the other recipients' figures, nor the atoms
    /// their periods cut. An attacker holding every bundle is what `release` was audited against;
    /// the bundle's own audit is what anyone holding only this bundle can recompute.
    public init(profile: Profile, period: Period, country: String, release: ProtectedRelease, input: TabulationInput,
                releasedWith: [String]) throws(PublishedRelease.Problem) {
        self.profile = profile
        self.period = period
        let periods = profile.periods(for: period)
        self.periods = periods
        self.country = country
        // This profile's tables (as the release scheduled them, floors included) for this bundle's periods.
        var specs: [TableSpec] = []
        for table in release.tabulation.tables where profile.table(specID: table.spec.id) != nil && !specs.contains(where: { $0.id == table.spec.id }) {
            specs.append(table.spec)
        }
        let own = Tabulation(input, tables: specs.map { ($0, periods) })
        var statuses = own.universe
        for (i, key) in own.keys.enumerated() {
            guard let j = release.tabulation.cell(of: key) else {
                guard statuses.cells[i].status == .unpublished else {
                    throw PublishedRelease.Problem(message: "\(profile.id): a cell of its tables is not in the release")
                }
                continue
            }
            guard release.release.cells[j].value == statuses.cells[i].value else {
                throw PublishedRelease.Problem(message: "\(profile.id): a cell counts differently from the release")
            }
            statuses.rules[i] = release.release.rules[j]
            if statuses.cells[i].status == .published { statuses.cells[i].status = release.release.cells[j].status }
        }
        view = PublishedRelease(own, protected: statuses, country: country)
        (audit, certificate) = try AuditReport.certified(view)
        loss = ProtectionLoss(tables: own.tables, cells: statuses.cells)
        self.releasedWith = releasedWith.filter { $0 != profile.id }
    }

    /// The directory name of the bundle: `recipient-period`, e.g. `greta-2023`, `us-tip-2024`.
    public var name: String { Self.name(profile: profile, period: period) }

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
