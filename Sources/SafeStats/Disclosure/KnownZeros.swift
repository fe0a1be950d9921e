extension CellUniverse {
    /// Which cells an attacker knows to be 0 without solving anything: the published zeros, every
    /// part of a total known to be 0 (counts are not negative), and every total whose parts are all
    /// known to be 0. Every relation must name cells of the release.
    ///
    /// The audit takes these cells out of its programs: in a sparse release (a small country, many
    /// categories, period atoms) most hidden cells are such zeros.
    func knownZeros() -> [Bool] {
        var zero = cells.map { $0.status == .published && $0.value == 0 }
        var asTotal = [[Int]](repeating: [], count: cells.count)
        var asPart = [[Int]](repeating: [], count: cells.count)
        var unknownParts = [Int](repeating: 0, count: relations.count)
        for (r, relation) in relations.enumerated() {
            asTotal[relation.total].append(r)
            let parts = Set(relation.parts)
            unknownParts[r] = parts.count
            for part in parts { asPart[part].append(r) }
        }
        var queue = cells.indices.filter { zero[$0] }
        func learn(_ cell: Int) {
            guard !zero[cell] else { return }
            zero[cell] = true
            queue.append(cell)
        }
        while let cell = queue.popLast() {
            for r in asTotal[cell] { relations[r].parts.forEach(learn) }
            for r in asPart[cell] {
                unknownParts[r] -= 1
                if unknownParts[r] == 0 { learn(relations[r].total) }
            }
        }
        return zero
    }
}
