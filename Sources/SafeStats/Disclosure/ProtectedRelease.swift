/// The whole of disclosure control for one release: tabulate every declared table for every
/// period, suppress small counts, add secondary suppressions, and audit the published document the
/// way an outsider would. A release whose own audit fails is refused.
public struct ProtectedRelease: Sendable {
    public let tabulation: Tabulation
    /// The release with every cell's status (primary, secondary, unpublished or published).
    public let release: Release
    /// What is published (`tables.json`).
    public let published: PublishedRelease
    /// Its audit, recomputed from `published` alone (`audit.json`).
    public let audit: AuditReport

    public var primaryCount: Int { release.cells.filter { $0.status == .primary }.count }
    public var secondaryCount: Int { release.cells.filter { $0.status == .secondary }.count }

    /// Why a release is not produced.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case suppression(DisclosureAudit.Failure)
        /// The release's own audit found a narrow cell or a small published count.
        case auditFailed(narrow: Int, smallPublished: Int)
        case unreadable(String)

        public var description: String {
            switch self {
            case .suppression(let f): "secondary suppression failed: \(f)"
            case .auditFailed(let n, let s): "the release fails its own audit (\(n) narrow cells, \(s) small published counts); nothing is written"
            case .unreadable(let m): m
            }
        }
    }

    /// Protects `tables` of `input` for `periods` (which may overlap); `progress` hears of every
    /// round of suppression.
    public init(_ input: TabulationInput, tables declarations: TableDeclarations, periods: [Period],
                progress: (SecondarySuppression.Progress) -> Void = { _ in }) throws(Failure) {
        try self.init(input, tables: declarations.tables.map { ($0, periods) }, country: declarations.country, progress: progress)
    }

    /// Protects each table of `input` for its own periods, all in one cell universe (recipients
    /// with different reporting periods, sent together); `country` is the reporting country.
    public init(_ input: TabulationInput, tables scheduled: [(spec: TableSpec, periods: [Period])], country: String,
                progress: (SecondarySuppression.Progress) -> Void = { _ in }) throws(Failure) {
        let tabulation = Tabulation(input, tables: scheduled)
        var release = tabulation.release
        let fallback = ProtectionRule()  // every cell has its own rule from the declarations
        release.applyPrimarySuppression(fallback)
        let inTables = Set(tabulation.tables.flatMap { $0.cells.map(\.cell) })
        do { try SecondarySuppression.protect(&release, rule: fallback, first: inTables, progress: progress) } catch { throw .suppression(error) }
        let published = PublishedRelease(tabulation, protected: release, country: country)
        let audit: AuditReport
        do { audit = try AuditReport(auditing: published) } catch { throw .unreadable(error.message) }
        guard audit.passed else { throw .auditFailed(narrow: audit.narrow.count, smallPublished: audit.smallPublished.count) }
        self.tabulation = tabulation
        self.release = release
        self.published = published
        self.audit = audit
    }
}
