import Foundation

/// One recipient's share of a protected release: its tables as the recipient shows them (`layout`:
/// profile, periods, country and the release as the bundle publishes it), the audit of that view,
/// and how many of its cells were suppressed and why. The layout's fields read as the bundle's own
/// (`bundle.profile`, `bundle.view`, `bundle.tables`).
@dynamicMemberLookup
public struct RecipientBundle: Sendable {
    public let layout: BundleLayout
    /// The audit of `view` (`audit.json`).
    public let audit: AuditReport
    /// The evidence of that audit's verdict (`certificate.json`).
    public let certificate: AuditCertificate
    /// What protection hid of the bundle's tables (for the data officer, never in the bundle).
    public let loss: ProtectionLoss
    /// Cells of the bundle's tables.
    public var cellCount: Int { loss.cells }

    public subscript<T>(dynamicMember keyPath: KeyPath<BundleLayout, T>) -> T { layout[keyPath: keyPath] }

    /// The share of `release` (which holds `profile`'s tables, ids `profile/table`) for `profile`;
    /// `input` is what `release` was counted from; `revision` what it replaces, when it revises a
    /// bundle already sent.
    ///
    /// The bundle holds this recipient's tables for its own periods and the cells that link them
    /// (filter complements, hierarchy levels, its own period atoms), counted again from `input`,
    /// each with the status it has in `release`: not the other recipients' figures, nor the atoms
    /// their periods cut. An attacker holding every bundle is what `release` was audited against;
    /// the bundle's own audit is what anyone holding only this bundle can recompute.
    public init(profile: Profile, period: Period, country: String, release: ProtectedRelease, input: TabulationInput,
                releasedWith: [String], revision: BundleRevision? = nil) throws(PublishedRelease.Problem) {
        let periods = profile.periods(for: period)
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
        let view = PublishedRelease(own, protected: statuses, country: country)
        layout = BundleLayout(profile: profile, period: period, periods: periods, country: country, view: view,
                              releasedWith: releasedWith.filter { $0 != profile.id }, revision: revision)
        (audit, certificate) = try AuditReport.certified(view)
        loss = ProtectionLoss(tables: own.tables, cells: statuses.cells)
    }
}
