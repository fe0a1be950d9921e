/// A cell the data officer wants published whatever it costs (`--keep`, like sdcTable's status
/// "z" and τ-ARGUS's manual safe cells): secondary suppression must protect every small count
/// without hiding it. Written `RECIPIENT/TABLE` for a table's grand total, or
/// `RECIPIENT/TABLE:DIMENSION=CATEGORY,…` for a cell (category codes as in `tables.csv`'s
/// dimensions; a dimension not named is at its total), in the recipient's period.
public struct KeptCell: Sendable, Equatable, CustomStringConvertible {
    public let recipient: String
    public let table: String
    public let categories: [String: String]

    /// Parses `text`; nil if it is not `RECIPIENT/TABLE[:DIMENSION=CATEGORY,…]`.
    public init?(_ text: String) {
        let (head, tail) = text.firstIndex(of: ":").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (text, nil)
        let parts = head.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        recipient = String(parts[0])
        table = String(parts[1])
        var categories: [String: String] = [:]
        for pair in (tail ?? "").split(separator: ",", omittingEmptySubsequences: tail == nil) {
            let kv = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty, categories[String(kv[0])] == nil else { return nil }
            categories[String(kv[0])] = String(kv[1])
        }
        self.categories = categories
    }

    public var description: String {
        recipient + "/" + table + (categories.isEmpty ? "" : ":" + categories.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }

    /// The release cell this names in `requests` (profile and the period asked for, not the
    /// previous one shown beside it), with `specs` the tables as scheduled.
    func key(in requests: [(profile: Profile, period: Period)], specs: [TableSpec]) throws(ExportFailure) -> CellKey {
        guard let (profile, period) = requests.first(where: { $0.profile.id == recipient }) else {
            throw .keep("--keep \(self): \(recipient) is not a recipient of this export")
        }
        guard let spec = specs.first(where: { $0.id == profile.id + "/" + table }) else {
            throw .keep("--keep \(self): \(recipient) has no table \(table) (its tables: \(profile.tables.map(\.id).joined(separator: ", ")))")
        }
        var coordinates = spec.filters.map { CellKey.Coordinate(dimension: $0.dimension.id, category: $0.category) }
        for (name, category) in categories.sorted(by: { $0.key < $1.key }) {
            guard let dimension = spec.dimensions.first(where: { $0.id == name }) else {
                throw .keep("--keep \(self): table \(table) is not split by \(name) (it is split by \(spec.dimensions.map(\.id).joined(separator: ", ")))")
            }
            guard dimension.categories.contains(category) else {
                throw .keep("--keep \(self): \(name) has no category \(category)")
            }
            coordinates.append(.init(dimension: name, category: category))
        }
        return CellKey(periodRule: spec.periodRule, period: period, coordinates: coordinates)
    }
}
