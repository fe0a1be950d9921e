import Foundation
import Logging

/// `safestats run`: the whole chain, unattended — read the input (pseudonymising identifiable
/// records in memory), protect every recipient's tables for its period together, write signed
/// bundles, verify them with the signing key's public key, and only then move the release into
/// place as `OUTPUT/<bundle>+<bundle>…`. Never prompts; logs counts and paths, never a value.
///
/// Every release is in the history before it is in place (see `reconcile`), so later runs are
/// protected against everything on disk, whenever a run was killed.
///
/// Idempotent: when that release already exists, the run is repeated with the release's own
/// time stamp; identical bytes mean nothing to do, different bytes (the input changed) stop the
/// run without writing.
public struct QuarterlyJob {
    public let configuration: JobConfiguration
    /// The day the job runs on: what `last-quarter` and the others are relative to.
    public let today: ISODate
    public let logger: Logger

    public init(configuration: JobConfiguration, today: ISODate, logger: Logger) {
        self.configuration = configuration
        self.today = today
        self.logger = logger
    }

    /// What a run did.
    public enum Outcome: Sendable, Equatable {
        /// A new release was written and verified at `path`, with these bundles.
        case released(path: String, bundles: [String])
        /// The release at `path` already holds what this run produces: byte for byte, or
        /// (`identical` false) the same figures in every bundle while other files changed with the
        /// input (its digests in the manifests, the report's counts of records).
        case unchanged(path: String, bundles: [String], identical: Bool)
    }

    public func run() throws(JobFailure) -> Outcome {
        let c = configuration
        let lock = try JobLock(directory: c.output)
        defer { withExtendedLifetime(lock) {} }
        let requests = try resolvedRequests()
        for r in requests {
            logger.info("period", metadata: ["recipient": "\(r.profile.id)", "start": "\(r.period.start)", "end": "\(r.period.end)"])
        }
        let signer: SigningSecretKey
        do { signer = try SigningSecretKey.read(from: c.signingKey, passphraseVariable: c.signingPassphraseEnv, mayPrompt: false) } catch {
            throw .configuration(error.description)
        }
        if signer.isExample { logger.warning("the signing key is an EXAMPLE key: its signatures prove nothing", metadata: ["key_id": "\(signer.publicKey.id)"]) }
        let (units, provenance) = try readInput()
        let history = try ReleaseHistory(output: c.output)
        try reconcile(history, publicKey: signer.publicKey)
        let releaseName = requests.map { BundleLayout.name(profile: $0.profile, period: $0.period) }.joined(separator: "+")
        let (sent, repeating) = SentRelease.candidates(requests, named: releaseName, in: try history.sent(), revisions: c.revisions)
        let floor = c.minimumThreshold == nil && c.minimumProtectionWidth == nil ? nil
            : ProtectionRule(threshold: c.minimumThreshold ?? 1, width: c.minimumProtectionWidth ?? 0)
        let export: Export
        do {
            export = try Export(units, requests: requests, country: c.country, atLeast: floor, keep: c.keep, thorough: c.thorough,
                                sent: sent, repeating: repeating, revisions: c.revisions) { step in
                logger.debug("suppression round", metadata: ["round": "\(step.round)", "to_protect": "\(step.narrow)", "suppressed": "\(step.added)"])
            }
        } catch {
            switch error {
            case .profile(let p): throw .configuration(p.description)
            case .protection(let f): throw .notProtected(f.description)
            case .keep(let m): throw .configuration(m)
            case .certificate: throw .notProtected(error.description)
            }
        }
        if !export.sent.isEmpty {
            logger.info("protected together with releases already sent", metadata: ["sent": "\(export.sent.joined(separator: ", "))"])
        }
        if export.disagreements > 0 {
            logger.notice(c.revisions == .hold
                          ? "the register now gives other values for cells already sent (late registrations or corrections): they stand as sent (revisions: hold)"
                          : "the register now gives other values for cells already sent (late registrations or corrections): revised (revisions: publish)",
                          metadata: ["cells": "\(export.disagreements)"])
        }
        if !export.revised.isEmpty {
            logger.notice("revisions of bundles already sent, protected together with every version sent", metadata: ["revised": "\(export.revised.joined(separator: ", "))"])
        }
        if !export.release.narrowedBySent.isEmpty {
            logger.warning("\(Export.narrowedBySentNotice)", metadata: ["cells": "\(export.release.narrowedBySent.joined(separator: "; "))"])
        }
        for b in export.bundles {
            logger.info("protected", metadata: Self.lossMetadata(b.loss).merging(["bundle": "\(b.name)"]) { a, _ in a })
        }
        logger.info("loss of the release", metadata: Self.lossMetadata(export.release.loss))
        let names = export.bundles.map(\.name)
        let final = c.output + "/" + releaseName
        let pending = c.output + "/.pending-" + releaseName
        if FileManager.default.fileExists(atPath: final) {
            let created = try createdTime(of: final, bundle: names[0])
            try write(export, to: pending, input: provenance, signer: signer, created: created, history: history)
            defer { try? FileManager.default.removeItem(atPath: pending) }
            let identical = Self.sameFiles(pending, final)
            guard identical || names.allSatisfy({ Self.sameFile(PublishedDirectory.tablesFile, in: pending + "/" + $0, final + "/" + $0) }) else {
                throw .changedSinceRelease("\(final) exists and this run gives other figures (the input changed since it was made, and the "
                    + "history holds no units of it to count it as it was sent); nothing was written: a revised count differenced with the one "
                    + "sent could reveal a small count. It stands as sent: move the configuration on to the next quarter")
            }
            // `reconcile` recorded it already, as every release directory on disk.
            logger.info(identical ? "already released: identical bundles exist, nothing written" : "already released: the same figures exist, nothing written",
                        metadata: ["release": "\(final)"])
            return .unchanged(path: final, bundles: names, identical: identical)
        }
        try write(export, to: pending, input: provenance, signer: signer, created: Timestamp.nowSeconds(), history: history)
        for name in names {
            let v = BundleVerification(bundle: pending + "/" + name, publicKey: signer.publicKey)
            guard v.passed else {
                try? FileManager.default.removeItem(atPath: pending)
                throw .notProtected("\(name) does not pass its own verification: " + v.failures.map { "\($0.subject): \($0.failure!)" }.joined(separator: "; "))
            }
            logger.info("verified", metadata: ["bundle": "\(name)", "checks": "\(v.checks.count)", "key_id": "\(signer.publicKey.id)"])
        }
        JobFaultPoint.written.reach()
        // Recorded as pending before the move and confirmed after: a run killed in between leaves
        // a record that the next run's `reconcile` confirms or drops by what is on disk.
        try Self.recordRelease(releaseName, at: pending, in: history, state: .pending, units: units, revisions: c.revisions)
        JobFaultPoint.recordedPending.reach()
        guard rename(pending, final) == 0 else {
            try? history.forget(pendingRelease: releaseName)
            throw .io("\(final): cannot move the release into place: \(String(cString: strerror(errno)))")
        }
        JobFaultPoint.moved.reach()
        try history.confirm(release: releaseName)
        logger.info("released", metadata: ["release": "\(final)"])
        return .released(path: final, bundles: names)
    }

    /// Each recipient's profile and its period for `today`.
    func resolvedRequests() throws(JobFailure) -> [(profile: Profile, period: Period)] {
        var out: [(profile: Profile, period: Period)] = []
        for r in configuration.recipients {
            let profile: Profile
            do { profile = try Profile.named(r.id) } catch { throw .configuration("\(error)") }
            guard let period = RelativePeriod(r.period)?.resolve(for: profile, today: today) else {
                throw .configuration("recipients.\(r.id): \(r.period) is not a period")
            }
            out.append((profile, period))
        }
        return out
    }

    private func readInput() throws(JobFailure) -> (TabulationInput, InputProvenance) {
        let c = configuration
        var key: PseudonymisationKey?
        if !TabulationInput.isPseudonymised(c.input) {
            guard let path = c.pseudonymisationKey else {
                throw .configuration("\(c.input) holds identifiable records (no pseudonymisation.json): set pseudonymisation_key")
            }
            do {
                key = try PseudonymisationKey.read(from: path, passphrase: c.pseudonymisationPassphraseEnv.map(Passphrase.fromEnvironment))
            } catch { throw .configuration(error.description) }
            if key!.isExample { logger.warning("the pseudonymisation key is an EXAMPLE key: nothing it makes protects anyone") }
        }
        let problems = ProblemLog(limit: 100)
        do {
            let read = try ReleaseInput.read(InputDirectory(path: c.input), key: key, problems: problems)
            let units = read.units
            logger.info("read", metadata: ["input": "\(c.input)", "victims": "\(units.victims.count)", "cases": "\(units.cases.count)",
                                           "offenders": "\(units.offenders.count)"])
            return (units, read.provenance)
        } catch {
            // Problems name file, line, column and rule, never a value.
            for p in problems.problems { logger.error("invalid input", metadata: ["problem": "\(p.description)"]) }
            if problems.total > 0 { throw .invalidInput(problems: problems.total) }
            throw .io("\(c.input): \(error)")
        }
    }

    private func write(_ export: Export, to path: String, input: InputProvenance, signer: SigningSecretKey, created: Int64,
                       history: ReleaseHistory) throws(JobFailure) {
        do { try export.write(to: path, input: input, signingKey: signer, replace: true, created: created, history: history.path) } catch {
            throw .io(error.description)
        }
    }

    /// The `created` time of an existing release (from its first bundle's manifest).
    private func createdTime(of release: String, bundle: String) throws(JobFailure) -> Int64 {
        let path = release + "/" + bundle + "/" + BundleSigning.manifestFile
        guard let data = FileManager.default.contents(atPath: path),
              let created = BundleManifest(json: data).flatMap({ Timestamp.seconds(fromISO: $0.created) }) else {
            throw .io("\(path): the existing release has no readable manifest; move it away")
        }
        return created
    }

    /// The loss figures as log metadata, named as in `loss.json` (the local log only: they tell
    /// small counts apart).
    static func lossMetadata(_ loss: ProtectionLoss) -> Logger.Metadata {
        let fields = (try? JSONSerialization.jsonObject(with: PublishedRelease.compact(loss))) as? [String: Int] ?? [:]
        return fields.mapValues { .string("\($0)") }
    }

    /// Whether two directories hold the same files with the same bytes.
    static func sameFiles(_ a: String, _ b: String) -> Bool {
        let fm = FileManager.default
        guard let left = fm.subpaths(atPath: a)?.sorted(), let right = fm.subpaths(atPath: b)?.sorted(), left == right else { return false }
        return left.allSatisfy { name in
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: a + "/" + name, isDirectory: &isDirectory)
            return isDirectory.boolValue || sameFile(name, in: a, b)
        }
    }

    /// Whether file `name` has the same bytes in directories `a` and `b`.
    static func sameFile(_ name: String, in a: String, _ b: String) -> Bool {
        let fm = FileManager.default
        return fm.contents(atPath: a + "/" + name) == fm.contents(atPath: b + "/" + name)
    }
}
