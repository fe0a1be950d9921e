extension AuditCertificate {
    /// The certificate of an audit of `release` (which passed), from what the audit's programs
    /// found (`groups`, kept with every solution and every bound proved): the published zeros'
    /// consequences, the bounds the programs proved, and, for the other cells, few solutions that
    /// hold each cell's smallest and largest value found. Every piece is checked as `verify`
    /// checks it; a cell none proves gets no proof, and the check names it (`export` then writes
    /// nothing). `rule` holds for cells without a rule of their own.
    init(release: CellUniverse, groups: [GroupBounds], rule: ProtectionRule = ProtectionRule()) {
        let hidden = release.hiddenCells
        var arithmetic = CertificateArithmetic(release: release)
        var bounds: [Bound] = []
        var proofs: [Int: Proof] = [:]
        func needsProof(_ cell: Int) -> ProtectionRule? {
            let rule = release.rule(of: cell, else: rule)
            return proofs[cell] == nil && rule.width > 0 && rule.threshold > 1 ? rule : nil
        }
        func add(_ bound: Bound) {
            guard case .success(let result) = arithmetic.evaluate(bound) else { return }
            bounds.append(bound)
            for cell in bound.cells {
                guard let rule = needsProof(cell) else { continue }
                if result.proves(bound.kind, rule) == true { proofs[cell] = Proof(cell: cell, witnesses: nil, bound: bounds.count - 1) }
            }
        }
        // The zeros that published zeros force, one relation each, in the order learned.
        for reason in release.knownZerosWithReasons().reasons where release.cells[reason.cell].status.isSuppressed {
            add(Bound(kind: .upper, cells: [reason.cell], scale: 1, multipliers: [[reason.relation, reason.asPart ? 1 : -1]]))
        }
        // The bounds the programs proved, as their duals.
        for group in groups {
            for proven in group.proven {
                guard let (scale, duals) = ExactScale.integers(proven.duals) else { continue }
                let multipliers = duals.indices.filter { duals[$0] != 0 }.map { [group.rowRelations[$0], duals[$0]] }
                add(Bound(kind: proven.upper ? .upper : .lower, cells: proven.cells.map { group.cells[$0] }, scale: scale, multipliers: multipliers))
            }
        }
        // Witnesses: in each group, few solutions that show every cell wide (chosen greedily:
        // a cell that the solutions chosen so far show wide adds none); witness m holds each
        // group's m-th (its last, past the end).
        let extremes = groups.map { group in
            Self.fewSolutions(group.solutions, widths: group.cells.map { needsProof($0).map { Double($0.width) } })
        }
        var position: [Int: Int] = [:]
        for (k, cell) in hidden.enumerated() { position[cell] = k }
        var witnesses: [Witness?] = []
        for m in 0..<(extremes.map(\.count).max() ?? 0) {
            var values = [Double](repeating: 0, count: hidden.count)
            for (group, solutions) in zip(groups, extremes) where !solutions.isEmpty {
                let solution = solutions[min(m, solutions.count - 1)]
                for (k, cell) in group.cells.enumerated() { values[position[cell]!] = solution[k] }
            }
            let witness = ExactScale.integers(values).map { Witness(scale: $0.scale, values: $0.values) }
            witnesses.append(witness.flatMap { arithmetic.problem(scale: $0.scale, values: $0.values!) == nil ? $0 : nil })
        }
        // Kept witnesses are numbered in order, the one most like the others first (the others
        // are written by what they change in it).
        var order = witnesses.indices.filter { witnesses[$0] != nil }
        if let first = Self.mostTypical(order.map { witnesses[$0]! }) { order.insert(order.remove(at: first), at: 0) }
        var number = [Int?](repeating: nil, count: witnesses.count)
        for (n, m) in order.enumerated() { number[m] = n }
        let kept = order.map { witnesses[$0]! }
        for (group, solutions) in zip(groups, extremes) {
            for (k, cell) in group.cells.enumerated() {
                guard let rule = needsProof(cell), let low = solutions.indices.min(by: { solutions[$0][k] < solutions[$1][k] }),
                      let high = solutions.indices.max(by: { solutions[$0][k] < solutions[$1][k] }),
                      let a = number[low], let b = number[high] else { continue }
                let x = kept[a], y = kept[b], i = position[cell]!
                if CertificateArithmetic.apart(x.values![i], x.scale, y.values![i], y.scale, by: rule.width) == true {
                    proofs[cell] = Proof(cell: cell, witnesses: [a, b], bound: nil)
                }
            }
        }
        // The first witness in full, the others by what they change in it when that is shorter.
        let written = kept.enumerated().map { m, w in
            guard m > 0, let changed = w.changes(from: kept[0]), changed.changes!.count * 2 < hidden.count else { return w }
            return changed
        }
        self.init(hidden: hidden, witnesses: written, bounds: bounds, proofs: proofs.keys.sorted().map { proofs[$0]! })
    }

    /// The index of the witness (all in full) that agrees with the most common value of the most
    /// cells; nil without witnesses.
    static func mostTypical(_ witnesses: [Witness]) -> Int? {
        guard let count = witnesses.first?.values?.count else { return nil }
        var mode: [Double] = []
        for k in 0..<count {
            var seen: [Double: Int] = [:]
            for w in witnesses { seen[Double(w.values![k]) / Double(w.scale), default: 0] += 1 }
            mode.append(seen.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key)
        }
        let agree = witnesses.map { w in (0..<count).filter { Double(w.values![$0]) / Double(w.scale) == mode[$0] }.count }
        return witnesses.indices.max { a, b in agree[a] != agree[b] ? agree[a] < agree[b] : a > b }
    }

    /// Few of `solutions` that show each cell with a width (nil: needs no proof) as wide as all
    /// of them do. For each cell in turn, unless those chosen already differ by its width in it:
    /// the solution with its largest value, or its smallest, when one of them is enough beside
    /// those chosen; else both.
    static func fewSolutions(_ solutions: [[Double]], widths: [Double?]) -> [[Double]] {
        guard !solutions.isEmpty else { return [] }
        var chosen: [Int] = []
        for (k, width) in widths.enumerated() {
            guard let width else { continue }
            let values = chosen.map { solutions[$0][k] }
            if let least = values.min(), let most = values.max(), most - least >= width - Tolerance.interval { continue }
            let low = solutions.indices.min { solutions[$0][k] < solutions[$1][k] }!
            let high = solutions.indices.max { solutions[$0][k] < solutions[$1][k] }!
            if let least = values.min(), let most = values.max() {
                if solutions[high][k] - least >= width - Tolerance.interval {
                    chosen.append(high)
                    continue
                }
                if most - solutions[low][k] >= width - Tolerance.interval {
                    chosen.append(low)
                    continue
                }
            }
            for s in [low, high] where !chosen.contains(s) { chosen.append(s) }
        }
        return (chosen.isEmpty ? [0] : chosen).map { solutions[$0] }
    }
}
