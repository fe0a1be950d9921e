/// What a tabulation counts, block by block, before anything is counted: each table (its own
/// cube, published) for its periods, then the links between tables of one population that use one
/// hierarchy at different levels (unpublished cubes, for the periods of both; see `HierarchyLink`).
/// `Tabulation` counts these blocks; `ReleaseSize` estimates them.
struct TabulationPlan {
    struct Block {
        let spec: TableSpec
        let rule: ProtectionRule
        let cubes: [[TableDimension]]
        let links: [HierarchyLink.Step]
        let published: Bool
        let periods: [Period]

        /// The atoms of `atoms` (of every period of the release) that lie in this block's periods.
        func atoms(_ atoms: [Period]) -> [Period] {
            atoms.filter { atom in periods.contains { $0.contains(atom.start) } }
        }

        /// What the block is counted for: its periods, then each of its atoms that is not one of them.
        func counted(_ atoms: [Period]) -> [Period] {
            periods + self.atoms(atoms).filter { !periods.contains($0) }
        }
    }

    let blocks: [Block]

    init(_ scheduled: [(spec: TableSpec, periods: [Period])]) {
        var blocks = scheduled.map {
            Block(spec: $0.spec, rule: $0.spec.rule, cubes: [$0.spec.filters.map(\.dimension) + $0.spec.dimensions], links: [],
                  published: true, periods: Self.distinct($0.periods))
        }
        for (n, a) in scheduled.enumerated() {
            for b in scheduled[(n + 1)...] where a.spec.periodRule == b.spec.periodRule {
                guard let link = HierarchyLink(a.spec.filters.map(\.dimension) + a.spec.dimensions,
                                               b.spec.filters.map(\.dimension) + b.spec.dimensions)
                else { continue }
                blocks.append(Block(spec: a.spec, rule: a.spec.rule.strictest(with: b.spec.rule), cubes: link.cubes, links: link.links,
                                    published: false, periods: Self.distinct(a.periods + b.periods)))
            }
        }
        self.blocks = blocks
    }

    /// `periods` without repeats, in their order.
    static func distinct(_ periods: [Period]) -> [Period] {
        periods.reduce(into: [Period]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
