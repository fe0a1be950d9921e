/// A table declared as data: which units it counts (population and the date that puts a unit in
/// a period), a filter (units whose category on each filter dimension is the given one), the
/// dimensions that split them, and its protection rule. Every table has all its margins.
public struct TableSpec: Sendable, Equatable {
    public let id: String
    public let periodRule: PeriodRule
    /// Dimension → the one category kept; the other categories are counted too, unpublished, so
    /// that what the filter leaves out is protected like everything else.
    public let filters: [Filter]
    public let dimensions: [TableDimension]
    public private(set) var rule: ProtectionRule
    /// How much more this table's cells weigh than other tables' when secondary suppression
    /// chooses what to hide (see `CostModel`); 1 by default.
    public let priority: Double

    public struct Filter: Sendable, Equatable {
        public let dimension: TableDimension
        public let category: String

        public init(_ dimension: TableDimension, _ category: String) {
            self.dimension = dimension
            self.category = category
        }
    }

    public var population: Population { periodRule.population }

    /// Why tables of one population cannot be protected together, if they cannot: they use `form`
    /// (or a grouping of it, which puts a unit with several forms in `multiple_forms`) and a binary
    /// `form_…`, whose categories no additivity relation links; or two different dimensions of
    /// one name (two profiles' groupings); or two different groupings of the regions of residence
    /// or of the year exploitation began, which no hierarchy links. (Levels of one hierarchy,
    /// age bands of one's own included, are linked; see `HierarchyLink`.)
    public static func conflict(in specs: [TableSpec]) -> String? {
        for population in Population.allCases {
            let used = specs.filter { $0.population == population }.flatMap { $0.filters.map(\.dimension) + $0.dimensions }
            let names = Set(used.map(\.id)).sorted()
            if let grouped = names.first(where: { name in used.contains { $0.id == name && $0.finestLevel == .form } }),
               let binary = names.first(where: { $0.hasPrefix("form_") }) {
                return "tables of \(population.rawValue) use both \(grouped) and \(binary); no additivity relation links their categories "
                    + "(a unit with several forms is in multiple_forms), so they cannot be protected together"
            }
            var byName: [String: TableDimension] = [:], bySource: [String: DeclaredGrouping] = [:]
            for d in used {
                if let other = byName.updateValue(d, forKey: d.id), other != d {
                    return "tables of \(population.rawValue) use two different dimensions named \(d.id) (groupings of two profiles?); rename one"
                }
                guard case .declared(let g) = d, d.finestLevel == nil else { continue }
                if let other = bySource.updateValue(g, forKey: g.source), other != g {
                    return "tables of \(population.rawValue) use two different groupings of \(g.source) (\(other.name) and \(g.name)), "
                        + "which no hierarchy links, so they cannot be protected together"
                }
            }
        }
        return nil
    }

    /// Problems with a declaration.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case repeatedDimension(table: String, dimension: String)
        case wrongPopulation(table: String, dimension: String, population: Population)
        case unknownCategory(table: String, dimension: String, category: String)

        public var description: String {
            switch self {
            case .repeatedDimension(let t, let d): "table \(t): dimension \(d) appears twice (as dimension or filter)"
            case .wrongPopulation(let t, let d, let p): "table \(t): dimension \(d) does not apply to \(p.rawValue)"
            case .unknownCategory(let t, let d, let c): "table \(t): filter \(d) has no category \(c)"
            }
        }
    }

    public init(id: String, periodRule: PeriodRule = .identificationDate, filters: [Filter] = [], dimensions: [TableDimension],
                rule: ProtectionRule = ProtectionRule(), priority: Double = 1) throws(Problem) {
        var seen = Set<String>()
        for d in filters.map(\.dimension) + dimensions {
            guard seen.insert(d.id).inserted else { throw .repeatedDimension(table: id, dimension: d.id) }
            guard d.populations.contains(periodRule.population) else {
                throw .wrongPopulation(table: id, dimension: d.id, population: periodRule.population)
            }
        }
        for f in filters where !f.dimension.categories.contains(f.category) {
            throw .unknownCategory(table: id, dimension: f.dimension.id, category: f.category)
        }
        self.id = id
        self.periodRule = periodRule
        self.filters = filters
        self.dimensions = dimensions
        self.rule = rule
        self.priority = priority
    }
}

extension TableSpec {
    /// This table with its rule made at least as strict as `floor` (never weaker than declared).
    public func atLeast(_ floor: ProtectionRule) -> TableSpec {
        var copy = self
        copy.rule = rule.strictest(with: floor)
        return copy
    }
}

/// What identifies a cell in the release: the population, the period and one category per
/// dimension it is split by (dimensions it is not split by are at their total). The same key in
/// two tables is the same cell, with one value and one status.
public struct CellKey: Hashable, Sendable, CustomStringConvertible {
    /// The period rule, which names the population too.
    public let periodRule: PeriodRule
    public let period: Period
    /// TableDimension id → category; sorted by dimension id.
    public let coordinates: [Coordinate]

    public struct Coordinate: Hashable, Sendable {
        public let dimension: String
        public let category: String
    }

    init(periodRule: PeriodRule, period: Period, coordinates: [Coordinate]) {
        self.periodRule = periodRule
        self.period = period
        self.coordinates = coordinates.sorted { $0.dimension < $1.dimension }
    }

    /// The population and the period rule, e.g. `offenders/convicted_date`.
    public var population: String { "\(periodRule.population.rawValue)/\(periodRule.rawValue)" }

    public var description: String {
        "\(population) \(period)" + coordinates.map { " \($0.dimension)=\($0.category)" }.joined()
    }
}

extension TableSpec {
    /// The key of this table's cell at `categories` (dimension id → category code; a dimension
    /// not named is at its total) for `period`; the message of a dimension this table is not split
    /// by, or of a category its dimension does not have.
    public func cellKey(_ categories: [String: String], period: Period) -> Result<CellKey, TableDeclarations.Problem> {
        var coordinates = filters.map { CellKey.Coordinate(dimension: $0.dimension.id, category: $0.category) }
        for (name, category) in categories.sorted(by: { $0.key < $1.key }) {
            guard let dimension = dimensions.first(where: { $0.id == name }) else {
                return .failure(.init(message: "not split by \(EchoedText.capped(name)) (it is split by \(dimensions.map(\.id).joined(separator: ", ")))"))
            }
            guard dimension.categories.contains(category) else { return .failure(.init(message: "\(name) has no category \(EchoedText.capped(category))")) }
            coordinates.append(.init(dimension: name, category: category))
        }
        return .success(CellKey(periodRule: periodRule, period: period, coordinates: coordinates))
    }
}
