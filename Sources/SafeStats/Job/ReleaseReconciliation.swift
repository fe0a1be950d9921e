import Foundation
import Logging

extension QuarterlyJob {
    /// Squares the history with the releases in the output directory before anything is
    /// protected, so that a run killed at any moment never leaves a release on disk that later
    /// runs are not protected against:
    /// - a release recorded as pending whose directory is in place is confirmed; one whose move
    ///   never happened is dropped (it was never in place, so never sent);
    /// - a release directory that the history lacks is verified with `publicKey` and recorded from
    ///   its own bundles (`tables.json` says what it showed); one that does not verify stops the run.
    /// - Throws: `JobFailure.notProtected` naming the directory, why, and how to go on.
    func reconcile(_ history: ReleaseHistory, publicKey: SigningPublicKey) throws(JobFailure) {
        let output = configuration.output
        let fm = FileManager.default
        for (name, placed) in try history.settlePending(output: output) {
            if placed {
                logger.warning("an earlier run stopped after moving its release into place: recorded it now", metadata: ["release": "\(name)"])
            } else {
                logger.warning("an earlier run stopped before moving its release into place: it was never released", metadata: ["release": "\(name)"])
            }
        }
        let recorded = Set(try history.releases())
        let entries = ((try? fm.contentsOfDirectory(atPath: output)) ?? []).sorted()
        for name in entries where !name.hasPrefix(".") && !recorded.contains(name) {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: output + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let path = output + "/" + name
            let bundles = Self.bundleDirectories(in: path)
            guard !bundles.isEmpty else {
                throw .notProtected("\(path) is in the output directory but holds no bundle and is not in the history of releases; "
                    + "move it out of \(output), then run again")
            }
            for bundle in bundles {
                let v = BundleVerification(bundle: path + "/" + bundle, publicKey: publicKey)
                guard v.passed else {
                    throw .notProtected("\(path) is a release the history does not record, and its bundle \(bundle) does not verify ("
                        + v.failures.prefix(3).map { "\($0.subject): \($0.failure!)" }.joined(separator: "; ")
                        + "); if it was never sent, move it out of \(output), then run again")
                }
            }
            try Self.recordRelease(name, at: path, in: history, state: .confirmed)
            logger.warning("a release on disk was missing from the history (a run stopped between its move and its record): recorded it now",
                           metadata: ["release": "\(name)", "bundles": "\(bundles.count)"])
        }
    }

    /// Records the release `name` whose bundles are the directories in `path` (in place, or still
    /// staged), from what its bundles say: each manifest, the profile it carries and the cells its
    /// `tables.json` shows; with `units`, those it counted (see `ReleaseHistory`). `place` is where
    /// it goes when that is not the job's output directory.
    static func recordRelease(_ name: String, at path: String, in history: ReleaseHistory, state: ReleaseHistory.State,
                              units: TabulationInput? = nil, place: String? = nil, revisions: RevisionPolicy = .hold) throws(JobFailure) {
        var cells = PublishedHistory()
        var bundles: [ReleaseHistory.Bundle] = []
        var created = ""
        for bundle in Self.bundleDirectories(in: path) {
            let manifestPath = path + "/" + bundle + "/" + BundleSigning.manifestFile
            let tablesPath = path + "/" + bundle + "/" + PublishedDirectory.tablesFile
            guard let data = FileManager.default.contents(atPath: manifestPath), let manifest = BundleManifest(json: data),
                  let start = ISODate(manifest.period.start), let end = ISODate(manifest.period.end), let period = Period(start: start, end: end)
            else { throw .io("\(manifestPath): cannot be read back as a bundle manifest") }
            guard let tables = FileManager.default.contents(atPath: tablesPath) else { throw .io("\(tablesPath): cannot be read back") }
            do { cells.add(try PublishedRelease(json: tables, source: tablesPath).historyCells) } catch { throw .io(error.message) }
            created = manifest.created
            bundles.append(.init(name: bundle, recipient: manifest.recipient, profileVersion: manifest.profile.version, period: period,
                                 manifestSHA256: SHA256.hex(data), bundleID: manifest.bundleId,
                                 profile: FileManager.default.contents(atPath: path + "/" + bundle + "/" + Profile.fileName)))
        }
        try history.record(release: name, created: created, bundles: bundles, cells: cells.cells, state: state, units: units, path: place,
                           revisions: revisions)
    }

    /// The bundles of a release directory: its subdirectories that hold a manifest, by name.
    static func bundleDirectories(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().filter {
            FileManager.default.fileExists(atPath: path + "/" + $0 + "/" + BundleSigning.manifestFile)
        }
    }
}
