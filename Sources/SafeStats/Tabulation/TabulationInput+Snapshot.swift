import Foundation

extension TabulationInput {
    /// The units as JSON, to keep beside a release what it counted (as sensitive as the
    /// pseudonymised records: they are units of persons, by pseudonym).
    public func snapshotJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding value types of known shape cannot fail.
        return try! encoder.encode(Snapshot(victims: victims, cases: cases, offenders: offenders))
    }

    /// The units of a `snapshotJSON()`; nil when `data` is not one.
    public init?(snapshotJSON data: Data) {
        guard let s = try? JSONDecoder().decode(Snapshot.self, from: data) else { return nil }
        self.init(victims: s.victims, cases: s.cases, offenders: s.offenders)
    }

    private struct Snapshot: Codable {
        var victims: [VictimUnit]
        var cases: [CaseUnit]
        var offenders: [OffenderUnit]
    }
}
