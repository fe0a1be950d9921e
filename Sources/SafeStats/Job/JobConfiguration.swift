import Foundation
import Yams

/// The quarterly job's configuration (`safestats run --config FILE`), a YAML file checked by
/// `schemas/run-config.schema.json`. Paths are relative to the file's directory; passphrases
/// are named by environment variable only.
public struct JobConfiguration: Sendable, Equatable {
    /// One recipient of the job and the period it gets.
    public struct Recipient: Sendable, Equatable {
        public var id: String
        public var period: String
    }

    /// Identifiable records (then `pseudonymisationKey` is required) or pseudonymised ones.
    public var input: String
    public var pseudonymisationKey: String?
    public var pseudonymisationPassphraseEnv: String?
    public var signingKey: String
    public var signingPassphraseEnv: String?
    /// The reporting country (ISO 3166-1 alpha-3).
    public var country: String
    /// Where releases go: one directory per release, and the job's lock file.
    public var output: String
    /// Recipient → its period: `last-quarter`, `last-calendar-year`, `last-tip-year`, or a fixed
    /// period as `export --period` takes it.
    public var recipients: [Recipient]
    /// Stricter protection than the profiles' (never weaker).
    public var minimumThreshold: Int?
    public var minimumProtectionWidth: Int?
    /// Cells that must stay published, as `export --keep` names them.
    public var keep: [KeptCell] = []
    /// Try again the cells hidden to protect others in large groups of linked cells too, as
    /// `export --thorough`.
    public var thorough = false
    /// What a run does when the register now gives other figures for periods already sent:
    /// `hold` (the default) or `publish` (see `RevisionPolicy`).
    public var revisions = RevisionPolicy.hold

    static let keys: Set<String> = ["input", "pseudonymisation_key", "pseudonymisation_passphrase_env", "signing_key", "signing_passphrase_env",
                                    "country", "output", "recipients", "minimum_threshold", "minimum_protection_width", "keep", "thorough",
                                    "revisions"]

    /// Reads and checks the configuration file at `path`.
    /// - Throws: `JobFailure.configuration` naming the file, the key and what is wrong.
    public static func read(from path: String) throws(JobFailure) -> JobConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else { throw .configuration("\(path): cannot be read") }
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw .configuration("\(path): not YAML: \(error)")
        }
        guard let map = node?.mapping else { throw .configuration("\(path): not a mapping of settings") }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func fail(_ key: String, _ why: String) -> JobFailure { .configuration("\(path): \(key): \(why)") }
        var values: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string, keys.contains(key) else { throw .configuration("\(path): unknown setting \(k.string ?? "?") (known: \(keys.sorted().joined(separator: ", ")))") }
            values[key] = v
        }
        func string(_ key: String, required: Bool = true) throws(JobFailure) -> String? {
            guard let node = values[key] else {
                if required { throw fail(key, "missing") }
                return nil
            }
            guard let s = node.scalar?.string, !s.isEmpty else { throw fail(key, "must be a non-empty string") }
            return s
        }
        func pathValue(_ key: String, required: Bool = true) throws(JobFailure) -> String? {
            try string(key, required: required).map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).standardizedFileURL.path }
        }
        func integer(_ key: String) throws(JobFailure) -> Int? {
            guard let node = values[key] else { return nil }
            guard let n = node.int, n >= 1, n <= 100 else { throw fail(key, "must be a whole number from 1 to 100") }
            return n
        }
        func variable(_ key: String) throws(JobFailure) -> String? {
            guard let name = try string(key, required: false) else { return nil }
            guard name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                throw fail(key, "must name an environment variable (letters, digits, _), not hold a passphrase")
            }
            return name
        }
        guard let recipientsNode = values["recipients"] else { throw fail("recipients", "missing") }
        guard let recipientMap = recipientsNode.mapping, !recipientMap.isEmpty else {
            throw fail("recipients", "must map each recipient (\(Profile.available.joined(separator: ", "))) to its period")
        }
        var recipients: [Recipient] = []
        for (k, v) in recipientMap {
            guard let id = k.string, Profile.available.contains(id) else {
                throw fail("recipients", "\(k.string ?? "?") is not a recipient (\(Profile.available.joined(separator: ", ")))")
            }
            guard let period = v.scalar?.string, !period.isEmpty else { throw fail("recipients.\(id)", "must be a period") }
            recipients.append(Recipient(id: id, period: period))
        }
        var keep: [KeptCell] = []
        if let node = values["keep"] {
            guard let list = node.sequence else { throw fail("keep", "must be a list of cells (RECIPIENT/TABLE or RECIPIENT/TABLE:DIMENSION=CATEGORY,…)") }
            for item in list {
                guard let text = item.scalar?.string, let cell = KeptCell(text) else {
                    throw fail("keep", "\(item.scalar?.string ?? "an item") is not RECIPIENT/TABLE or RECIPIENT/TABLE:DIMENSION=CATEGORY,…")
                }
                keep.append(cell)
            }
        }
        var thorough = false
        if let node = values["thorough"] {
            guard let flag = node.bool else { throw fail("thorough", "must be true or false") }
            thorough = flag
        }
        var revisions = RevisionPolicy.hold
        if let node = values["revisions"] {
            guard let text = node.scalar?.string, let policy = RevisionPolicy(rawValue: text) else { throw fail("revisions", "must be hold or publish") }
            revisions = policy
        }
        var config = JobConfiguration(
            input: try pathValue("input")!, pseudonymisationKey: try pathValue("pseudonymisation_key", required: false),
            pseudonymisationPassphraseEnv: try variable("pseudonymisation_passphrase_env"), signingKey: try pathValue("signing_key")!,
            signingPassphraseEnv: try variable("signing_passphrase_env"), country: try string("country")!, output: try pathValue("output")!,
            recipients: recipients, minimumThreshold: try integer("minimum_threshold"), minimumProtectionWidth: try integer("minimum_protection_width"),
            keep: keep, thorough: thorough)
        config.revisions = revisions
        guard CountryCodes.isReportingCountry(config.country) else { throw fail("country", CountryCodes.reportingCountryRule) }
        for r in config.recipients where RelativePeriod(r.period) == nil {
            throw fail("recipients.\(r.id)", "\(r.period) is not a period (last-quarter, last-calendar-year, last-tip-year, 2023, 2023-Q4, 2023-04-01..2024-03-31)")
        }
        return config
    }
}
