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

extension PublishedRelease.PublishedCell {
    /// What identifies the cell across releases: population, period rule, period and categories.
    public var historyKey: String {
        ([population.rawValue, periodRule.rawValue, period] + categories.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            .joined(separator: "|")
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
