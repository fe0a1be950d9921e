import Foundation

/// `safestats verify`: whether a bundle is exactly what the holder of a signing key produced.
///
/// Checks that every file the manifest lists, the manifest and `SHA256SUMS` are present with a
/// signature by the key whose trusted comment names that file, this bundle, its recipient, period
/// and key; that sizes and SHA-256 match the manifest and `SHA256SUMS`; that no other file is
/// there; that a bundle of tables keeps the rule it declares (see `DeclaredRuleCheck`); and that
/// the disclosure audit passes and agrees with `audit.json`: proven by
/// `certificate.json` with integer arithmetic when the bundle has one, re-run on the published
/// tables (the attacker's programs) when it has none or the certificate does not prove it.
public struct BundleVerification: Sendable {
    /// One thing checked, and what was wrong with it (nil: it holds).
    public struct Check: Sendable, Equatable {
        public let subject: String
        public let what: String
        public let failure: String?
    }

    public let bundle: String
    public let keyID: String
    public private(set) var checks: [Check] = []

    /// Whether everything holds.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy { $0.failure == nil } }
    public var failures: [Check] { checks.filter { $0.failure != nil } }

    private mutating func record(_ subject: String, _ what: String, _ failure: String?) {
        checks.append(Check(subject: subject, what: what, failure: failure))
    }

    /// Verifies the bundle directory at `path` against `publicKey`.
    public init(bundle path: String, publicKey: SigningPublicKey) {
        bundle = path
        keyID = publicKey.id
        let present: [String]
        do { present = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
            record(path, "bundle directory", "cannot be read as a directory")
            return
        }
        let manifestFile = BundleSigning.manifestFile, sumsFile = BundleSigning.sumsFile
        guard let manifestData = Self.regularFile(path, manifestFile) else {
            record(manifestFile, "manifest", "missing: this is not a bundle")
            return
        }
        guard let manifest = BundleManifest(json: manifestData) else {
            record(manifestFile, "manifest", "not a safestats bundle manifest")
            verifySignature(path, manifestFile, manifestData, manifest: nil, publicKey: publicKey)
            return
        }
        record(manifestFile, "signing key in the manifest",
               manifest.signingKeyId == publicKey.id ? nil
                   : manifest.signingKeyId.map { "names key \($0), not \(publicKey.id)" } ?? "the bundle is not signed (written with --unsigned)")
        let listed = manifest.files.map(\.name)
        let expected = listed + [manifestFile, sumsFile]
        let allowed = Set(expected + expected.map { $0 + BundleSigning.signatureSuffix })
        for name in present where !allowed.contains(name) {
            record(name, "files of the bundle", "not part of the bundle (added)")
        }
        for name in expected where !present.contains(name) {
            record(name, "files of the bundle", "missing")
        }
        var digests: [(name: String, sha256: String)] = []
        for entry in manifest.files where present.contains(entry.name) {
            guard let data = Self.regularFile(path, entry.name) else { record(entry.name, "file", "not a regular file"); continue }
            let sha = SHA256.hex(data)
            record(entry.name, "size and SHA-256 in the manifest",
                   data.count != entry.size ? "is \(data.count) bytes, the manifest says \(entry.size)"
                       : sha != entry.sha256 ? "SHA-256 differs from the manifest's" : nil)
            digests.append((entry.name, sha))
            verifySignature(path, entry.name, data, manifest: manifest, publicKey: publicKey)
        }
        verifySignature(path, manifestFile, manifestData, manifest: manifest, publicKey: publicKey)
        if let sums = Self.regularFile(path, sumsFile) {
            let wanted = BundleSigning.sums(manifest.files.map { ($0.name, $0.sha256) } + [(manifestFile, SHA256.hex(manifestData))])
            record(sumsFile, "agrees with the manifest", sums == wanted ? nil : "does not list exactly the manifest's files and manifest.json with their SHA-256")
            verifySignature(path, sumsFile, sums, manifest: manifest, publicKey: publicKey)
        }
        record(manifest.bundleId, "bundle id",
               manifest.bundleId == BundleManifest.bundleID(recipient: manifest.recipient, period: manifest.period, files: manifest.files)
                   ? nil : "does not match the manifest's recipient, period and files")
        if present.contains(PublishedDirectory.tablesFile) {
            do {
                let recheck = try PublishedDirectory.recheck(path)
                record(PublishedDirectory.tablesFile, recheck.byCertificate ? "disclosure audit proven by \(AuditCertificate.fileName) (no program solved)"
                                                                                : "disclosure audit re-run on the published tables",
                       !recheck.audit.passed ? "FAILS: \(recheck.audit.narrow.count) narrow hidden cells, \(recheck.audit.smallPublished.count) small counts published"
                           : recheck.matchesRecorded != true ? "passes, but \(PublishedDirectory.auditFile) does not agree with it" : nil)
                if let check = recheck.certificate {
                    record(AuditCertificate.fileName, "every hidden cell proven protected with integer arithmetic (\(check.proven) proofs)",
                           check.passed ? nil : "FAILS: " + check.failures.prefix(3).joined(separator: "; ") + (check.failures.count > 3 ? "; … \(check.failures.count) in all" : ""))
                }
            } catch {
                record(PublishedDirectory.tablesFile, "disclosure audit of the published tables", "cannot be audited: \(error.message)")
            }
        }
        if manifest.extract == nil {
            for f in DeclaredRuleCheck.findings(manifest, read: { Self.regularFile(path, $0) }) { record(f.subject, f.what, f.failure) }
        }
        if let parameters = manifest.extract, let data = Self.regularFile(path, RecordExtract.fileName) {
            record(RecordExtract.fileName, "k-anonymity and l-diversity re-checked on the rows", Self.extractFailure(data, parameters))
        }
    }

    /// The checks of the rule a bundle of tables declares (see `DeclaredRuleCheck`) for the bundle
    /// directory `path`; nil when `path` holds no bundle manifest or holds a record extract.
    public static func declaredRule(bundle path: String) -> [Check]? {
        guard let data = FileManager.default.contents(atPath: path + "/" + BundleSigning.manifestFile),
              let manifest = BundleManifest(json: data), manifest.extract == nil else { return nil }
        return DeclaredRuleCheck.findings(manifest) { regularFile(path, $0) }.map { Check(subject: $0.subject, what: $0.what, failure: $0.failure) }
    }

    /// What is wrong with `extract.csv` given what the manifest says it guarantees; nil if nothing.
    static func extractFailure(_ data: Data, _ parameters: BundleManifest.ExtractParameters) -> String? {
        let columns = parameters.quasiIdentifiers + KAnonymousExtract.attributeColumns
        guard let text = String(data: data, encoding: .utf8), let rows = CSVText.parse(text), rows.first == columns else {
            return "is not CSV with the columns \(columns.joined(separator: ","))"
        }
        let body = rows.dropFirst()
        guard body.count == parameters.rows else { return "has \(body.count) rows, the manifest says \(parameters.rows)" }
        guard body.allSatisfy({ $0.count == columns.count }) else { return "has a row without one value per column" }
        guard !body.isEmpty else { return nil }
        let sensitive = parameters.sensitiveAttributes.compactMap { columns.firstIndex(of: $0) }
        guard sensitive.count == parameters.sensitiveAttributes.count, !sensitive.isEmpty else {
            return "names sensitive attributes that are not its columns"
        }
        let q = parameters.quasiIdentifiers.count
        let achieved = ExtractAnonymity(quasi: body.map { Array($0[..<q]) }, sensitive: body.map { r in sensitive.map { r[$0] } })
        if achieved.k < parameters.k { return "FAILS: a group of \(achieved.k) rows shares every quasi-identifier; k is \(parameters.k)" }
        if achieved.l < parameters.l { return "FAILS: a group holds only \(achieved.l) distinct values of a sensitive attribute; l is \(parameters.l)" }
        return nil
    }


    /// Checks `name.minisig`: canonical, by this key, over these bytes, with the trusted comment
    /// signed and naming this file and (when the manifest is known) this bundle.
    private mutating func verifySignature(_ path: String, _ name: String, _ data: Data, manifest: BundleManifest?, publicKey: SigningPublicKey) {
        let sigName = name + BundleSigning.signatureSuffix
        guard let sigData = Self.regularFile(path, sigName) else {
            record(sigName, "signature", "missing (or not a regular file)")
            return
        }
        let signature: FileSignature
        do { signature = try FileSignature(parsing: sigData) } catch {
            record(sigName, "signature", "not a minisign signature file: \(error.message)")
            return
        }
        guard signature.keyIDHex == publicKey.id else {
            record(sigName, "signature", "made by another key (key id \(signature.keyIDHex), expected \(publicKey.id))")
            return
        }
        guard signature.signs(data, publicKey: publicKey) else {
            record(sigName, "signature", "does not match the bytes of \(name) (the file or the signature was changed or swapped)")
            return
        }
        guard signature.trustedCommentIsSigned(by: publicKey) else {
            record(sigName, "signature", "the trusted comment was altered")
            return
        }
        record(sigName, "signature of \(name) by \(publicKey.id)", nil)
        let fields = Dictionary(signature.trustedComment.split(separator: "\t").compactMap { field -> (String, String)? in
            guard let colon = field.firstIndex(of: ":") else { return nil }
            return (String(field[..<colon]), String(field[field.index(after: colon)...]))
        }, uniquingKeysWith: { first, _ in first })
        var wrong: [String] = []
        if fields["file"] != name { wrong.append("signed as file \(fields["file"] ?? "(none)")") }
        if signature.untrustedComment != BundleSigning.untrustedComment(keyID: publicKey.id) {
            wrong.append("its untrusted comment is not the one safestats writes")
        }
        if let manifest {
            if fields["recipient"] != manifest.recipient { wrong.append("signed for recipient \(fields["recipient"] ?? "(none)"), not \(manifest.recipient)") }
            if fields["period"] != manifest.periodText { wrong.append("signed for period \(fields["period"] ?? "(none)"), not \(manifest.periodText)") }
            if fields["bundle"] != manifest.bundleId { wrong.append("signed for bundle \(fields["bundle"] ?? "(none)"), not this bundle \(manifest.bundleId)") }
        }
        if fields["key"] != publicKey.id { wrong.append("names key \(fields["key"] ?? "(none)")") }
        record(sigName, "trusted comment names this file, recipient, period, bundle and key", wrong.isEmpty ? nil : wrong.joined(separator: "; "))
    }

    /// The bytes of a regular file (not a link, not a directory) in the bundle; nil otherwise.
    private static func regularFile(_ path: String, _ name: String) -> Data? {
        var st = stat()
        guard lstat(path + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path + "/" + name)
    }
}
