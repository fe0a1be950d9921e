import Foundation

/// A directory holding a published release: `tables.json` and its `audit.json`.
public enum PublishedDirectory {
    public static let tablesFile = "tables.json"
    public static let auditFile = "audit.json"

    /// Writes `release`'s published tables and audit into a new directory at `path`, all or nothing.
    public static func write(_ release: ProtectedRelease, to path: String, replace: Bool) throws(OutputError) {
        let staged = try StagedDirectory(target: path, replace: replace)
        for (name, data) in [(tablesFile, release.published.json()), (auditFile, release.audit.json())] {
            guard FileManager.default.createFile(atPath: staged.path(name), contents: data) else {
                throw .io(path: path + "/" + name, reason: "cannot write")
            }
        }
        try staged.commit()
    }

    /// The outcome of re-auditing a directory.
    public struct Recheck: Sendable {
        /// The audit recomputed from `tables.json` alone.
        public let audit: AuditReport
        /// Whether `audit.json` says the same; nil when the directory has none.
        public let matchesRecorded: Bool?
        public let published: PublishedRelease
        /// The check of `certificate.json` beside it; nil when the directory has none.
        public let certificate: CertificateCheck?
    }

    /// Recomputes the audit of the release in `path` (a directory with `tables.json`, or that file)
    /// and compares it with the recorded `audit.json` beside it, if any: byte for byte in meaning,
    /// or, with `exact` (every interval solved exactly), by `AuditReport.agrees(withExact:)`.
    public static func recheck(_ path: String, exact: Bool = false) throws(PublishedRelease.Problem) -> Recheck {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PublishedRelease.Problem(message: "\(path): no such file or directory")
        }
        let tables = isDirectory.boolValue ? path + "/" + tablesFile : path
        let directory = (tables as NSString).deletingLastPathComponent
        guard let data = FileManager.default.contents(atPath: tables) else { throw PublishedRelease.Problem(message: "\(tables): cannot be read") }
        let published = try PublishedRelease(json: data, source: tables)
        let audit = try AuditReport(auditing: published, exact: exact)
        let recordedPath = (directory.isEmpty ? "." : directory) + "/" + auditFile
        var matches: Bool?
        if let recorded = FileManager.default.contents(atPath: recordedPath) {
            let report = try AuditReport(json: recorded, source: recordedPath)
            matches = exact ? report.agrees(withExact: audit) : report == audit
        }
        var certificate: CertificateCheck?
        let certificatePath = (directory.isEmpty ? "." : directory) + "/" + AuditCertificate.fileName
        if let data = FileManager.default.contents(atPath: certificatePath) {
            certificate = CertificateCheck(try AuditCertificate(json: data, source: certificatePath), release: try published.release())
        }
        return Recheck(audit: audit, matchesRecorded: matches, published: published, certificate: certificate)
    }
}
