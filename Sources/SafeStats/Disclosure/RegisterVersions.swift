/// Every version of a register that releases were counted from (`revisions: publish`), as one
/// cell universe: what an attacker holding every version of every bundle can combine.
///
/// Each version tabulates the same tables (`now` and every universe of `earlier` have the same
/// keys, in the same order), and takes part with the tables (blocks) and periods its releases
/// sent. A cell
/// whose count is the same in several versions is one cell of the joint universe: the attacker is
/// taken to know which counts did not change (stricter than what the policy tells it: a cell sent
/// before and not sent again counts the same). A count that changed is a cell per value, each in
/// the relations of the versions that hold it, and each two values of one cell are linked by the
/// difference between them, a cell of its own: the persons added to or removed from that cell
/// between the two versions, counted and protected like any other count (a difference of
/// 1 … t−1 must stay within an interval at least p wide). The attacker is taken to know which way
/// each count changed (the larger value is the smaller plus the difference). Knowing more than a
/// real attacker can only make protection stricter.
enum RegisterVersions {
    /// A version already sent: its name (for messages), its tabulation with the statuses its
    /// releases gave (published and fixed, or hidden), and the cells those releases sent.
    struct Version {
        var name: String
        var universe: CellUniverse
        var sent: Set<Int>
    }

    /// The joint universe: `now`'s cells and relations first, as they are (so that the tables of
    /// `now` keep their cell indices), then the other values of cells that changed and the
    /// differences. A cell any version published is published and fixed there; one a version
    /// hid stays hidden (even if `now` fixed it); the other cells have `now`'s status. Each of
    /// `now`'s blocks takes in the other values and differences of its cells.
    static func joint(now: CellUniverse, earlier: [Version]) -> CellUniverse {
        let n = now.cells.count
        var joint = now
        var cellOfValue: [[Int: Int]] = now.cells.enumerated().map { [$1.value: $0] }
        var groupName: [Int: String] = [:]
        var seen = Set(now.relations.map { [$0.total] + $0.parts.sorted() })
        var hiddenBySent = Set<Int>(), fixedBySent = Set<Int>()
        for version in earlier {
            let world = version.universe
            precondition(world.keys == now.keys, "the versions of a register tabulate the same tables")
            // Only the tables and periods the version sent (with their atoms): a count of a table
            // or a period it never showed tells nothing, and taken as known it would link cells
            // of other versions that no bundle links.
            let periods = Set(version.sent.map { now.keys[$0].period })
            let kept = Set(now.blocks.filter { $0.contains { version.sent.contains($0) } }.joined()).filter { i in
                let p = now.keys[i].period
                return periods.contains { $0.start <= p.start && p.end <= $0.end }
            }
            var map = [Int](repeating: -1, count: n)
            for i in kept.sorted() {
                let cell = world.cells[i]
                let target: Int
                if let existing = cellOfValue[i][cell.value] {
                    target = existing
                } else {
                    target = joint.append(Cell(value: cell.value, status: .unpublished), key: now.keys[i].version(version.name))
                    joint.rules.append(now.rules[i])
                    if !joint.weights.isEmpty { joint.weights.append(0) }
                    cellOfValue[i][cell.value] = target
                    groupName[target] = version.name
                }
                map[i] = target
                if world.fixedPublished.contains(i) {
                    fixedBySent.insert(target)
                } else if cell.status == .primary || cell.status == .secondary {
                    hiddenBySent.insert(target)
                }
            }
            for relation in world.relations where map[relation.total] >= 0 && relation.parts.allSatisfy({ map[$0] >= 0 }) {
                let mapped = Additivity(total: map[relation.total], parts: relation.parts.map { map[$0] })
                guard seen.insert([mapped.total] + mapped.parts.sorted()).inserted else { continue }
                joint.relations.append(mapped)
            }
        }
        var extra: [Int: [Int]] = [:]  // now's cell → the other values and differences of its key
        for i in 0..<n where cellOfValue[i].count > 1 {
            let values = cellOfValue[i].sorted { $0.key < $1.key }
            for (a, low) in values.enumerated() {
                for high in values.dropFirst(a + 1) {
                    let names = [groupName[low.value] ?? "now", groupName[high.value] ?? "now"]
                    let d = joint.append(Cell(value: high.key - low.key, status: .unpublished),
                                         key: now.keys[i].version("difference " + names.joined(separator: " / ")))
                    joint.rules.append(now.rules[i])
                    if !joint.weights.isEmpty { joint.weights.append(0) }
                    joint.relations.append(Additivity(total: high.value, parts: [low.value, d]))
                    extra[i, default: []].append(d)
                }
            }
            extra[i, default: []] += values.map(\.value).filter { $0 != i }
        }
        // A cell to keep published that a version hid stays hidden (see `ProtectedRelease`).
        joint.fixedPublished = fixedBySent.union(joint.fixedPublished.subtracting(hiddenBySent))
        for i in joint.cells.indices {
            if joint.fixedPublished.contains(i) {
                joint.cells[i].status = .published
            } else if joint.rules[i].isSmall(joint.cells[i].value) {
                joint.cells[i].status = .primary
            } else if hiddenBySent.contains(i) {
                joint.cells[i].status = .secondary
            }
        }
        joint.blocks = now.blocks.map { block in (block + block.flatMap { extra[$0] ?? [] }).sorted() }
        return joint
    }
}

extension CellUniverse {
    /// The first `count` cells with the relations between them only and the first `blockCount`
    /// blocks: the release of one version out of a joint universe (`RegisterVersions.joint`).
    func prefix(_ count: Int, blocks blockCount: Int) -> CellUniverse {
        guard count < cells.count else { return self }
        var out = CellUniverse(cells: Array(cells.prefix(count)),
                               relations: relations.filter { $0.total < count && $0.parts.allSatisfy { $0 < count } },
                               blocks: blocks.prefix(blockCount).map { $0.filter { $0 < count } }, rules: Array(rules.prefix(count)))
        if !keys.isEmpty { out.setKeys(Array(keys.prefix(count))) }
        out.fixedPublished = fixedPublished.filter { $0 < count }
        out.weights = Array(weights.prefix(count))
        return out
    }
}

extension CellKey {
    /// This cell in another version of the register (`RegisterVersions`), named for messages.
    func version(_ name: String) -> CellKey {
        CellKey(periodRule: periodRule, period: period, coordinates: coordinates + [Coordinate(dimension: "~version", category: name)])
    }
}
