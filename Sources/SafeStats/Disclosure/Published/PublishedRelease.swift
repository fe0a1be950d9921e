import Foundation

/// A release as it is published (`tables.json`): every cell with its key and its value, or no
/// value when it is suppressed or in no table (one mark for every hidden cell, whatever the
/// reason), the additivity relations (every other sum follows from them), each cell's protection
/// rule, and the tables laid out on the cells. Everything but the published values follows from
/// the table declarations alone, so the document reveals nothing beyond them; `DisclosureAudit`
/// can be recomputed from it.
public struct PublishedRelease: Codable, Sendable, Equatable {
    public static let formatName = "safestats-tables"

    public var format = Self.formatName
    public var version = 1
    /// The reporting country of the table declarations.
    public var country: String
    public var cells: [PublishedCell]
    public var relations: [PublishedRelation]
    public var tables: [PublishedTable]

    public struct PublishedCell: Codable, Sendable, Equatable {
        /// The cell's index: its position in `cells`.
        public var id: Int
        public var population: Population
        public var periodRule: PeriodRule
        /// The period as written on the command line (`2023`, `2023-Q1`, `2023-04-01..2024-03-31`).
        public var period: String
        /// Dimension → category; a dimension not named is at its total.
        public var categories: [String: String]
        /// nil: hidden (suppressed, or in no table).
        public var value: Int?
        public var threshold: Int
        public var protectionWidth: Int

        private enum CodingKeys: String, CodingKey { case id, population, periodRule, period, categories, value, threshold, protectionWidth }

        /// Writes a hidden cell's value as an explicit null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(population, forKey: .population)
            try c.encode(periodRule, forKey: .periodRule)
            try c.encode(period, forKey: .period)
            try c.encode(categories, forKey: .categories)
            try c.encode(value, forKey: .value)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(protectionWidth, forKey: .protectionWidth)
        }
    }

    /// The cell `total` is the sum of the cells `parts`.
    public struct PublishedRelation: Codable, Sendable, Equatable {
        public var total: Int
        public var parts: [Int]
    }

    public struct PublishedTable: Codable, Sendable, Equatable {
        public var id: String
        public var population: Population
        public var periodRule: PeriodRule
        public var period: String
        /// Dimension → the one category counted.
        public var filter: [String: String]
        public var dimensions: [String]
        public var threshold: Int
        public var protectionWidth: Int
        /// The table's cells: inner cells first, then the margins, the grand total last.
        public var cells: [Int]
    }

    /// A document that cannot be audited, with why.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The published form of `release` (the tabulation's release after suppression).
    public init(_ tabulation: Tabulation, protected release: CellUniverse, country: String) {
        precondition(release.cells.count == tabulation.keys.count && release.rules.count == release.cells.count)
        self.country = country
        cells = tabulation.keys.enumerated().map { i, key in
            let cell = release.cells[i], protection = release.rules[i]
            return PublishedCell(id: i, population: key.periodRule.population, periodRule: key.periodRule, period: key.period.description,
                                 categories: Dictionary(uniqueKeysWithValues: key.coordinates.map { ($0.dimension, $0.category) }),
                                 value: cell.status.isSuppressed ? nil : cell.value,
                                 threshold: protection.threshold, protectionWidth: protection.width)
        }
        relations = release.relations.map { PublishedRelation(total: $0.total, parts: $0.parts) }
        tables = tabulation.tables.map { t in
            PublishedTable(id: t.spec.id, population: t.spec.population, periodRule: t.spec.periodRule, period: t.period.description,
                           filter: Dictionary(uniqueKeysWithValues: t.spec.filters.map { ($0.dimension.id, $0.category) }),
                           dimensions: t.spec.dimensions.map(\.id), threshold: t.spec.rule.threshold,
                           protectionWidth: t.spec.rule.width, cells: t.cells.map(\.cell))
        }
    }

    /// What an attacker has: the cell universe with the published values, every hidden cell as
    /// unknown, each cell's key and rule, and the relations. Hidden cells carry value 0 and status
    /// `secondary`: from the published document primary and secondary cells cannot be told apart.
    public func release() throws(Problem) -> CellUniverse {
        var out: [Cell] = []
        var rules: [ProtectionRule] = []
        var keys: [CellKey] = []
        for (i, c) in cells.enumerated() {
            guard c.id == i else { throw Problem(message: "cell \(i): its id is \(c.id); cells must be numbered 0, 1, 2, … in order") }
            guard (c.value ?? 0) >= 0 else { throw Problem(message: "cell \(i): a negative count") }
            guard c.threshold >= 1, c.protectionWidth >= 0 else { throw Problem(message: "cell \(i): threshold below 1 or negative protection_width") }
            out.append(Cell(value: c.value ?? 0, status: c.value == nil ? .secondary : .published))
            rules.append(ProtectionRule(threshold: c.threshold, width: c.protectionWidth))
            guard c.periodRule.population == c.population, let period = Period(c.period) else {
                throw Problem(message: "cell \(i): its period \(c.period) or its population does not fit its period rule")
            }
            keys.append(CellKey(periodRule: c.periodRule, period: period, coordinates: c.categories.map { .init(dimension: $0.key, category: $0.value) }))
        }
        guard Set(keys).count == keys.count else { throw Problem(message: "two cells have the same population, period and categories") }
        for (r, relation) in relations.enumerated() where !(relation.parts + [relation.total]).allSatisfy(cells.indices.contains) {
            throw Problem(message: "relation \(r) names a cell that is not in the document")
        }
        for table in tables where !table.cells.allSatisfy(cells.indices.contains) {
            throw Problem(message: "table \(table.id) (\(table.period)) names a cell that is not in the document")
        }
        var universe = CellUniverse(cells: out, relations: relations.map { Additivity(total: $0.total, parts: $0.parts) }, rules: rules)
        universe.setKeys(keys)
        return universe
    }

    /// The document's bytes: JSON with sorted keys, pretty-printed, ending in a new line; the same
    /// release gives the same bytes.
    public func json() -> Data {
        Self.encode(self)
    }

    /// Reads a document written by `json()`; `source` names it in messages.
    public init(json data: Data, source: String) throws(Problem) {
        self = try Self.decode(data, source: source, what: "tables")
        guard format == Self.formatName, version == 1 else { throw Problem(message: "\(source): not a safestats-tables document of version 1") }
    }

    /// Decodes one of the published documents (snake_case keys); `what` names it in messages.
    static func decode<T: Decodable>(_ data: Data, source: String, what: String) throws(Problem) -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: data) } catch {
            throw Problem(message: "\(source): not a safestats \(what) document (\(error.localizedDescription))")
        }
    }

    /// `value` as JSON on one line (sorted keys, snake case).
    public static func compact<T: Encodable>(_ value: T) -> Data {
        try! encoder(pretty: false).encode(value)
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        try! encoder(pretty: true).encode(value) + Data("\n".utf8)
    }

    /// The documents' encoder: sorted keys, snake case, slashes as they are.
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
