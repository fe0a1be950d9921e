import Foundation
import GRDB

/// The job's record of every release it made (SQLite through GRDB, `OUTPUT/.state/history.sqlite`):
/// each release's bundles (recipient, profile version, period, manifest SHA-256, bundle id) and
/// every cell it showed or linked to, by history key, with its published value or null.
///
/// A release is recorded as pending before it is moved into place and confirmed after, so that
/// a run killed at any moment leaves a history that `QuarterlyJob.reconcile` can square with the
/// releases on disk: a pending release that reached its place is confirmed, one that did not is
/// dropped, and a release on disk that the history lacks is recorded from its own bundles.
public final class ReleaseHistory {
    public static let directoryName = ".state"
    public static let fileName = "history.sqlite"
    private let queue: DatabaseQueue

    /// A bundle of a recorded release.
    public struct Bundle: Sendable, Equatable {
        public var name: String
        public var recipient: String
        public var profileVersion: String
        public var period: Period
        public var manifestSHA256: String
        public var bundleID: String
    }

    /// Opens (creating it if needed) the history of the output directory `output`.
    public init(output: String) throws(JobFailure) {
        let directory = output + "/" + Self.directoryName
        let path = directory + "/" + Self.fileName
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
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
            try migrator.migrate(queue)
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

    /// The names of the releases recorded as pending (not yet confirmed in place), oldest first.
    public func pendingReleases() throws(JobFailure) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM release WHERE state = ? ORDER BY rowid", arguments: [State.pending.rawValue])
        }
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
                              manifestSHA256: row["manifest_sha256"], bundleID: row["bundle_id"])
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

    /// Records a release with its bundles and cells, once (a second call for the same name keeps
    /// the first record), as `state`.
    public func record(release name: String, created: String, bundles: [Bundle], cells: [String: Int?], state: State = .confirmed) throws(JobFailure) {
        try write("record release \(name)") { db in
            guard try String.fetchOne(db, sql: "SELECT name FROM release WHERE name = ?", arguments: [name]) == nil else { return }
            try db.execute(sql: "INSERT INTO release (name, created, recorded, state) VALUES (?, ?, ?, ?)",
                           arguments: [name, created, Timestamp.now(), state.rawValue])
            for b in bundles {
                try db.execute(sql: """
                    INSERT INTO bundle (release, name, recipient, profile_version, period_start, period_end, manifest_sha256, bundle_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, b.name, b.recipient, b.profileVersion, b.period.start.description, b.period.end.description,
                                     b.manifestSHA256, b.bundleID])
            }
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
