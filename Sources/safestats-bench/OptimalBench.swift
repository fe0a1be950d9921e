import Foundation
import SafeStats

/// The heuristic against the optimal mode on releases small enough to solve: 40 random pairs of
/// linked tables (3 × 3 and 3 × 2 with their margins, sharing the row totals and the grand total),
/// each protected three ways under the default rule (t = 5, p = 5): the heuristic alone, the
/// default protection (the heuristic, then every cell it hid to protect others tried again: these
/// groups are all small), and the optimal mode. Prints, summed over the releases, the persons or cases in
/// cells hidden to protect others and the cost (`CostModel`), how many patterns the optimal mode
/// proved, and the ratios to the optimum.
func optimalAgainstHeuristic(timeLimit: Double) throws {
    var random = LinearCongruential(seed: 2026)
    let rule = ProtectionRule()
    var persons = (heuristic: 0, protected: 0, optimal: 0), cost = (heuristic: 0.0, protected: 0.0, optimal: 0.0), proven = 0
    var times = (heuristic: 0.0, protected: 0.0, optimal: 0.0)
    let releases = 40
    for _ in 0..<releases {
        let a = (0..<3).map { _ in (0..<3).map { _ in random.count() } }
        let b = a.map { row -> [Int] in
            let total = row.reduce(0, +)
            let first = random.next(upTo: total + 1)
            return [first, total - first]
        }
        var release = CellUniverse.linkedTables(a, b)
        release.applyPrimarySuppression(rule)
        var heuristic = release, protected = release, optimal = release
        times.heuristic += try seconds { _ = try SecondarySuppression.protectAndAudit(&heuristic, rule: rule, again: .none) }
        times.protected += try seconds { _ = try SecondarySuppression.protectAndAudit(&protected, rule: rule) }
        var outcome: OptimalSuppression.Outcome?
        times.optimal += try seconds { outcome = try OptimalSuppression.protectAndAudit(&optimal, rule: rule, timeLimit: timeLimit).outcome }
        func hiddenToProtect(_ r: CellUniverse) -> Int { r.cells.filter { $0.status == .secondary }.reduce(0) { $0 + $1.value } }
        func hidingCost(_ r: CellUniverse) -> Double {
            // (value + 1) × weight, a total weighing as a one-way margin (20) and other cells 1, as
            // `CostModel` weighs a release made without tables.
            let totals = Set(r.relations.map(\.total))
            return r.cells.indices.filter { r.cells[$0].status == .secondary }
                .reduce(0) { $0 + Double(r.cells[$1].value + 1) * (totals.contains($1) ? CostModel.oneWayMargin : CostModel.inner) }
        }
        persons.heuristic += hiddenToProtect(heuristic)
        persons.protected += hiddenToProtect(protected)
        persons.optimal += hiddenToProtect(optimal)
        cost.heuristic += hidingCost(heuristic)
        cost.protected += hidingCost(protected)
        cost.optimal += hidingCost(optimal)
        if outcome!.proven { proven += 1 }
    }
    func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.3f", a / max(b, 1)) }
    report("\(releases) random pairs of linked tables (3×3 and 3×2 with margins), t = 5, p = 5; optimal mode proven on \(proven)")
    report("persons or cases hidden to protect others: heuristic alone \(persons.heuristic), default protection \(persons.protected), optimal mode \(persons.optimal) "
        + "(to the optimum: heuristic alone \(ratio(Double(persons.heuristic), Double(persons.optimal))), default protection \(ratio(Double(persons.protected), Double(persons.optimal))))")
    report("cost: heuristic alone \(String(format: "%.0f", cost.heuristic)), default protection \(String(format: "%.0f", cost.protected)), optimal mode \(String(format: "%.0f", cost.optimal)) "
        + "(to the optimum: heuristic alone \(ratio(cost.heuristic, cost.optimal)), default protection \(ratio(cost.protected, cost.optimal)))")
    report("time in all: heuristic alone \(String(format: "%.2f", times.heuristic)) s, default protection \(String(format: "%.2f", times.protected)) s, optimal mode \(String(format: "%.2f", times.optimal)) s")
}

/// A seeded generator, so that every run draws the same tables.
struct LinearCongruential {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    /// A count as small registers have them: 0 (20%), 1–4 (30%) or 5–40 (50%).
    mutating func count() -> Int {
        let kind = next(upTo: 10)
        return kind < 2 ? 0 : kind < 5 ? 1 + next(upTo: 4) : 5 + next(upTo: 36)
    }
}
