import Foundation

/// `certificate.json`: evidence, checkable with additions and comparisons of integers only, that
/// every hidden cell of a published release is protected, made from the published tables alone
/// (the attacker's programs of the audit), never from the true counts.
///
/// - A **witness** is a complete table: a value for every hidden cell (integers over a common
///   `scale`) that is not negative and, with the published values, keeps every relation. Each
///   witness is a table the attacker cannot rule out; two witnesses whose values of a cell are at
///   least its protection width apart show the cell that wide.
/// - A **bound** is a combination of relations (integer multipliers y_r over `scale`) whose
///   left-hand side Σ_r y_r (Σ parts − total) gives each hidden cell j a coefficient c_j and whose
///   right-hand side is a number K of published values. An *upper* bound with c_j ≥ scale for its
///   cells and c_j ≥ 0 for every other hidden cell proves that its cells add up to at most
///   K / scale (so each is below 1 when K < scale, and 0 when K ≤ 0); a *lower* bound on one cell
///   with 0 < c ≤ scale for it and c_j ≤ 0 for the others proves it at least K / scale. These are
///   the dual solutions of the audit's programs. Bounds are read in order: a cell an earlier bound
///   proved to be 0 may have any coefficient in later ones (it adds nothing).
/// - Every hidden cell that could be narrow (width above 0, threshold above 1) has a **proof**: two
///   witnesses, or a bound showing it never below its threshold or never 1 or more.
public struct AuditCertificate: Codable, Sendable, Equatable {
    public static let formatName = "safestats-certificate"
    public static let fileName = "certificate.json"

    public var format = Self.formatName
    public var version = 1
    /// The hidden cells, ascending: the order of every witness's values.
    public var hidden: [Int]
    public var witnesses: [Witness]
    public var bounds: [Bound]
    /// One per hidden cell that needs one, ascending by cell.
    public var proofs: [Proof]

    /// Written in full (`values`), or, after the first witness, by what it changes in the first
    /// (`changes`: the first's values times scale / its scale, which must be whole, except at
    /// the positions listed).
    public struct Witness: Codable, Sendable, Equatable {
        public var scale: Int
        /// The value of each hidden cell times `scale`.
        public var values: [Int]?
        /// Position in `hidden` and value times `scale`, where it differs from the first witness.
        public var changes: [[Int]]?

        init(scale: Int, values: [Int]) {
            self.scale = scale
            self.values = values
        }

        init(scale: Int, changes: [[Int]]) {
            self.scale = scale
            self.changes = changes
        }

        /// This witness written by what it changes in `first` (both in full); nil when it cannot be.
        func changes(from first: Witness) -> Witness? {
            guard let mine = values, let theirs = first.values else { return nil }
            let scale = self.scale / gcd(self.scale, first.scale) * first.scale
            guard scale <= ExactScale.largest * ExactScale.largest else { return nil }
            let up = scale / self.scale, upFirst = scale / first.scale
            var changes: [[Int]] = []
            for k in mine.indices {
                guard let value = CertificateArithmetic.product(mine[k], up), let before = CertificateArithmetic.product(theirs[k], upFirst) else { return nil }
                if value != before { changes.append([k, value]) }
            }
            return Witness(scale: scale, changes: changes)
        }

        /// The values in full, given the first witness; nil if they cannot be made.
        func values(first: Witness) -> [Int]? {
            if let values { return changes == nil ? values : nil }
            guard let changes, let base = first.values, first.changes == nil, scale % first.scale == 0 else { return nil }
            var values: [Int] = []
            for v in base {
                guard let scaled = CertificateArithmetic.product(v, scale / first.scale) else { return nil }
                values.append(scaled)
            }
            for change in changes {
                guard change.count == 2, values.indices.contains(change[0]) else { return nil }
                values[change[0]] = change[1]
            }
            return values
        }
    }

    public struct Bound: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case upper, lower }
        public var kind: Kind
        public var cells: [Int]
        public var scale: Int
        /// Relation index and its multiplier times `scale`; relations not listed have 0.
        public var multipliers: [[Int]]
    }

    /// How one cell is shown protected: by the witnesses `witnesses` (two indices), or by the
    /// bound `bound`.
    public struct Proof: Codable, Sendable, Equatable {
        public var cell: Int
        public var witnesses: [Int]?
        public var bound: Int?
    }

    /// The document's bytes: sorted keys on one line (it is for programs: one value per line would
    /// make it ten times longer), and a final new line.
    public func json() -> Data {
        PublishedRelease.compact(self) + Data("\n".utf8)
    }

    /// Reads a document written by `json()`; `source` names it in messages.
    public init(json data: Data, source: String) throws(PublishedRelease.Problem) {
        self = try PublishedRelease.decode(data, source: source, what: "certificate")
        guard format == Self.formatName, version == 1 else {
            throw PublishedRelease.Problem(message: "\(source): not a safestats-certificate document of version 1")
        }
    }

    init(hidden: [Int], witnesses: [Witness], bounds: [Bound], proofs: [Proof]) {
        self.hidden = hidden
        self.witnesses = witnesses
        self.bounds = bounds
        self.proofs = proofs
    }
}

/// The greatest common divisor of two positive integers.
func gcd(_ a: Int, _ b: Int) -> Int {
    b == 0 ? a : gcd(b, a % b)
}
