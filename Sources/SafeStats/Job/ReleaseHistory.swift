import Foundation
import GRDB

/// The job's record of every release it made (SQLite through GRDB, `OUTPUT/.state/history.sqlite`):
/// each release's bundles (recipient, profile version, period, manifest SHA-256, bundle id) and
/// every cell it showed or linked to, by history key, with its published value or null; the
/// profile each bundle carried; and the units it counted, as they were when it was made, so that
/// later releases count its periods as it did (`revisions: hold`, see `HeldRevisions`). The
/// units are as sensitive as the pseudonymised records: the file is its owner's alone (0600, in a
/// directory of mode 0700), and nothing of it goes into a bundle.
///
/// A release is recorded as pending before it is moved into place and confirmed after, so that
/// a run killed at any moment leaves a history that `QuarterlyJob.reconcile` can square with the
/// releases on disk: a pending release that reached its place is confirmed, one that did not is
/// dropped, and a release on disk that the history lacks is recorded from its own bundles.
public final class ReleaseHistory {
    public static let directoryName = ".state"
    public static let fileName = "history.sqlite"
    private let queue: DatabaseQueue
    /// The history file.
    public let path: String

    /// A bundle of a recorded release.
    public struct Bundle: Sendable, Equatable {
        public var name: String
        public var recipient: String
        public var profileVersion: String
        public var period: Period
        public var manifestSHA256: String
        public var bundleID: String
        /// The profile the bundle carried (`profile.json`); nil: the built-in one of `recipient`.
        public var profile: Data? = nil
    }

    /// Opens (creating it if needed) the history of the output directory `output`.
    public convenience init(output: String) throws(JobFailure) {
        let directory = output + "/" + Self.directoryName
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io("\(directory): cannot create the directory of the history of releases: \(error.localizedDescription)")
        }
        try self.init(path: directory + "/" + Self.fileName)
    }

    /// Opens (creating it if needed, mode 0600) the history file `path`.
    public init(path: String) throws(JobFailure) {
        let fm = FileManager.default
        self.path = path
        do {
            if !fm.fileExists(atPath: path) {
                guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw JobFailure.io("\(path): cannot create the history of releases")
                }
            }
            queue = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in
                try db.create(table: "release") { t in
                    t.primaryKey("name", .text)
                    t.column("created", .text).notNull()
                    t.column("recorded", .text).notNull()
                }
                try db.create(table: "bundle") { t in
                    t.column("release", .text).notNull().references("release", onDelete: .cascade)
                    t.column("name", .text).notNull()
                    t.column("recipient", .text).notNull()
                    t.column("profile_version", .text).notNull()
                    t.column("period_start", .text).notNull()
                    t.column("period_end", .text).notNull()
                    t.column("manifest_sha256", .text).notNull()
                    t.column("bundle_id", .text).notNull()
                    t.primaryKey(["release", "name"])
                }
                try db.create(table: "cell") { t in
                    t.column("release", .text).notNull().references("release", onDelete: .cascade)
                    t.column("key", .text).notNull()
                    t.column("value", .integer)
                    t.primaryKey(["release", "key"])
                }
            }
            migrator.registerMigration("v2: pending releases") { db in
                try db.alter(table: "release") { t in t.add(column: "state", .text).notNull().defaults(to: State.confirmed.rawValue) }
            }
            migrator.registerMigration("v3: where each release went, its profiles and its units") { db in
                try db.alter(table: "release") { t in t.add(column: "path", .text) }
                try db.alter(table: "bundle") { t in t.add(column: "profile", .blob) }
                try db.create(table: "units") { t in
                    t.primaryKey("release", .text).references("release", onDelete: .cascade)
                    t.column("json", .blob).notNull()
                }
            }
            migrator.registerMigration("v4: the revision policy each release was counted under") { db in
                try db.alter(table: "release") { t in t.add(column: "revisions", .text).notNull().defaults(to: RevisionPolicy.hold.rawValue) }
            }
            try migrator.migrate(queue)
        } catch let failure as JobFailure {
            throw failure
        } catch {
            throw .io("\(path): cannot open the history of releases: \(error)")
        }
    }

    /// Whether a recorded release is in place (confirmed) or was recorded just before its move.
    public enum State: String, Sendable {
        case pending, confirmed
    }

    /// The names of the recorded releases, oldest first.
    public func releases() throws(JobFailure) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM release ORDER BY rowid") }
    }

    /// The releases recorded as pending (not yet confirmed in place), oldest first, with where
    /// they were to go (nil: the job's output directory, by name).
    public func pendingReleases() throws(JobFailure) -> [(name: String, path: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, path FROM release WHERE state = ? ORDER BY rowid", arguments: [State.pending.rawValue])
                .map { (name: $0["name"], path: $0["path"]) }
        }
    }

    /// Squares the pending releases with the disk: one whose directory is in place (where it was
    /// to go, else `output/NAME`) is confirmed, any other dropped (it was never in place, so never
    /// sent). Returns each with whether it was in place.
    public func settlePending(output: String?) throws(JobFailure) -> [(name: String, placed: Bool)] {
        var out: [(name: String, placed: Bool)] = []
        for (name, path) in try pendingReleases() {
            let placed = (path ?? output.map { $0 + "/" + name }).map { FileManager.default.fileExists(atPath: $0) } ?? false
            if placed { try confirm(release: name) } else { try forget(pendingRelease: name) }
            out.append((name, placed))
        }
        return out
    }

    /// Marks the pending release `name` as in place.
    public func confirm(release name: String) throws(JobFailure) {
        try write("confirm release \(name)") { db in
            try db.execute(sql: "UPDATE release SET state = ? WHERE name = ?", arguments: [State.confirmed.rawValue, name])
        }
    }

    /// Drops the pending release `name` (it never reached its place), with its bundles and cells.
    public func forget(pendingRelease name: String) throws(JobFailure) {
        try write("drop pending release \(name)") { db in
            try db.execute(sql: "DELETE FROM cell WHERE release = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM bundle WHERE release = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM units WHERE release = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM release WHERE name = ? AND state = ?", arguments: [name, State.pending.rawValue])
        }
    }

    /// The bundles of release `name`.
    public func bundles(of name: String) throws(JobFailure) -> [Bundle] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM bundle WHERE release = ? ORDER BY name", arguments: [name]).compactMap { row -> Bundle? in
                guard let start = ISODate(row["period_start"]), let end = ISODate(row["period_end"]),
                      let period = Period(start: start, end: end) else { return nil }
                return Bundle(name: row["name"], recipient: row["recipient"], profileVersion: row["profile_version"], period: period,
                              manifestSHA256: row["manifest_sha256"], bundleID: row["bundle_id"], profile: row["profile"])
            }
        }
    }

    /// The cells release `name` showed or linked to: history key → value (nil: hidden).
    public func cells(of name: String) throws(JobFailure) -> [String: Int?] {
        try read { db in
            var out: [String: Int?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM cell WHERE release = ?", arguments: [name]) {
                out[row["key"]] = .some(row["value"] as Int?)
            }
            return out
        }
    }

    /// The units release `name` counted, as they were then; nil when it was recorded without them.
    public func units(of name: String) throws(JobFailure) -> TabulationInput? {
        let data = try read { db in try Data.fetchOne(db, sql: "SELECT json FROM units WHERE release = ?", arguments: [name]) }
        guard let data else { return nil }
        guard let units = TabulationInput(snapshotJSON: data) else { throw .io("the history holds units of release \(name) it cannot read back") }
        return units
    }

    /// Every recorded release, oldest first, as later releases are protected together with it.
    public func sent() throws(JobFailure) -> [SentRelease] {
        var out: [SentRelease] = []
        for name in try releases() {
            var requests: [(profile: Profile, period: Period)] = []
            let bundles = try bundles(of: name)
            for b in bundles {
                do {
                    let profile = if let data = b.profile { try Profile(json: data, source: "the history's profile of \(b.name)") }
                        else { try Profile.named(b.recipient) }
                    requests.append((profile, b.period))
                } catch { throw .configuration("history: \(error)") }
            }
            let policy = try read { db in try String.fetchOne(db, sql: "SELECT revisions FROM release WHERE name = ?", arguments: [name]) }
            out.append(SentRelease(name: name, requests: requests, cells: try cells(of: name), units: try units(of: name),
                                   bundleIDs: bundles.map(\.bundleID), revisions: policy.flatMap(RevisionPolicy.init(rawValue:)) ?? .hold))
        }
        return out
    }

    /// Records a release with its bundles and cells, once (a second call for the same name keeps
    /// the first record), as `state`, with the units it counted and where it went (nil: the job's
    /// output directory, by name), and the revision policy it was counted under.
    public func record(release name: String, created: String, bundles: [Bundle], cells: [String: Int?], state: State = .confirmed,
                       units: TabulationInput? = nil, path: String? = nil, revisions: RevisionPolicy = .hold) throws(JobFailure) {
        let unitsJSON = units?.snapshotJSON()
        try write("record release \(name)") { db in
            guard try String.fetchOne(db, sql: "SELECT name FROM release WHERE name = ?", arguments: [name]) == nil else { return }
            try db.execute(sql: "INSERT INTO release (name, created, recorded, state, path, revisions) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [name, created, Timestamp.now(), state.rawValue, path, revisions.rawValue])
            for b in bundles {
                try db.execute(sql: """
                    INSERT INTO bundle (release, name, recipient, profile_version, period_start, period_end, manifest_sha256, bundle_id, profile)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, b.name, b.recipient, b.profileVersion, b.period.start.description, b.period.end.description,
                                     b.manifestSHA256, b.bundleID, b.profile])
            }
            if let unitsJSON { try db.execute(sql: "INSERT OR REPLACE INTO units (release, json) VALUES (?, ?)", arguments: [name, unitsJSON]) }
            let insert = try db.makeStatement(sql: "INSERT INTO cell (release, key, value) VALUES (?, ?, ?)")
            for (key, value) in cells.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [name, key, value])
            }
        }
    }

    private func write(_ what: String, _ body: (Database) throws -> Void) throws(JobFailure) {
        do { try queue.write(body) } catch { throw .io("cannot \(what) in the history: \(error)") }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(JobFailure) -> T {
        do { return try queue.read(body) } catch { throw .io("cannot read the history of releases: \(error)") }
    }
}
