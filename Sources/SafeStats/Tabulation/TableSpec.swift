/// A table of victims, declared as data: which victims (all, or one identification status) and
/// the dimensions that split them. Every table has all its margins.
public struct TableSpec: Sendable, Equatable {
    public let id: String
    /// Only victims with this status; nil for all.
    public let status: IdentificationStatus?
    public let dimensions: [TableDimension]

    public init(id: String, status: IdentificationStatus? = nil, dimensions: [TableDimension]) {
        precondition(Set(dimensions).count == dimensions.count, "a dimension appears twice")
        precondition(status == nil || !dimensions.contains(.identificationStatus), "filter and dimension on the same field")
        self.id = id
        self.status = status
        self.dimensions = dimensions
    }
}

/// What identifies a cell in the release: the population, the period and one category per
/// dimension it is split by (dimensions it is not split by are at their total). The same key in
/// two tables is the same cell, with one value and one status.
public struct CellKey: Hashable, Sendable, CustomStringConvertible {
    public let population: String
    public let period: Period
    /// TableDimension id → category; sorted by dimension id.
    public let coordinates: [Coordinate]

    public struct Coordinate: Hashable, Sendable {
        public let dimension: String
        public let category: String
    }

    init(population: String, period: Period, coordinates: [Coordinate]) {
        self.population = population
        self.period = period
        self.coordinates = coordinates.sorted { $0.dimension < $1.dimension }
    }

    public var description: String {
        "\(population) \(period)" + coordinates.map { " \($0.dimension)=\($0.category)" }.joined()
    }
}
