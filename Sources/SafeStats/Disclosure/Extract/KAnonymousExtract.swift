/// A record extract (one row per victim, like the CTDC's) in which every combination of the
/// quasi-identifiers occurs at least k times.
///
/// 1. Global generalisation (the Datafly heuristic): while more than `maxDroppedFraction` of the
///    records sit in combinations rarer than k, the quasi-identifier with the most distinct values
///    moves one level up its hierarchy.
/// 2. Local suppression: for the records still in rare combinations, quasi-identifiers are set to
///    `*` one at a time (most distinct first) until their combinations reach k.
/// 3. Records still in a rare combination are dropped.
/// Deterministic: units in person order, ties in the order of `quasiIdentifiers`.
public struct KAnonymousExtract: Sendable {
    public struct Row: Sendable, Equatable {
        /// One value per quasi-identifier, in the extract's order.
        public let quasi: [String]
        public let status: IdentificationStatus
        public let forms: String
    }

    /// What protection cost.
    public struct Loss: Sendable, Equatable {
        /// The level each quasi-identifier was generalised to.
        public let levels: [QuasiIdentifier: Int]
        /// Values published less exactly than recorded (by global generalisation).
        public let valuesGeneralised: Int
        /// Values replaced by `*` by local suppression.
        public let valuesSuppressed: Int
        public let recordsDropped: Int
    }

    public let k: Int
    public let quasiIdentifiers: [QuasiIdentifier]
    public let rows: [Row]
    public let loss: Loss

    /// - Parameters:
    ///   - k: the smallest combination allowed (default 11).
    ///   - country: the reporting country, for national/foreign and domestic/transnational.
    ///   - maxDroppedFraction: how many records may be left to local suppression before
    ///     generalising further.
    public init(units: [VictimUnit], quasiIdentifiers: [QuasiIdentifier] = QuasiIdentifier.allCases, k: Int = 11,
                country: String, maxDroppedFraction: Double = 0.05) {
        precondition(k >= 1 && !quasiIdentifiers.isEmpty)
        self.k = k
        self.quasiIdentifiers = quasiIdentifiers
        let units = units.sorted { $0.person < $1.person }
        var levels = [Int](repeating: 0, count: quasiIdentifiers.count)
        func values(_ levels: [Int]) -> [[String]] {
            units.map { u in quasiIdentifiers.enumerated().map { $1.value(of: u, level: levels[$0], country: country) } }
        }
        func rare(_ rows: [[String]], alive: [Bool]) -> [Int] {
            var counts: [[String]: Int] = [:]
            for (i, r) in rows.enumerated() where alive[i] { counts[r, default: 0] += 1 }
            return rows.indices.filter { alive[$0] && counts[rows[$0]]! < k }
        }
        let all = [Bool](repeating: true, count: units.count)
        var current = values(levels)
        while true {
            let violators = rare(current, alive: all)
            if Double(violators.count) <= maxDroppedFraction * Double(units.count) { break }
            let candidates = quasiIdentifiers.indices.filter { levels[$0] < quasiIdentifiers[$0].topLevel }
            let distinct = quasiIdentifiers.indices.map { q in Set(current.map { $0[q] }).count }
            guard let q = candidates.max(by: { a, b in
                distinct[a] != distinct[b] ? distinct[a] < distinct[b] : a > b
            }) else { break }
            levels[q] += 1
            current = values(levels)
        }
        let exact = values([Int](repeating: 0, count: quasiIdentifiers.count))
        var suppressed = 0
        var violators = rare(current, alive: all)
        let distinct = quasiIdentifiers.indices.map { q in Set(current.map { $0[q] }).count }
        let order = quasiIdentifiers.indices.sorted { distinct[$0] != distinct[$1] ? distinct[$0] > distinct[$1] : $0 < $1 }
        for q in order where !violators.isEmpty {
            for i in violators where current[i][q] != "*" {
                current[i][q] = "*"
                suppressed += 1
            }
            violators = rare(current, alive: all)
        }
        var alive = all
        for i in violators { alive[i] = false }
        var generalised = 0
        var rows: [Row] = []
        for (i, u) in units.enumerated() where alive[i] {
            for q in quasiIdentifiers.indices where current[i][q] != exact[i][q] && current[i][q] != "*" { generalised += 1 }
            rows.append(Row(quasi: current[i], status: u.status, forms: u.forms.map(\.rawValue).sorted().joined(separator: ";")))
        }
        self.rows = rows
        loss = Loss(levels: Dictionary(uniqueKeysWithValues: zip(quasiIdentifiers, levels)), valuesGeneralised: generalised,
                    valuesSuppressed: suppressed, recordsDropped: violators.count)
    }

    /// The columns of the written extract.
    public var columns: [String] { quasiIdentifiers.map(\.rawValue) + ["identification_status", "exploitation_forms"] }

    /// Writes the extract as CSV.
    public func write(to path: String) throws(OutputError) {
        let writer = try RecordWriter(path: path, format: .csv, columns: columns)
        for row in rows {
            writer.beginRow()
            for v in row.quasi { writer.text(v) }
            writer.code(row.status)
            writer.text(row.forms)
            writer.endRow()
        }
        try writer.finish()
    }
}
