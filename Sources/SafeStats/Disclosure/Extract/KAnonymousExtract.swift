/// A record extract (one row per victim, like the CTDC's) in which every combination of the
/// quasi-identifiers occurs at least k times, and in which each such group of rows holds at least
/// ℓ different values of every sensitive attribute (distinct ℓ-diversity): a recipient who knows
/// a person's quasi-identifiers finds a group of at least k rows, and cannot tell from it that
/// person's form of exploitation (or status) for certain.
///
/// A group smaller than k or with fewer than ℓ values of a sensitive attribute violates; its
/// records are the violators.
/// 1. Global generalisation (the Datafly heuristic): while more than `maxDroppedFraction` of the
///    records are violators, the quasi-identifier with the most distinct values moves one level
///    up its hierarchy (merging groups makes them both larger and more diverse).
/// 2. Local suppression: for the violators left, quasi-identifiers are set to `*` one at a time
///    (most distinct first), which merges their groups.
/// 3. Records still in a violating group are dropped (whole groups, so the others stay as they are).
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
    public let l: Int
    public let quasiIdentifiers: [QuasiIdentifier]
    public let sensitiveAttributes: [SensitiveAttribute]
    public let rows: [Row]
    public let loss: Loss
    /// The k and ℓ the rows achieve (at least `k` and `l` when there are rows).
    public let achieved: ExtractAnonymity

    /// - Parameters:
    ///   - k: the smallest group allowed (default 11).
    ///   - l: the fewest distinct values of each sensitive attribute in a group (default 1: none).
    ///   - country: the reporting country, for national/foreign and domestic/transnational.
    ///   - maxDroppedFraction: how many records may be left to local suppression before
    ///     generalising further.
    public init(units: [VictimUnit], quasiIdentifiers: [QuasiIdentifier] = QuasiIdentifier.allCases, k: Int = 11,
                l: Int = 1, sensitiveAttributes: [SensitiveAttribute] = [.exploitationForms],
                country: String, maxDroppedFraction: Double = 0.05) {
        precondition(k >= 1 && l >= 1 && !quasiIdentifiers.isEmpty && !sensitiveAttributes.isEmpty)
        self.k = k
        self.l = l
        self.quasiIdentifiers = quasiIdentifiers
        self.sensitiveAttributes = sensitiveAttributes
        let units = units.sorted { $0.person < $1.person }
        let sensitive = units.map { u in sensitiveAttributes.map { $0.value(of: u) } }
        var levels = [Int](repeating: 0, count: quasiIdentifiers.count)
        func values(_ levels: [Int]) -> [[String]] {
            units.map { u in quasiIdentifiers.enumerated().map { $1.value(of: u, level: levels[$0], country: country) } }
        }
        /// The records of `alive` in groups smaller than k or with fewer than l values of some
        /// sensitive attribute.
        func violators(_ rows: [[String]], alive: [Bool]) -> [Int] {
            var groups: [[String]: (count: Int, values: [Set<String>])] = [:]
            for i in rows.indices where alive[i] {
                var group = groups[rows[i]] ?? (0, Array(repeating: [], count: sensitiveAttributes.count))
                group.count += 1
                for a in sensitiveAttributes.indices { group.values[a].insert(sensitive[i][a]) }
                groups[rows[i]] = group
            }
            return rows.indices.filter { i in
                guard alive[i], let group = groups[rows[i]] else { return false }
                return group.count < k || group.values.contains { $0.count < l }
            }
        }
        let all = [Bool](repeating: true, count: units.count)
        let exact = values(levels)
        var current = exact
        while true {
            let violating = violators(current, alive: all)
            if Double(violating.count) <= maxDroppedFraction * Double(units.count) { break }
            let candidates = quasiIdentifiers.indices.filter { levels[$0] < quasiIdentifiers[$0].topLevel }
            let distinct = quasiIdentifiers.indices.map { q in Set(current.map { $0[q] }).count }
            guard let q = candidates.max(by: { a, b in
                distinct[a] != distinct[b] ? distinct[a] < distinct[b] : a > b
            }) else { break }
            levels[q] += 1
            current = values(levels)
        }
        var suppressed = 0
        var violating = violators(current, alive: all)
        let distinct = quasiIdentifiers.indices.map { q in Set(current.map { $0[q] }).count }
        let order = quasiIdentifiers.indices.sorted { distinct[$0] != distinct[$1] ? distinct[$0] > distinct[$1] : $0 < $1 }
        for q in order where !violating.isEmpty {
            for i in violating where current[i][q] != "*" {
                current[i][q] = "*"
                suppressed += 1
            }
            violating = violators(current, alive: all)
        }
        var alive = all
        for i in violating { alive[i] = false }
        var generalised = 0
        var rows: [Row] = []
        for (i, u) in units.enumerated() where alive[i] {
            for q in quasiIdentifiers.indices where current[i][q] != exact[i][q] && current[i][q] != "*" { generalised += 1 }
            rows.append(Row(quasi: current[i], status: u.status, forms: SensitiveAttribute.exploitationForms.value(of: u)))
        }
        self.rows = rows
        achieved = ExtractAnonymity(quasi: rows.map(\.quasi), sensitive: units.indices.filter { alive[$0] }.map { sensitive[$0] })
        loss = Loss(levels: Dictionary(uniqueKeysWithValues: zip(quasiIdentifiers, levels)), valuesGeneralised: generalised,
                    valuesSuppressed: suppressed, recordsDropped: violating.count)
    }

    /// The columns of the written extract: the quasi-identifiers, then `identification_status` and
    /// `exploitation_forms`.
    public var columns: [String] { quasiIdentifiers.map(\.rawValue) + Self.attributeColumns }

    /// The columns after the quasi-identifiers.
    static let attributeColumns = [SensitiveAttribute.identificationStatus.rawValue, SensitiveAttribute.exploitationForms.rawValue]

    /// The extract as CSV: a header, then one row per record.
    public func csv() -> String {
        var out = CSVText.row(columns)
        for row in rows { out += CSVText.row(row.quasi + [row.status.rawValue, row.forms]) }
        return out
    }
}
