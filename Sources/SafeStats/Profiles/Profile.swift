import Foundation

/// A recipient's statistics as data (`schemas/profiles/*.json`, embedded in the binary): the
/// tables it asks for, in its own words, category labels and order, its reporting period and the
/// layout of its CSV file. `schemas/profile.schema.json` describes the format.
public struct Profile: Sendable, Equatable {
    /// The name of the profile's copy in a bundle.
    public static let fileName = "profile.json"

    public let id: String
    public let version: String
    /// The recipient, as the report names it.
    public let recipient: String
    public let description: String?
    /// Where the indicators and category names come from.
    public let sources: [String]
    public let reportingPeriod: ReportingPeriod
    /// Whether each figure is given beside the previous period's.
    public let comparesPrevious: Bool
    public let columns: [Column]
    public let tables: [Table]
    /// The profile's own dimensions (see `ProfileGroupingEntry`), by name.
    public let groupings: [DeclaredGrouping]
    /// Which victims the profile's victim tables count.
    public let detectedVictims: DetectedVictims
    /// The bytes it was read from (a bundle carries them as `profile.json`), and their SHA-256 (hex).
    public let json: Data
    public var sha256: String { SHA256.hex(json) }
    let threshold: Int?
    let protectionWidth: Int?
    let labels: [String: DimensionLabels]

    /// What a plain year means to the recipient.
    public enum ReportingPeriod: String, Sendable, Decodable {
        /// 1 January to 31 December.
        case calendarYear = "calendar_year"
        /// The US TIP Report's year: 1 April of the year before to 31 March.
        case tipYear = "tip_year"
    }

    /// Which victims a profile counts in its tables of victims (`detected_victims`).
    public enum DetectedVictims: String, Sendable, Decodable {
        /// Formally identified victims only: every table of victims keeps
        /// `identification_status` = `identified` (as a filter).
        case identified
        /// Presumed and identified victims together (the default): no filter is added.
        case identifiedAndPresumed = "identified_and_presumed"
    }

    /// One column of the recipient's CSV file.
    public struct Column: Sendable, Equatable, Decodable {
        public let name: String
        public let content: Content
        /// For `dimension`: which dimension's category the column shows ("Total" label when the
        /// table is not split by it).
        public let dimension: String?

        public enum Content: String, Sendable, Decodable {
            case table, indicator, dimension, breakdown, period, value, status
            /// The category of the breakdown (the table's dimensions that have no column of their own).
            case breakdownCategory = "breakdown_category"
        }
    }

    /// One table: what it counts (as in a table set) and how the recipient names it.
    public struct Table: Sendable, Equatable, Decodable {
        public let id: String
        public let indicator: String
        /// The dimension drawn as a bar chart in the report.
        public let chart: String?
        /// Cells that must stay published, each as dimension → category (`{}` is the grand
        /// total; a dimension not named is at its total): secondary suppression protects every
        /// small count without hiding them, or the export is refused.
        public let keep: [[String: String]]
        let declaration: TableDeclarations.Entry

        private enum Keys: String, CodingKey { case id, indicator, chart, keep }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = try c.decode(String.self, forKey: .id)
            indicator = try c.decode(String.self, forKey: .indicator)
            chart = try c.decodeIfPresent(String.self, forKey: .chart)
            keep = try c.decodeIfPresent([[String: String]].self, forKey: .keep) ?? []
            declaration = try TableDeclarations.Entry(from: decoder)
        }
    }

    /// A dimension's name and category labels for this recipient.
    struct DimensionLabels: Sendable, Equatable, Decodable {
        let label: String
        let total: String
        /// Every category in the recipient's order, with its label.
        let categories: [CodeLabel]?
        /// Labels of some categories; the others are shown by their codes.
        let labels: [String: String]?

        struct CodeLabel: Sendable, Equatable, Decodable {
            let code: String
            let label: String
        }
    }

    private struct File: Decodable {
        let id: String
        let version: String
        let recipient: String
        let description: String?
        let sources: [String]
        let reportingPeriod: ReportingPeriod
        let previousPeriod: Bool
        let threshold: Int?
        let protectionWidth: Int?
        let csvColumns: [Column]
        let dimensions: [String: DimensionLabels]
        let tables: [Table]
        let groupings: [String: ProfileGroupingEntry]?
        let detectedVictims: DetectedVictims?
    }

    /// Reads a profile; `source` names it in messages. Checks every field against the rules of
    /// `schemas/profile.schema.json` first (see `schemaProblem`), then that every table can be
    /// declared and every label list covers its dimension's categories exactly once.
    public init(json data: Data, source: String) throws(TableDeclarations.Problem) {
        if let problem = Self.schemaProblem(in: data) {
            throw .init(message: "\(source): \(problem)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file: File
        do { file = try decoder.decode(File.self, from: data) } catch {
            throw .init(message: "\(source): not a recipient profile: \(TableDeclarations.describe(error))")
        }
        json = data
        id = file.id
        version = file.version
        recipient = file.recipient
        description = file.description
        sources = file.sources
        reportingPeriod = file.reportingPeriod
        comparesPrevious = file.previousPeriod
        columns = file.csvColumns
        tables = file.tables
        threshold = file.threshold
        protectionWidth = file.protectionWidth
        labels = file.dimensions
        detectedVictims = file.detectedVictims ?? .identifiedAndPresumed
        var groupings: [DeclaredGrouping] = []
        for (name, entry) in (file.groupings ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch entry.grouping(named: name) {
            case .success(let g): groupings.append(g)
            case .failure(let problem): throw .init(message: "\(source): \(problem)")
            }
        }
        self.groupings = groupings
        for (name, labels) in labels.sorted(by: { $0.key < $1.key }) {
            guard let dimension = TableDimension(name: name, country: "UNK", groupings: groupings) else {
                throw .init(message: "\(source): labels for unknown dimension \(name)")
            }
            if let listed = labels.categories?.map(\.code), listed.sorted() != dimension.categories.sorted() {
                throw .init(message: "\(source): the categories of \(name) must list each of its categories once: \(dimension.categories.joined(separator: ", "))")
            }
        }
        for column in columns where column.content == .dimension {
            guard let name = column.dimension, TableDimension(name: name, country: "UNK", groupings: groupings) != nil else {
                throw .init(message: "\(source): column \(column.name) shows no known dimension")
            }
        }
        for (table, spec) in zip(tables, try specs(country: "UNK", source: source)) {
            // Any period: only the dimensions and categories of the cells to keep are checked here.
            for cell in table.keep {
                if case .failure(let problem) = spec.cellKey(cell, period: Period("2000")!) {
                    throw .init(message: "\(source): table \(table.id): keep: \(problem)")
                }
            }
        }
    }

    /// Reads the profile in the file at `path` (a recipient's profile of one's own).
    public init(path: String) throws(TableDeclarations.Problem) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .init(message: "\(path): cannot be read") }
        try self.init(json: data, source: path)
    }

    /// The profile's tables for reporting country `country`, with ids `profile/table`.
    public func specs(country: String) throws(TableDeclarations.Problem) -> [TableSpec] {
        try specs(country: country, source: "profile \(id)")
    }

    private func specs(country: String, source: String) throws(TableDeclarations.Problem) -> [TableSpec] {
        var entries = tables.map(\.declaration)
        if detectedVictims == .identified {
            let status = TableDimension.identificationStatus.id, identified = IdentificationStatus.identified.rawValue
            for (n, entry) in entries.enumerated() where PeriodRule(rawValue: entry.periodRule)?.population == .victims {
                guard !entry.dimensions.contains(status), (entry.filter?[status] ?? identified) == identified else {
                    throw .init(message: "\(source): table \(entry.id): detected_victims is identified, so the table cannot count presumed victims (by \(status))")
                }
                entries[n] = entry.filtered(status, identified)
            }
        }
        return try TableDeclarations.specs(entries, country: country, threshold: threshold, protectionWidth: protectionWidth,
                                           groupings: groupings, idPrefix: id + "/", source: source)
    }

    /// The dimension named `name` in this profile's tables: built in, or one of its groupings.
    public func dimension(named name: String, country: String) -> TableDimension? {
        TableDimension(name: name, country: country, groupings: groupings)
    }

    /// The table whose spec id is `specID` (`profile/table`).
    public func table(specID: String) -> Table? {
        tables.first { id + "/" + $0.id == specID }
    }

    /// The recipient's name for `dimension`.
    public func name(of dimension: String) -> String {
        labels[dimension]?.label ?? dimension
    }

    /// The recipient's label for `category` of `dimension`; nil is the dimension's total.
    public func label(_ category: String?, of dimension: String) -> String {
        let labels = labels[dimension]
        guard let category else { return labels?.total ?? "Total" }
        return labels?.categories?.first { $0.code == category }?.label ?? labels?.labels?[category] ?? category
    }

    /// The categories of `dimension` in the recipient's order.
    public func order(of dimension: TableDimension) -> [String] {
        labels[dimension.id]?.categories?.map(\.code) ?? dimension.categories
    }
}
