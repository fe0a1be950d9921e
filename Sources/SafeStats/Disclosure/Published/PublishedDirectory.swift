import Foundation

/// A directory holding a published release: `tables.json` and its `audit.json`.
public enum PublishedDirectory {
    public static let tablesFile = "tables.json"
    public static let auditFile = "audit.json"

    /// Writes published tables and their audit (a `ProtectedRelease`'s `published` and
    /// `recordedAudit()`) into a new directory at `path`, all or nothing.
    public static func write(_ tables: PublishedRelease, audit: AuditReport, to path: String, replace: Bool) throws(OutputError) {
        let staged = try StagedDirectory(target: path, replace: replace)
        try staged.write([(tablesFile, tables.json()), (auditFile, audit.json())])
        try staged.commit()
    }

    /// The outcome of re-auditing a directory.
    public struct Recheck: Sendable {
        /// The audit recomputed from `tables.json` alone; or, when `byCertificate`, the recorded
        /// `audit.json`, whose verdict the certificate proved.
        public let audit: AuditReport
        /// Whether `audit.json` says the same; nil when the directory has none.
        public let matchesRecorded: Bool?
        public let published: PublishedRelease
        /// The check of `certificate.json` beside it; nil when the directory has none.
        public let certificate: CertificateCheck?
        /// Whether the verdict comes from the certificate alone (no program solved).
        public var byCertificate: Bool { certificate?.passed == true && !solved }
        let solved: Bool
    }

    /// Re-checks the release in `path` (a directory with `tables.json`, or that file) against the
    /// `audit.json` and `certificate.json` beside it, if any.
    ///
    /// With a certificate that proves every hidden cell protected and an `audit.json` that says
    /// so for exactly the hidden cells, that is the verdict: no program is solved (time linear in
    /// the size of the release). Otherwise, or with `exact`, the audit is recomputed from
    /// `tables.json` alone and compared with `audit.json`: byte for byte in meaning, or, with
    /// `exact` (every interval solved exactly), by `AuditReport.agrees(withExact:)`.
    public static func recheck(_ path: String, exact: Bool = false) throws(PublishedRelease.Problem) -> Recheck {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PublishedRelease.Problem(message: "\(path): no such file or directory")
        }
        let tables = isDirectory.boolValue ? path + "/" + tablesFile : path
        let directory = (tables as NSString).deletingLastPathComponent
        let beside = (directory.isEmpty ? "." : directory) + "/"
        guard let data = FileManager.default.contents(atPath: tables) else { throw PublishedRelease.Problem(message: "\(tables): cannot be read") }
        let published = try PublishedRelease(json: data, source: tables)
        let recorded = try FileManager.default.contents(atPath: beside + auditFile).map { data throws(PublishedRelease.Problem) in
            try AuditReport(json: data, source: beside + auditFile)
        }
        var certificate: CertificateCheck?
        if let data = FileManager.default.contents(atPath: beside + AuditCertificate.fileName) {
            certificate = CertificateCheck(try AuditCertificate(json: data, source: beside + AuditCertificate.fileName), release: try published.release())
        }
        let hidden = published.cells.filter { $0.value == nil }.map(\.id)
        if !exact, certificate?.passed == true, let recorded, recorded.passed, recorded.intervals.map(\.cell) == hidden {
            return Recheck(audit: recorded, matchesRecorded: true, published: published, certificate: certificate, solved: false)
        }
        let audit = try AuditReport(auditing: published, exact: exact)
        let matches = recorded.map { exact ? $0.agrees(withExact: audit) : $0 == audit }
        return Recheck(audit: audit, matchesRecorded: matches, published: published, certificate: certificate, solved: true)
    }
}
