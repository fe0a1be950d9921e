/// What earlier releases made known: for each cell they showed or linked to, its published value
/// or nil when they hid it. A new release is protected together with them: cells published
/// earlier stay published with the same values (secondary suppression may not touch them), cells
/// hidden earlier stay hidden, and the audit runs over everything at once, so that nothing earlier
/// plus now recomputes a protected cell.
public struct PublishedHistory: Sendable, Equatable {
    /// Cell key (`PublishedRelease.PublishedCell.historyKey`) → published value, or nil: hidden.
    public var cells: [String: Int?]
    /// Tables (`tableKey`) tabulated only to link the earlier releases: not published now.
    public var earlierTables: Set<String>

    public init(cells: [String: Int?] = [:], earlierTables: Set<String> = []) {
        self.cells = cells
        self.earlierTables = earlierTables
    }

    public var isEmpty: Bool { cells.isEmpty }

    /// A table of one period, as `earlierTables` names it.
    public static func tableKey(specID: String, period: String) -> String {
        specID + "@" + period
    }

    /// Adds a release's cells; a cell published by any release is published.
    public mutating func add(_ release: [String: Int?]) {
        for (key, value) in release {
            if let value {
                cells[key] = .some(value)
            } else if cells[key] == nil {
                cells[key] = .some(nil)
            }
        }
    }
}

extension PublishedHistory {
    /// What identifies a cell across releases: population, period rule, period and categories.
    static func cellKey(_ population: Population, _ periodRule: PeriodRule, _ period: String, _ categories: [(String, String)]) -> String {
        ([population.rawValue, periodRule.rawValue, period] + categories.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
    }

    /// The period of a cell key (`cellKey`), as it names it.
    static func period(ofKey key: String) -> String {
        let fields = key.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        return fields.count > 2 ? String(fields[2]) : ""
    }
}

extension PublishedRelease.PublishedCell {
    /// What identifies the cell across releases (`PublishedHistory.cellKey`).
    public var historyKey: String {
        PublishedHistory.cellKey(population, periodRule, period, categories.map { ($0.key, $0.value) })
    }
}

extension CellKey {
    /// What identifies the cell across releases, as its published cell gives it.
    var historyKey: String {
        PublishedHistory.cellKey(periodRule.population, periodRule, period.description, coordinates.map { ($0.dimension, $0.category) })
    }
}

extension PublishedRelease {
    /// The cells this release shows (value) or links to (nil), by history key.
    public var historyCells: [String: Int?] {
        var out: [String: Int?] = [:]
        for cell in cells { out[cell.historyKey] = .some(cell.value) }
        return out
    }
}
