/// A cell the data officer wants published whatever it costs (`--keep`, like sdcTable's status
/// "z" and τ-ARGUS's manual safe cells): secondary suppression must protect every small count
/// without hiding it. Written `RECIPIENT/TABLE` for a table's grand total, or
/// `RECIPIENT/TABLE:DIMENSION=CATEGORY,…` for a cell (category codes as in `tables.csv`'s
/// dimensions; a dimension not named is at its total), in the recipient's period.
public struct KeptCell: Sendable, Equatable, CustomStringConvertible {
    public let recipient: String
    public let table: String
    public let categories: [String: String]

    /// The cell at `categories` of `table` of `recipient`'s profile.
    public init(recipient: String, table: String, categories: [String: String]) {
        self.recipient = recipient
        self.table = table
        self.categories = categories
    }

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

    /// The cell's name as messages repeat it (see `EchoedText`).
    private var echo: String { EchoedText.capped(description) }

    /// The release cell this names in `requests` (profile and the period asked for, not the
    /// previous one shown beside it), with `specs` the tables as scheduled.
    func key(in requests: [(profile: Profile, period: Period)], specs: [TableSpec]) throws(ExportFailure) -> CellKey {
        guard let (profile, period) = requests.first(where: { $0.profile.id == recipient }) else {
            throw .keep("--keep \(echo): \(EchoedText.capped(recipient)) is not a recipient of this export")
        }
        guard let spec = specs.first(where: { $0.id == profile.id + "/" + table }) else {
            throw .keep("--keep \(echo): \(recipient) has no table \(EchoedText.capped(table)) (its tables: \(profile.tables.map(\.id).joined(separator: ", ")))")
        }
        switch spec.cellKey(categories, period: period) {
        case .success(let key): return key
        case .failure(let problem): throw .keep("--keep \(echo): table \(table): \(problem)")
        }
    }
}
