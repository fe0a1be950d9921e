import Foundation

/// A set of tables declared as data (JSON), with the reporting country and default rule:
///
///     { "country": "AZE", "threshold": 5, "protection_width": 5,
///       "tables": [ { "id": "victims-by-sex-and-form", "period_rule": "identification_date",
///                     "filter": { "identification_status": "identified" },
///                     "dimensions": ["sex", "form"], "threshold": 5, "protection_width": 5 } ] }
///
/// `threshold` (default 5) and `protection_width` (default = threshold) may be set for the whole
/// set and for each table. `schemas/tables.schema.json` describes the format.
public struct TableDeclarations: Sendable, Equatable {
    /// The reporting country (ISO 3166-1 alpha-3): what "national" and "domestic" refer to.
    public let country: String
    public let tables: [TableSpec]

    /// A declaration that cannot be used, with where and why.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private struct File: Decodable {
        let country: String
        let threshold: Int?
        let protectionWidth: Int?
        let tables: [Entry]
    }

    /// One table as declared (in a table set or a recipient profile).
    struct Entry: Decodable, Sendable, Equatable {
        let id: String
        let periodRule: String
        let filter: [String: String]?
        let dimensions: [String]
        let threshold: Int?
        let protectionWidth: Int?
        /// See `TableSpec.priority`.
        let priority: Double?

        /// This table with `category` of `dimension` as a filter too.
        func filtered(_ dimension: String, _ category: String) -> Entry {
            Entry(id: id, periodRule: periodRule, filter: (filter ?? [:]).merging([dimension: category]) { $1 }, dimensions: dimensions,
                  threshold: threshold, protectionWidth: protectionWidth, priority: priority)
        }
    }

    /// Reads the declarations in `data`; `source` names it in messages.
    public init(json data: Data, source: String) throws(Problem) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file: File
        do { file = try decoder.decode(File.self, from: data) } catch {
            throw Problem(message: "\(source): not a table declaration: \(Self.describe(error))")
        }
        guard CountryCodes.isReportingCountry(file.country) else { throw Problem(message: "\(source): country is \(CountryCodes.reportingCountryRule)") }
        country = file.country
        tables = try Self.specs(file.tables, country: file.country, threshold: file.threshold, protectionWidth: file.protectionWidth,
                                source: source)
    }

    /// The specs of declared tables; `threshold` and `protectionWidth` are the defaults of the set,
    /// `groupings` the dimensions it declares for itself.
    static func specs(_ entries: [Entry], country: String, threshold: Int?, protectionWidth: Int?, groupings: [DeclaredGrouping] = [],
                      idPrefix: String = "", source: String) throws(Problem) -> [TableSpec] {
        func rule(_ threshold: Int?, _ width: Int?, _ inherited: ProtectionRule?, _ place: String) throws(Problem) -> ProtectionRule {
            let t = threshold ?? inherited?.threshold ?? 5
            let p = width ?? (threshold == nil ? inherited?.width : nil) ?? t
            guard t >= 1, p >= 0 else { throw Problem(message: "\(place): threshold must be at least 1 and protection_width not negative") }
            return ProtectionRule(threshold: t, width: p)
        }
        let shared = try rule(threshold, protectionWidth, nil, source)
        var specs: [TableSpec] = []
        var ids = Set<String>()
        for (n, table) in entries.enumerated() {
            let place = "\(source): table \(n + 1) (\(table.id))"
            guard ids.insert(table.id).inserted else { throw Problem(message: "\(place): the id is used twice") }
            guard let periodRule = PeriodRule(rawValue: table.periodRule) else {
                throw Problem(message: "\(place): unknown period_rule; one of \(PeriodRule.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            func dimension(_ name: String) throws(Problem) -> TableDimension {
                guard let d = TableDimension(name: name, country: country, groupings: groupings) else { throw Problem(message: "\(place): unknown dimension \(name)") }
                return d
            }
            var filters: [TableSpec.Filter] = []
            for (name, category) in (table.filter ?? [:]).sorted(by: { $0.key < $1.key }) {
                filters.append(TableSpec.Filter(try dimension(name), category))
            }
            var dimensions: [TableDimension] = []
            for name in table.dimensions { dimensions.append(try dimension(name)) }
            guard (table.priority ?? 1) > 0, (table.priority ?? 1) <= 1000 else { throw Problem(message: "\(place): priority must be above 0 and at most 1000") }
            do {
                specs.append(try TableSpec(id: idPrefix + table.id, periodRule: periodRule, filters: filters, dimensions: dimensions,
                                           rule: rule(table.threshold, table.protectionWidth, shared, place), priority: table.priority ?? 1))
            } catch let problem as TableSpec.Problem {
                throw Problem(message: "\(source): \(problem)")
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(message: "\(place): \(error)")
            }
        }
        guard !specs.isEmpty else { throw Problem(message: "\(source): no tables") }
        if let conflict = TableSpec.conflict(in: specs) { throw Problem(message: "\(source): \(conflict)") }
        return specs
    }

    /// Declarations made of `tables` (already checked) for `country`.
    init(country: String, tables: [TableSpec]) {
        self.country = country
        self.tables = tables
    }

    /// Reads the declarations in the file at `path`.
    public init(path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(message: "\(path): cannot be read") }
        try self.init(json: data, source: path)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(Self.path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(Self.path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(Self.path(context.codingPath))"
        default:
            return "unreadable"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
