/// The k and ℓ that a set of extract rows achieves: the size of its smallest group of rows that
/// share every quasi-identifier, and the fewest different values of a sensitive attribute in one
/// group. What `KAnonymousExtract` guarantees and `safestats verify` checks again.
public struct ExtractAnonymity: Sendable, Equatable {
    /// The smallest group (0 without rows).
    public let k: Int
    /// The fewest distinct values of any sensitive attribute in a group (0 without rows).
    public let l: Int
    /// Groups of rows sharing every quasi-identifier.
    public let groups: Int

    init(k: Int, l: Int, groups: Int) {
        self.k = k
        self.l = l
        self.groups = groups
    }

    /// The groups of `quasi` (one value per quasi-identifier, per row), and the distinct values
    /// of `sensitive` (one value per sensitive attribute, per row) in each.
    public init(quasi: [[String]], sensitive: [[String]]) {
        precondition(quasi.count == sensitive.count && sensitive.allSatisfy { !$0.isEmpty })
        var classes: [[String]: (count: Int, values: [Set<String>])] = [:]
        for (q, s) in zip(quasi, sensitive) {
            var entry = classes[q] ?? (0, Array(repeating: [], count: s.count))
            entry.count += 1
            for (a, v) in s.enumerated() { entry.values[a].insert(v) }
            classes[q] = entry
        }
        groups = classes.count
        k = classes.values.map(\.count).min() ?? 0
        l = classes.values.map { $0.values.map(\.count).min()! }.min() ?? 0
    }
}
