import Foundation

/// `safestats export`: the tables of several recipients, each for its own period, protected
/// together in one release and written as one bundle per recipient.
public struct Export: Sendable {
    public let release: ProtectedRelease
    public let bundles: [RecipientBundle]
    /// The releases already sent that it was protected together with, oldest first.
    public let sent: [String]
    /// How many cells already sent the input now gives other values (late registrations and
    /// corrections in periods already sent): they stand as they were sent, or (`revisions:
    /// publish`) are revised.
    public let disagreements: Int
    /// The revision policy it was made under.
    public let revisions: RevisionPolicy
    /// What the log and the summary say of `ProtectedRelease.narrowedBySent`, before the cells' keys.
    public static let narrowedBySentNotice = "cells that the figures of releases already sent keep within less than their protection width, "
        + "whatever this release hides: this release tells nothing more of them (README: When what was sent already narrows a cell)"
    /// The bundles that revise bundles already sent (`revisions: publish`), by name.
    public var revised: [String] { bundles.filter { $0.revision != nil }.map(\.name) }

    /// Protects `requests` (profile and period) of `input` jointly for reporting country `country`,
    /// every table's rule at least `atLeast` when given. `sent` are releases already sent (oldest
    /// first): the new release is protected together with what they published (see
    /// `PublishedHistory`), and counts the periods they counted as they counted them (see
    /// `HeldRevisions`). `repeating` is the record of this same release when it was made before
    /// (the job's second run of a quarter, an export of the same periods again): its periods are
    /// counted as they were sent, so that it comes out as it was; recorded without its units, its
    /// cells must keep their values like those of `sent`.
    /// `keep` names cells that must stay published (see `KeptCell`), besides those the profiles
    /// keep (`Profile.Table.keep`). `thorough` tries again the cells hidden to protect others in
    /// large groups of linked cells too (see `RedundantSuppression`); with `optimal` (a time limit in seconds), the release
    /// is protected by the optimal search (see `OptimalSuppression`).
    ///
    /// With `revisions: .publish`, everything is counted from `input` as it is (or as `repeating`
    /// counted it), each bundle of `sent` whose figures that changes is revised in the release
    /// (see `BundleRevision`), and the release is protected together with every version of the
    /// register that the releases of `sent` (give every release recorded) whose periods overlap
    /// its bundles' were counted from (see `RegisterVersions`).
    public init(_ input: TabulationInput, requests: [(profile: Profile, period: Period)], country: String, atLeast: ProtectionRule? = nil,
                keep: [KeptCell] = [], thorough: Bool = false, optimal: Double? = nil, sent: [SentRelease] = [], repeating: SentRelease? = nil,
                revisions policy: RevisionPolicy = .hold, progress: (SecondarySuppression.Progress) -> Void = { _ in }) throws(ExportFailure) {
        var history = PublishedHistory()
        revisions = policy
        var joined = sent
        let again = repeating.map { [$0] } ?? []
        let counted: TabulationInput
        var versions: [(name: String, input: TabulationInput, history: PublishedHistory)] = []
        let all: [(profile: Profile, period: Period, revision: BundleRevision?)]
        switch policy {
        case .hold:
            for release in sent + again.filter({ $0.units == nil }) { history.add(release.cells) }
            counted = HeldRevisions.input(input, sent: sent + again, country: country)
            all = requests.map { ($0.profile, $0.period, nil) }
        case .publish:
            if let repeating, repeating.units == nil { history.add(repeating.cells) }
            counted = HeldRevisions.input(input, sent: again, country: country)
            var inputs: [Int: TabulationInput] = [:]  // made when needed: a long history has many
            func version(_ i: Int) -> TabulationInput {
                if let made = inputs[i] { return made }
                inputs[i] = PublishedRevisions.version(i, of: sent, current: input, country: country)
                return inputs[i]!
            }
            all = PublishedRevisions.revisions(requests, sent: sent, version: version, counted: counted, country: country)
            // Protected together with the releases whose periods overlap those of its bundles, revisions included.
            joined = SentRelease.overlappingBundles(all.map { ($0.profile, $0.period) }, in: sent)
            versions = joined.map { r in (r.name, version(sent.firstIndex { $0.name == r.name }!), PublishedHistory(cells: r.cells)) }
        }
        self.sent = joined.map(\.name)
        let asSent = joined + again
        let (scheduled, earlierTables) = try Self.schedule(all.map { ($0.profile, $0.period) }, earlier: joined.flatMap(\.requests),
                                                           country: country, atLeast: atLeast)
        history.earlierTables.formUnion(earlierTables)
        if let tooLarge = ReleaseSize(scheduled).problem(source: { "profile \($0)" }) { throw .profile(tooLarge) }
        var kept: [CellKey: String] = [:]
        let byProfiles = requests.flatMap { request in
            request.profile.tables.flatMap { table in table.keep.map { KeptCell(recipient: request.profile.id, table: table.id, categories: $0) } }
        }
        for cell in byProfiles + keep { kept[try cell.key(in: requests, specs: scheduled.map(\.spec))] = cell.description }
        do {
            release = try ProtectedRelease(counted, tables: scheduled, country: country, history: history, versions: versions, keep: kept,
                                           thorough: thorough, optimal: optimal, progress: progress)
        } catch { throw .protection(error) }
        let sentCells = Set(asSent.flatMap(\.cells.keys))
        // The figures that stand (under `hold`, those the release counted) beside the register as it is.
        let stands = policy == .hold ? counted : HeldRevisions.input(input, sent: joined, country: country)
        disagreements = stands.countedAsSent.isEmpty ? 0
            : HeldRevisions.disagreements(policy == .hold ? release.tabulation : Tabulation(stands, tables: scheduled),
                                          Tabulation(input, tables: scheduled), cells: sentCells)
        var ids: [String] = []
        for request in all where !ids.contains(request.profile.id) { ids.append(request.profile.id) }
        var bundles: [RecipientBundle] = []
        for (profile, period, revision) in all {
            do {
                bundles.append(try RecipientBundle(profile: profile, period: period, country: country, release: release, input: counted,
                                                   releasedWith: ids, revision: revision))
            } catch { throw .protection(.unreadable(error.message)) }
            guard bundles.last!.audit.passed else {
                throw .protection(.auditFailed(narrow: bundles.last!.audit.narrow.count, smallPublished: bundles.last!.audit.smallPublished.count))
            }
            // A bundle whose certificate does not prove it would not verify: never write one.
            let check: CertificateCheck
            do { check = CertificateCheck(bundles.last!.certificate, release: try bundles.last!.view.release()) } catch {
                throw .certificate(bundle: bundles.last!.name, problem: error.message)
            }
            guard check.passed else { throw .certificate(bundle: bundles.last!.name, problem: check.failures.prefix(3).joined(separator: "; ")) }
        }
        self.bundles = bundles
    }

    /// Every table of `requests` and `earlier` with its periods (a table asked for by both gets
    /// both periods), and the tables (`PublishedHistory.tableKey`) only `earlier` asks for.
    static func schedule(_ requests: [(profile: Profile, period: Period)], earlier: [(profile: Profile, period: Period)], country: String,
                         atLeast: ProtectionRule?) throws(ExportFailure) -> ([(spec: TableSpec, periods: [Period])], Set<String>) {
        var scheduled: [(spec: TableSpec, periods: [Period])] = []
        var now = Set<String>(), before = Set<String>()
        do {
            for (n, (profile, period)) in (requests + earlier).enumerated() {
                let periods = profile.periods(for: period)
                for spec in try profile.specs(country: country) {
                    let spec = atLeast.map(spec.atLeast) ?? spec
                    let keys = periods.map { PublishedHistory.tableKey(specID: spec.id, period: $0.description) }
                    if n < requests.count { now.formUnion(keys) } else { before.formUnion(keys) }
                    if let k = scheduled.firstIndex(where: { $0.spec.id == spec.id }) {
                        scheduled[k].periods += periods.filter { !scheduled[k].periods.contains($0) }
                    } else {
                        scheduled.append((spec, periods))
                    }
                }
            }
            if let conflict = TableSpec.conflict(in: scheduled.map(\.spec)) {
                throw TableDeclarations.Problem(message: "the recipients' \(conflict)")
            }
        } catch let problem as TableDeclarations.Problem {
            throw .profile(problem)
        } catch {
            throw .profile(.init(message: "\(error)"))
        }
        return (scheduled, before.subtracting(now))
    }

    /// Why a release of `requests` would be too large to protect (see `ReleaseSize`), if it would:
    /// known before anything is read. `source` names the file of a profile of one's own by its id.
    public static func sizeProblem(_ requests: [(profile: Profile, period: Period)], country: String,
                                   source: (String) -> String) -> TableDeclarations.Problem? {
        guard let (scheduled, _) = try? schedule(requests, earlier: [], country: country, atLeast: nil) else { return nil }
        return ReleaseSize(scheduled).problem(source: source)
    }

    /// The audit of releases already sent (`sent`, oldest first) taken together, each period
    /// counted as it was sent: see `ProtectedRelease.auditTogether`.
    public static func auditTogether(_ input: TabulationInput, sent: [SentRelease], country: String) throws(ExportFailure) -> AuditReport {
        let (scheduled, _) = try schedule([], earlier: sent.flatMap(\.requests), country: country, atLeast: nil)
        var history = PublishedHistory()
        for release in sent { history.add(release.cells) }
        do {
            return try ProtectedRelease.auditTogether(HeldRevisions.input(input, sent: sent, country: country), tables: scheduled,
                                                      country: country, history: history)
        } catch {
            throw .protection(error)
        }
    }

    /// The files of `bundle`: tables.csv, tables.json, audit.json, certificate.json, report.html, tables.xlsx, the profile
    /// it was counted by (`profile.json`, its exact bytes), manifest.json listing them, SHA256SUMS, and with `signingKey` a
    /// `.minisig` signature of each.
    public static func files(of bundle: RecipientBundle, input: InputProvenance, signingKey: SigningSecretKey?,
                             created: Int64) -> [(name: String, data: Data)] {
        let data: [(name: String, data: Data)] = [
            (TablesCSV.fileName, TablesCSV.render(bundle.layout)), (PublishedDirectory.tablesFile, bundle.view.json()),
            (PublishedDirectory.auditFile, bundle.audit.json()), (AuditCertificate.fileName, bundle.certificate.json()),
            ("report.html", ReportHTML.render(bundle, input: input, signingKey: signingKey)),
            (TablesWorkbook.fileName, TablesWorkbook.render(bundle.layout, keys: BundleKeys(input: input, signingKey: signingKey))),
            (Profile.fileName, bundle.profile.json),
        ]
        let manifest = BundleManifest(bundle, input: input, files: data, created: created, signedBy: signingKey?.publicKey,
                                      exampleSigningKey: signingKey?.isExample ?? false)
        return BundleSigning.seal(data, manifest: manifest, signingKey: signingKey, timestamp: created)
    }

    /// Writes every bundle into a new directory `path` (one subdirectory per bundle) and the loss
    /// report beside them (`loss.json`), all or nothing,
    /// stamped `created` (seconds since 1970; `SOURCE_DATE_EPOCH` or the clock by default).
    /// `beforeMove` is called with the staged directory, complete, just before it is moved into
    /// place (an export by hand records it in its history there).
    public func write(to path: String, input: InputProvenance, signingKey: SigningSecretKey?, replace: Bool,
                      created: Int64 = Timestamp.nowSeconds(), history: String? = nil,
                      beforeMove: (String) throws(OutputError) -> Void = { _ in }) throws(OutputError) {
        let staged = try StagedDirectory(target: path, replace: replace)
        for bundle in bundles {
            try staged.write(Self.files(of: bundle, input: input, signingKey: signingKey, created: created), in: bundle.name)
        }
        try staged.write([(LossReport.fileName, LossReport(self, history: history).json())])
        try beforeMove(staged.staging)
        try staged.commit()
    }
}

/// Why an export was refused.
public enum ExportFailure: Error, CustomStringConvertible {
    case profile(TableDeclarations.Problem)
    case protection(ProtectedRelease.Failure)
    /// A `--keep` that names no cell of the export.
    case keep(String)
    /// A bundle's certificate does not prove its audit's verdict (a bug).
    case certificate(bundle: String, problem: String)

    public var description: String {
        switch self {
        case .profile(let p): p.description
        case .protection(let f): f.description
        case .keep(let m): m
        case .certificate(let bundle, let problem): "\(bundle): the certificate of its audit does not prove it (\(problem)); nothing was written"
        }
    }
}
