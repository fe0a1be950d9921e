extension CellUniverse {
    /// Which cells an attacker knows to be 0 without solving anything: the published zeros, every
    /// part of a total known to be 0 (counts are not negative), and every total whose parts are all
    /// known to be 0. Every relation must name cells of the release.
    ///
    /// The audit takes these cells out of its programs: in a sparse release (a small country, many
    /// categories, period atoms) most hidden cells are such zeros.
    func knownZeros() -> [Bool] {
        knownZerosWithReasons().zero
    }

    /// Why a hidden cell is known to be 0: relation `relation` has a total known to be 0 (`asPart`:
    /// so is every part), or parts all known to be 0 (so is the total).
    struct ZeroReason: Equatable {
        let cell: Int
        let relation: Int
        let asPart: Bool
    }

    /// `knownZeros`, with the reason of every cell learned (not published), in the order learned.
    func knownZerosWithReasons() -> (zero: [Bool], reasons: [ZeroReason]) {
        var reasons: [ZeroReason] = []
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
        func learn(_ cell: Int, _ relation: Int, asPart: Bool) {
            guard !zero[cell] else { return }
            zero[cell] = true
            reasons.append(ZeroReason(cell: cell, relation: relation, asPart: asPart))
            queue.append(cell)
        }
        while let cell = queue.popLast() {
            for r in asTotal[cell] { relations[r].parts.forEach { learn($0, r, asPart: true) } }
            for r in asPart[cell] {
                unknownParts[r] -= 1
                if unknownParts[r] == 0 { learn(relations[r].total, r, asPart: false) }
            }
        }
        return (zero, reasons)
    }
}
