/// The whole of disclosure control for one release: tabulate every declared table for every
/// period, suppress small counts, add secondary suppressions, and audit the published document the
/// way an outsider would. A release whose own audit fails is refused.
public struct ProtectedRelease: Sendable {
    public let tabulation: Tabulation
    /// The release with every cell's status (primary, secondary, unpublished or published).
    public let release: CellUniverse
    /// What is published (`tables.json`).
    public let published: PublishedRelease
    /// Its audit, from `published` alone: the verdict `audit.json` records (see `recordedAudit`).
    public let audit: AuditReport
    /// Whether `audit` was solved in reduced programs (see `GroupProgram`).
    let auditReduced: Bool
    /// What protection hid of the tables of this release (not of earlier ones).
    public let loss: ProtectionLoss
    /// What the optimal search found, when it was asked for.
    public let optimal: OptimalSuppression.Outcome?
    /// Cells hidden to protect others that were not tried again because their group of linked
    /// hidden cells is larger than `RedundantSuppression.defaultGroupLimit` (0 when thorough, and
    /// in the optimal mode).
    public let untried: Int
    /// Cells (named by key, never by value) that the figures releases already sent keep within less
    /// than their protection width, whatever this release hides: this release leaves them as wide as
    /// those figures do (it tells nothing more of them), and cannot do better. Typically a cross-
    /// classification that no table shows and that a new table links in (see README, *When what was
    /// sent already narrows a cell*).
    public let narrowedBySent: [String]

    public var primaryCount: Int { release.cells.filter { $0.status == .primary }.count }
    public var secondaryCount: Int { release.cells.filter { $0.status == .secondary }.count }

    /// Why a release is not produced.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case suppression(DisclosureAudit.Failure)
        /// The release's own audit found a narrow cell or a small published count.
        case auditFailed(narrow: Int, smallPublished: Int)
        case unreadable(String)
        /// Cells that an earlier release published now have other values: the input changed for
        /// periods already released.
        case historyChanged(cells: Int)
        /// Cells that an earlier release published are not in this release's tables (its profile
        /// changed since): what they tell cannot be taken into account.
        case historyUnmatched(cells: Int)
        /// No pattern of hidden cells widens this cell (named by its key, never its value) while the
        /// cells releases already sent published stay as they were: they fix it already.
        case pinnedBySent(String)
        /// A cell to keep published holds a small count.
        case keptSmall(String)
        /// The cells to keep published cannot all stay so while every small count is protected.
        case keptCannotStay([String], reason: String)

        public var description: String {
            switch self {
            case .suppression(let f): "secondary suppression failed: \(f)"
            case .auditFailed(let n, let s): "the release fails its own audit (\(n) narrow cells, \(s) small published counts); nothing is written"
            case .unreadable(let m): m
            case .historyChanged(let n):
                "\(n) cell\(n == 1 ? "" : "s") that earlier releases published now hold other values (the input changed for periods already released); "
                    + "a revision could reveal small counts by differencing and is refused; nothing is written"
            case .pinnedBySent(let cell):
                "the cell \(cell) cannot be protected: the figures releases already sent published fix it to within less than its "
                    + "protection width, whatever this release hides; nothing is written"
            case .keptSmall(let name):
                "\(name) is to be kept published but holds a small count; remove it from the cells to keep (--keep, a profile's or the job's keep); nothing is written"
            case .keptCannotStay(let names, let reason):
                "the cells to keep published (\(names.joined(separator: ", "))) cannot all stay published without letting a small count "
                    + "be recomputed (\(reason)); keep fewer of them; nothing is written"
            case .historyUnmatched(let n):
                "\(n) cell\(n == 1 ? "" : "s") that earlier releases published are in none of the tables now (a profile changed): "
                    + "the release cannot be protected together with them; nothing is written"
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
    /// With `history`, the tables of earlier releases must be among `scheduled`, and the release
    /// is protected together with what they published.
    /// `keep` names cells (by key, with the name to give in messages) that must stay published.
    /// Cells hidden to protect others that turn out not to be needed are published again (see
    /// `RedundantSuppression`): those in small groups of linked hidden cells, or with `thorough`
    /// all. With `optimal` (a time limit in seconds), secondary
    /// suppression looks for the cheapest pattern (see `OptimalSuppression`) instead of taking the
    /// heuristic's. `versions` are earlier versions of the register (`revisions: publish`), each
    /// the input as a release already sent counted it and what that release published: the
    /// release is protected together with every one of them (see `RegisterVersions`).
    public init(_ input: TabulationInput, tables scheduled: [(spec: TableSpec, periods: [Period])], country: String,
                history: PublishedHistory = PublishedHistory(), versions: [(name: String, input: TabulationInput, history: PublishedHistory)] = [],
                keep: [CellKey: String] = [:], thorough: Bool = false, optimal timeLimit: Double? = nil,
                progress: (SecondarySuppression.Progress) -> Void = { _ in }) throws(Failure) {
        let tabulation = Tabulation(input, tables: scheduled)
        var release = tabulation.universe
        let fallback = ProtectionRule()  // every cell has its own rule from the declarations
        release.applyPrimarySuppression(fallback)
        let now = tabulation.tables.filter { !history.earlierTables.contains(PublishedHistory.tableKey(specID: $0.spec.id, period: $0.period.description)) }
        let inTables = Set(now.flatMap { $0.cells.map(\.cell) })
        if !history.isEmpty || !history.earlierTables.isEmpty {
            try Self.apply(history, to: &release, publishedNow: inTables)
        }
        let count = release.cells.count, blockCount = release.blocks.count
        if !versions.isEmpty {
            var earlier: [RegisterVersions.Version] = []
            for version in versions {
                var universe = Tabulation(version.input, tables: scheduled).universe
                universe.applyPrimarySuppression(fallback)
                try Self.apply(version.history, to: &universe, publishedNow: [])
                let sent = Set(universe.keys.indices.filter { version.history.cells[universe.keys[$0].historyKey] != nil })
                earlier.append(RegisterVersions.Version(name: version.name, universe: universe, sent: sent))
            }
            release = RegisterVersions.joint(now: release, earlier: earlier)
            for (key, name) in keep.sorted(by: { $0.value < $1.value }) where tabulation.cell(of: key).map({ !release.fixedPublished.contains($0) }) ?? false {
                throw .keptCannotStay([name], reason: "a version already sent hid it")
            }
        }
        if !keep.isEmpty {
            for (key, name) in keep.sorted(by: { $0.value < $1.value }) {
                guard let i = tabulation.cell(of: key) else { throw .unreadable("\(name) is not a cell of the release") }
                guard release.cells[i].status != .primary else { throw .keptSmall(name) }
                release.fixedPublished.insert(i)
            }
        }
        let rules = release.rules
        let final: DisclosureAudit
        var optimal: OptimalSuppression.Outcome?
        var untried = 0
        do {
            if let timeLimit {
                (optimal, final) = try OptimalSuppression.protectAndAudit(&release, rule: fallback, first: inTables, again: thorough ? .allGroups : .smallGroups, timeLimit: timeLimit)
            } else {
                (_, final, untried) = try SecondarySuppression.protectAndAudit(&release, rule: fallback, first: inTables, again: thorough ? .allGroups : .smallGroups,
                                                                               fixedAreSent: keep.isEmpty, progress: progress)
            }
        } catch {
            if !keep.isEmpty { throw .keptCannotStay(keep.values.sorted(), reason: error.description) }
            if case .noChange(let cell) = error, !history.isEmpty || !versions.isEmpty { throw .pinnedBySent(release.keys[cell].description) }
            throw .suppression(error)
        }
        // Protection lowers the width of the cells that values fixed by earlier releases keep
        // narrower (see `SecondarySuppression`); they keep their rule in what is published.
        let declared = rules.isEmpty ? [ProtectionRule](repeating: fallback, count: release.rules.count) : rules
        narrowedBySent = release.rules.indices.filter { release.rules[$0] != declared[$0] }.map { release.keys[$0].description }
        release.rules = rules
        // Of a joint universe of versions, the release of this one.
        release = release.prefix(count, blocks: blockCount)
        let published = PublishedRelease(tabulation, protected: release, country: country)
        // The last round audited exactly what the document publishes: check that it does.
        let readBack: CellUniverse
        do { readBack = try published.release() } catch { throw .unreadable(error.message) }
        guard readBack == release.attackersView else { throw .unreadable("the published document does not hold the protected release") }
        let audit = AuditReport(final)
        guard audit.passed else { throw .auditFailed(narrow: audit.narrow.count, smallPublished: audit.smallPublished.count) }
        self.tabulation = tabulation
        self.optimal = optimal
        self.untried = untried
        loss = ProtectionLoss(tables: now, cells: release.cells)
        self.release = release
        self.published = published
        self.audit = audit
        auditReduced = final.reduced
    }

    /// The audit as `audit.json` records it: the one `safestats audit` recomputes from the
    /// published tables, range for range. That is `audit` unless protection solved some groups in
    /// their reduced programs (large groups of linked hidden cells), whose ranges that are not
    /// exact come from other solutions; then the audit is solved again as anyone would.
    public func recordedAudit() throws(Failure) -> AuditReport {
        guard auditReduced else { return audit }
        do { return try AuditReport(auditing: published) } catch { throw .unreadable(error.message) }
    }

    /// Sets the statuses earlier releases fixed: their published cells stay published (and may
    /// not be moved), their hidden cells hidden; cells of their tables that they did not show,
    /// and that no table of this release shows, are hidden.
    private static func apply(_ history: PublishedHistory, to release: inout CellUniverse, publishedNow: Set<Int>) throws(Failure) {
        let keys = release.keys.map(\.historyKey)
        let present = Set(keys)
        let unmatched = history.cells.filter { $0.value != nil && !present.contains($0.key) }.count
        guard unmatched == 0 else { throw .historyUnmatched(cells: unmatched) }
        var changed = 0
        for (i, key) in keys.enumerated() {
            guard let earlier = history.cells[key] else {
                if !publishedNow.contains(i) && release.cells[i].status == .published { release.cells[i].status = .unpublished }
                continue
            }
            if let value = earlier {
                guard release.cells[i].value == value else {
                    changed += 1
                    continue
                }
                // Even a count that a stricter rule now calls small: it is out, and the audit says so.
                release.cells[i].status = .published
                release.fixedPublished.insert(i)
            } else if !release.cells[i].status.isSuppressed {
                release.cells[i].status = .secondary
            }
        }
        guard changed == 0 else { throw .historyChanged(cells: changed) }
    }

    /// The audit of earlier releases taken together: what an attacker holding all of them can
    /// tell, their tables (all in `scheduled`) re-tabulated from `input` and every cell's status
    /// as `history` records it. A set of releases each protected alone may fail it (differencing).
    public static func auditTogether(_ input: TabulationInput, tables scheduled: [(spec: TableSpec, periods: [Period])], country: String,
                                     history: PublishedHistory) throws(Failure) -> AuditReport {
        let tabulation = Tabulation(input, tables: scheduled)
        var release = tabulation.universe
        release.applyPrimarySuppression(ProtectionRule())
        try apply(history, to: &release, publishedNow: [])
        do { return try AuditReport(auditing: PublishedRelease(tabulation, protected: release, country: country)) } catch {
            throw .unreadable(error.message)
        }
    }
}
