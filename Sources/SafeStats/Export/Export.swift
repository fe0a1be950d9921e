import Foundation

/// `safestats export`: the tables of several recipients, each for its own period, protected
/// together in one release and written as one bundle per recipient.
public struct Export: Sendable {
    public let release: ProtectedRelease
    public let bundles: [RecipientBundle]

    /// Protects `requests` (profile and period) of `input` jointly for reporting country `country`,
    /// every table's rule at least `atLeast` when given.
    public init(_ input: TabulationInput, requests: [(profile: Profile, period: Period)], country: String, atLeast: ProtectionRule? = nil,
                progress: (SecondarySuppression.Progress) -> Void = { _ in }) throws(ExportFailure) {
        var scheduled: [(spec: TableSpec, periods: [Period])] = []
        do {
            for (profile, period) in requests {
                let periods = profile.periods(for: period)
                scheduled += try profile.specs(country: country).map { (atLeast.map($0.atLeast) ?? $0, periods) }
            }
            if let pair = TableSpec.unlinkedPair(in: scheduled.map(\.spec)) {
                throw TableDeclarations.Problem(message: "the recipients' tables of \(pair.population.rawValue) use both \(pair.first) and \(pair.second), which cannot be protected together")
            }
        } catch let problem as TableDeclarations.Problem {
            throw .profile(problem)
        } catch {
            throw .profile(.init(message: "\(error)"))
        }
        do { release = try ProtectedRelease(input, tables: scheduled, country: country, progress: progress) } catch { throw .protection(error) }
        let ids = requests.map(\.profile.id)
        var bundles: [RecipientBundle] = []
        for (profile, period) in requests {
            do {
                bundles.append(try RecipientBundle(profile: profile, period: period, country: country, release: release, releasedWith: ids))
            } catch { throw .protection(.unreadable(error.message)) }
            guard bundles.last!.audit.passed else {
                throw .protection(.auditFailed(narrow: bundles.last!.audit.narrow.count, smallPublished: bundles.last!.audit.smallPublished.count))
            }
        }
        self.bundles = bundles
    }

    /// The files of `bundle`: tables.csv, tables.json, audit.json, report.html, manifest.json
    /// listing them, SHA256SUMS, and with `signingKey` a `.minisig` signature of each.
    public static func files(of bundle: RecipientBundle, input: InputProvenance, signingKey: SigningSecretKey?,
                             created: Int64) -> [(name: String, data: Data)] {
        let data: [(name: String, data: Data)] = [
            ("tables.csv", TablesCSV.render(bundle)), (PublishedDirectory.tablesFile, bundle.view.json()),
            (PublishedDirectory.auditFile, bundle.audit.json()),
            ("report.html", ReportHTML.render(bundle, input: input, signingKey: signingKey)),
        ]
        let manifest = BundleManifest(bundle, input: input, files: data, created: created, signedBy: signingKey?.publicKey,
                                      exampleSigningKey: signingKey?.isExample ?? false)
        let manifestData = manifest.json()
        let sums = BundleSigning.sums(manifest.files.map { ($0.name, $0.sha256) } + [(BundleSigning.manifestFile, SHA256.hex(manifestData))])
        let files = data + [(BundleSigning.manifestFile, manifestData), (BundleSigning.sumsFile, sums)]
        guard let signingKey else { return files }
        return files + BundleSigning.signatures(of: files, manifest: manifest, key: signingKey, timestamp: created)
    }

    /// Writes every bundle into a new directory `path` (one subdirectory per bundle), all or nothing,
    /// stamped `created` (seconds since 1970; `SOURCE_DATE_EPOCH` or the clock by default).
    public func write(to path: String, input: InputProvenance, signingKey: SigningSecretKey?, replace: Bool,
                      created: Int64 = Timestamp.nowSeconds()) throws(OutputError) {
        let staged = try StagedDirectory(target: path, replace: replace)
        for bundle in bundles {
            let directory = staged.path(bundle.name)
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false) } catch {
                throw .io(path: path + "/" + bundle.name, reason: "cannot create")
            }
            for (name, data) in Self.files(of: bundle, input: input, signingKey: signingKey, created: created) {
                guard FileManager.default.createFile(atPath: directory + "/" + name, contents: data) else {
                    throw .io(path: path + "/" + bundle.name + "/" + name, reason: "cannot write")
                }
            }
        }
        try staged.commit()
    }
}

/// Why an export was refused.
public enum ExportFailure: Error, CustomStringConvertible {
    case profile(TableDeclarations.Problem)
    case protection(ProtectedRelease.Failure)

    public var description: String {
        switch self {
        case .profile(let p): p.description
        case .protection(let f): f.description
        }
    }
}
