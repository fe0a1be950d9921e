/// Checks an `AuditCertificate` against a release with integers only, in time linear in the size
/// of the release and the certificate; `failures` says what does not hold, naming the cell,
/// witness or bound.
public struct CertificateCheck: Sendable {
    /// What does not hold; empty when the certificate proves every hidden cell protected.
    public private(set) var failures: [String] = []
    /// Hidden cells that needed a proof and have one that holds.
    public private(set) var proven = 0

    public var passed: Bool { failures.isEmpty }

    /// Checks `certificate` against `release` (only published values, relations and rules are
    /// read); `rule` holds for cells without a rule of their own.
    public init(_ certificate: AuditCertificate, release: CellUniverse, rule: ProtectionRule = ProtectionRule()) {
        var arithmetic = CertificateArithmetic(release: release)
        let hidden = release.hiddenCells
        guard certificate.hidden == hidden else {
            failures.append("the certificate's hidden cells are not the release's")
            return
        }
        if let cell = release.smallPublished(rule: rule).first { failures.append("cell \(cell) is published and holds a small count") }
        // Every witness in full (nil: it does not hold).
        var witnesses: [[Int]?] = []
        for (w, witness) in certificate.witnesses.enumerated() {
            guard let first = certificate.witnesses.first, let values = witness.values(first: first) else {
                failures.append("witness \(w): neither values in full nor changes of the first witness over a multiple of its scale")
                witnesses.append(nil)
                continue
            }
            let problem = arithmetic.problem(scale: witness.scale, values: values)
            if let problem { failures.append("witness \(w): \(problem)") }
            witnesses.append(problem == nil ? values : nil)
        }
        var bounds: [CertificateArithmetic.Bounded?] = []
        for (b, bound) in certificate.bounds.enumerated() {
            switch arithmetic.evaluate(bound) {
            case .success(let result): bounds.append(result)
            case .failure(let problem):
                failures.append("bound \(b): \(problem.message)")
                bounds.append(nil)
            }
        }
        var proofOf: [Int: AuditCertificate.Proof] = [:]
        for proof in certificate.proofs { proofOf[proof.cell] = proof }
        for cell in hidden {
            let rule = release.rule(of: cell, else: rule)
            guard rule.width > 0, rule.threshold > 1 else { continue }
            guard let proof = proofOf[cell] else {
                failures.append("cell \(cell): no proof")
                continue
            }
            if let message = problem(of: proof, rule: rule, certificate, witnesses, bounds) {
                failures.append("cell \(cell): \(message)")
            } else {
                proven += 1
            }
        }
    }

    /// What is wrong with `proof` of a cell with rule `rule`; nil when it holds.
    private func problem(of proof: AuditCertificate.Proof, rule: ProtectionRule, _ certificate: AuditCertificate, _ witnesses: [[Int]?],
                         _ bounds: [CertificateArithmetic.Bounded?]) -> String? {
        if let pair = proof.witnesses {
            guard pair.count == 2, pair.allSatisfy(witnesses.indices.contains), let k = certificate.hidden.binarySearchIndex(of: proof.cell) else {
                return "its witnesses are not in the certificate"
            }
            guard let x = witnesses[pair[0]], let y = witnesses[pair[1]] else { return "a witness of its proof does not hold" }
            let a = certificate.witnesses[pair[0]], b = certificate.witnesses[pair[1]]
            guard let apart = CertificateArithmetic.apart(x[k], a.scale, y[k], b.scale, by: rule.width) else { return "arithmetic overflow" }
            return apart ? nil : "its witnesses are less than its protection width \(rule.width) apart"
        }
        guard let index = proof.bound, bounds.indices.contains(index), certificate.bounds[index].cells.contains(proof.cell) else {
            return "its bound is not in the certificate, or does not bound it"
        }
        guard let result = bounds[index] else { return "its bound does not hold" }
        let kind = certificate.bounds[index].kind
        guard let proves = result.proves(kind, rule) else { return "arithmetic overflow" }
        if proves { return nil }
        return kind == .lower ? "its lower bound is below its threshold \(rule.threshold)" : "its upper bound is not below 1"
    }
}

/// The exact arithmetic of certificates: relations with the published values, witnesses, and
/// combinations of relations.
struct CertificateArithmetic: Sendable {
    private let release: CellUniverse
    /// Hidden cell → its position in the certificate's values.
    private let position: [Int: Int]
    /// Cells proved to be 0 by the bounds read so far.
    private(set) var zero: Set<Int> = []

    struct Problem: Error { let message: String }

    /// The right-hand side K (times the bound's scale) of a bound that holds.
    struct Bounded: Sendable {
        let k: Int
        let scale: Int

        /// Whether a bound of `kind` with this right-hand side shows its cells safe under `rule`:
        /// an upper bound below 1, a lower bound at the threshold or above; nil on overflow.
        func proves(_ kind: AuditCertificate.Bound.Kind, _ rule: ProtectionRule) -> Bool? {
            switch kind {
            case .upper: k < scale
            case .lower: product(rule.threshold, scale).map { k >= $0 }
            }
        }
    }

    init(release: CellUniverse) {
        self.release = release
        var position: [Int: Int] = [:]
        for (k, cell) in release.hiddenCells.enumerated() { position[cell] = k }
        self.position = position
    }

    /// Whether x / xScale and y / yScale are at least `width` apart, multiplied out; nil on overflow.
    static func apart(_ x: Int, _ xScale: Int, _ y: Int, _ yScale: Int, by width: Int) -> Bool? {
        guard let left = product(x, yScale), let right = product(y, xScale), let difference = sum(left, -right),
              let scales = product(xScale, yScale), let needed = product(width, scales) else { return nil }
        return abs(difference) >= needed
    }

    static func product(_ a: Int, _ b: Int) -> Int? {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }

    static func sum(_ a: Int, _ b: Int) -> Int? {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : r
    }

    /// What is wrong with a witness (`values` of the hidden cells times `scale`); nil when it is a
    /// table the attacker cannot rule out.
    func problem(scale: Int, values: [Int]) -> String? {
        guard scale > 0, values.count == position.count else { return "not one value per hidden cell over a positive scale" }
        if let k = values.firstIndex(where: { $0 < 0 }) { return "a negative value of a hidden cell (position \(k))" }
        for (r, relation) in release.relations.enumerated() {
            var balance = 0
            for (cell, sign) in relation.parts.map({ ($0, 1) }) + [(relation.total, -1)] {
                let scaled: Int?
                if let k = position[cell] { scaled = values[k] } else { scaled = Self.product(release.cells[cell].value, scale) }
                guard let scaled, let next = Self.sum(balance, sign * scaled) else { return "arithmetic overflow" }
                balance = next
            }
            if balance != 0 { return "relation \(r) does not hold" }
        }
        return nil
    }

    /// The right-hand side of `bound` if it holds (see `AuditCertificate`); an upper bound whose
    /// right-hand side is at most 0 proves its cells 0 for the bounds after it.
    mutating func evaluate(_ bound: AuditCertificate.Bound) -> Result<Bounded, Problem> {
        guard bound.scale > 0, !bound.cells.isEmpty, bound.cells.allSatisfy({ position[$0] != nil }),
              bound.kind == .upper || bound.cells.count == 1 else {
            return .failure(Problem(message: "not a bound on hidden cells over a positive scale"))
        }
        var coefficient: [Int: Int] = [:]
        var k = 0
        for pair in bound.multipliers {
            guard pair.count == 2, release.relations.indices.contains(pair[0]) else { return .failure(Problem(message: "names no relation")) }
            let relation = release.relations[pair[0]], y = pair[1]
            for (cell, sign) in relation.parts.map({ ($0, 1) }) + [(relation.total, -1)] {
                guard let term = Self.product(sign, y) else { return .failure(Problem(message: "arithmetic overflow")) }
                if position[cell] != nil {
                    guard let c = Self.sum(coefficient[cell, default: 0], term) else { return .failure(Problem(message: "arithmetic overflow")) }
                    coefficient[cell] = c
                } else {
                    // A published cell: its part of the left-hand side moves to the right.
                    guard let moved = Self.product(term, release.cells[cell].value), let next = Self.sum(k, -moved) else {
                        return .failure(Problem(message: "arithmetic overflow"))
                    }
                    k = next
                }
            }
        }
        let own = Set(bound.cells)
        for (cell, c) in coefficient where !zero.contains(cell) {
            switch bound.kind {
            case .upper:
                if own.contains(cell) ? c < bound.scale : c < 0 {
                    return .failure(Problem(message: "cell \(cell) has coefficient \(c) over \(bound.scale): too small for an upper bound"))
                }
            case .lower:
                if own.contains(cell) ? (c <= 0 || c > bound.scale) : c > 0 {
                    return .failure(Problem(message: "cell \(cell) has coefficient \(c) over \(bound.scale): not a lower bound"))
                }
            }
        }
        for cell in own where !zero.contains(cell) && coefficient[cell] == nil {
            return .failure(Problem(message: "cell \(cell) has coefficient 0: not a bound on it"))
        }
        if bound.kind == .upper, k <= 0 { zero.formUnion(own) }
        return .success(Bounded(k: k, scale: bound.scale))
    }
}
