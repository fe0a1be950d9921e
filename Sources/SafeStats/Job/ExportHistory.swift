import Foundation

/// `export --history FILE`: exports by hand that remember, as the job does. An export is
/// protected together with every release the history records whose periods overlap its own
/// (each period counted as it was sent: `revisions: hold`), and is recorded in it as pending
/// before its directory is moved into place and confirmed after; opening the history squares a
/// pending record with the disk (see `ReleaseHistory.settlePending`). The job's history
/// (`OUTPUT/.state/history.sqlite`) may be given, so that hand exports and the job share one
/// memory; one file serves one register.
public struct ExportHistory {
    public let history: ReleaseHistory
    /// Pending records found on opening, each with whether its release had reached its place.
    public let settled: [(name: String, placed: Bool)]

    /// Opens (creating it, mode 0600) the history file `path`.
    public init(path: String) throws(JobFailure) {
        history = try ReleaseHistory(path: path)
        settled = try history.settlePending(output: nil)
    }

    /// The recorded releases that an export of `requests` is protected together with, and its
    /// own record when the same recipients and periods were exported before.
    public func sent(overlapping requests: [(profile: Profile, period: Period)], revisions: RevisionPolicy = .hold) throws(JobFailure)
        -> (sent: [SentRelease], repeating: SentRelease?) {
        SentRelease.candidates(requests, named: requests.map { BundleLayout.name(profile: $0.profile, period: $0.period) }.joined(separator: "+"),
                               in: try history.sent(), revisions: revisions)
    }

    /// Writes `export` into the new directory `path` (see `Export.write`) and records it with the
    /// units it counted (`units`), unless a release of the same name is recorded already (the same
    /// recipients and periods, exported again: its figures are those sent). Returns whether it was
    /// recorded.
    @discardableResult
    public func write(_ export: Export, to path: String, units: TabulationInput, input: InputProvenance, signingKey: SigningSecretKey?,
                      replace: Bool) throws -> Bool {
        let name = export.bundles.filter { $0.revision == nil }.map(\.name).joined(separator: "+")
        let place = URL(fileURLWithPath: path).standardizedFileURL.path
        let known = try history.releases().contains(name)
        try export.write(to: path, input: input, signingKey: signingKey, replace: replace, history: history.path) { staged throws(OutputError) in
            guard !known else { return }
            do { try QuarterlyJob.recordRelease(name, at: staged, in: history, state: .pending, units: units, place: place,
                                                      revisions: export.revisions) } catch {
                throw OutputError.io(path: history.path, reason: "cannot record the release: \(error)")
            }
        }
        guard !known else { return false }
        try history.confirm(release: name)
        return true
    }
}
