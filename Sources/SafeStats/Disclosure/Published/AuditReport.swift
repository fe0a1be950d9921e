import Foundation

/// The audit of a published release as a document (`audit.json`): the attacker's interval of
/// every hidden cell, recomputed from the published document alone, and the verdict.
public struct AuditReport: Codable, Sendable, Equatable {
    public static let formatName = "safestats-audit"

    public var format = Self.formatName
    public var version = 1
    /// No narrow cell and no small published count.
    public var passed: Bool
    /// Hidden cells whose interval is narrower than their protection width and holds a value from 1
    /// to threshold − 1.
    public var narrow: [Int]
    /// Published cells holding a count from 1 to threshold − 1.
    public var smallPublished: [Int]
    /// One entry per hidden cell, in cell order.
    public var intervals: [Entry]

    /// Every value from `lower` to `upper` (rounded to 6 decimals) agrees with everything
    /// published. With `exact`, they are the smallest and largest such values (`upper` nil: no
    /// largest); without, the cell was shown to move by its protection width (or never to go below
    /// its threshold) without solving for its exact bounds, which lie outside.
    public struct Entry: Codable, Sendable, Equatable {
        public var cell: Int
        public var lower: Double
        public var upper: Double?
        public var exact: Bool
        public var narrow: Bool

        private enum CodingKeys: String, CodingKey { case cell, lower, upper, exact, narrow }

        /// Writes a missing upper bound as an explicit null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cell, forKey: .cell)
            try c.encode(lower, forKey: .lower)
            try c.encode(upper, forKey: .upper)
            try c.encode(exact, forKey: .exact)
            try c.encode(narrow, forKey: .narrow)
        }
    }

    /// The report of `audit`.
    public init(_ audit: DisclosureAudit) {
        func rounded(_ x: Double) -> Double { ((x * 1e6).rounded() / 1e6) + 0 }  // + 0 turns −0 into 0
        let narrow = Set(audit.narrow)
        passed = audit.passed
        self.narrow = audit.narrow
        smallPublished = audit.smallPublished
        intervals = audit.intervals.map {
            Entry(cell: $0.cell, lower: rounded($0.lower), upper: $0.upper.map(rounded), exact: $0.exact, narrow: narrow.contains($0.cell))
        }
    }

    /// Audits `published` from its own contents: what anyone holding the document can do. With
    /// `exact`, every hidden cell gets its exact interval (two programs each).
    public init(auditing published: PublishedRelease, exact: Bool = false) throws(PublishedRelease.Problem) {
        let release = try published.release()
        do {
            self.init(try DisclosureAudit(release, rule: ProtectionRule(), exact: exact))
        } catch {
            throw PublishedRelease.Problem(message: "the audit cannot be computed: \(error)")
        }
    }

    /// Audits `published` from its own contents, as `init(auditing:)`, and certifies the verdict
    /// with what the audit's programs found (see `AuditCertificate`).
    public static func certified(_ published: PublishedRelease) throws(PublishedRelease.Problem) -> (report: AuditReport, certificate: AuditCertificate) {
        let release = try published.release()
        var groups: [GroupBounds]? = []
        do {
            let audit = try DisclosureAudit(release, rule: ProtectionRule(), keeping: &groups)
            return (AuditReport(audit), AuditCertificate(release: release, groups: groups ?? []))
        } catch {
            throw PublishedRelease.Problem(message: "the audit cannot be computed: \(error)")
        }
    }

    /// Whether this (recorded) report agrees with `exact`, an audit of the same tables with exact
    /// intervals: the same verdicts, the same exact entries, and every other range inside the
    /// exact interval.
    public func agrees(withExact exact: AuditReport) -> Bool {
        guard passed == exact.passed, narrow == exact.narrow, smallPublished == exact.smallPublished,
              intervals.map(\.cell) == exact.intervals.map(\.cell) else { return false }
        let tolerance = Tolerance.agreement
        return zip(intervals, exact.intervals).allSatisfy { mine, truth in
            guard mine.narrow == truth.narrow else { return false }
            if mine.exact { return mine == truth }
            return mine.lower >= truth.lower - tolerance && (truth.upper.map { (mine.upper ?? .infinity) <= $0 + tolerance } ?? true)
        }
    }

    /// The document's bytes (sorted keys, pretty-printed, a final new line).
    public func json() -> Data {
        PublishedRelease.encode(self)
    }

    /// Reads a document written by `json()`; `source` names it in messages.
    public init(json data: Data, source: String) throws(PublishedRelease.Problem) {
        self = try PublishedRelease.decode(data, source: source, what: "audit")
        guard format == Self.formatName, version == 1 else {
            throw PublishedRelease.Problem(message: "\(source): not a safestats-audit document of version 1")
        }
    }
}
