/// A dimension a profile declares for itself (`groupings` in a profile): bands of age, groups of
/// regions of residence, or the year exploitation began, each with its own category codes (and
/// `unknown` last). Victims only.
public struct DeclaredGrouping: Hashable, Sendable {
    public enum Rule: Hashable, Sendable {
        /// Bands of age in whole years, by lower bound: the first 0, rising, each below 100.
        case ageBands(from: [Int])
        /// Groups of `residence_region` codes (code → group index); a region in no group is in
        /// the group after the last (the others).
        case regions(groupOf: [String: Int], groups: Int)
        /// The year exploitation began: before `from`, each year from `from` to `to`, after `to`.
        case startYears(from: Int, to: Int)
    }

    /// The name tables use, as for a built-in dimension.
    public let name: String
    public let rule: Rule
    /// The codes, in order; `unknown` last.
    public let categories: [String]

    /// Bands of age named `codes`, starting at `from` (the first must be 0).
    public static func ageBands(_ name: String, codes: [String], from: [Int]) -> DeclaredGrouping {
        DeclaredGrouping(name: name, rule: .ageBands(from: from), categories: codes + ["unknown"])
    }

    /// Groups of regions of residence named `codes`, then `others` for the regions in none.
    public static func regions(_ name: String, codes: [String], regions: [[String]], others: String) -> DeclaredGrouping {
        var groupOf: [String: Int] = [:]
        for (g, list) in regions.enumerated() { for region in list { groupOf[region] = g } }
        return DeclaredGrouping(name: name, rule: .regions(groupOf: groupOf, groups: codes.count), categories: codes + [others, "unknown"])
    }

    /// The year exploitation began, from `from` to `to`.
    public static func startYears(_ name: String, from: Int, to: Int) -> DeclaredGrouping {
        DeclaredGrouping(name: name, rule: .startYears(from: from, to: to),
                         categories: ["before_\(from)"] + (from...to).map(String.init) + ["after_\(to)", "unknown"])
    }

    /// What the grouping groups, as the input contract names it.
    public var source: String {
        switch rule {
        case .ageBands: "age"
        case .regions: "residence_region"
        case .startYears: "exploitation_start_date"
        }
    }

    /// The index of a victim's category.
    @inline(__always)
    func categoryIndex(of v: borrowing VictimUnit) -> Int {
        switch rule {
        case .ageBands: v.age.map(ageIndex) ?? categories.count - 1
        case .regions(let groupOf, let groups): v.residenceRegion.map { groupOf[$0] ?? groups } ?? groups + 1
        case .startYears(let from, let to):
            v.exploitationStarted.map { $0.year < from ? 0 : $0.year > to ? to - from + 2 : $0.year - from + 1 } ?? categories.count - 1
        }
    }

    /// The band of `age` (age bands only).
    func ageIndex(_ age: Int) -> Int {
        guard case .ageBands(let from) = rule else { preconditionFailure("\(name) is not a grouping of age") }
        return from.lastIndex { $0 <= age } ?? 0
    }
}
