/// Links the records of one population into persons: records that share any identifier pseudonym
/// are one person (union–find), whose id is the smallest of its pseudonyms.
///
/// Memory: one entry per distinct identifier pseudonym and one `Int32` per record.
struct Linkage {
    /// The distinct identifier pseudonyms, by node.
    private var nodes = PseudonymTable()
    private var sets = UnionFind()
    /// Per record in reading order: its first identifier's node, or -1 when it has none.
    private var recordNodes: [Int32] = []
    /// After `finish()`: per node, its person's smallest pseudonym.
    private var personOfNode: [Pseudonym] = []

    /// Makes room for this many more records and identifiers, so the tables do not grow step by step.
    mutating func reserve(records: Int, identifiers: Int) {
        recordNodes.reserveCapacity(recordNodes.count + records)
        nodes.reserve(nodes.count + identifiers)
        sets.reserveCapacity(sets.count + identifiers)
    }

    /// Adds the next record with the pseudonyms of its usable identifiers.
    mutating func add<C: Collection>(_ identifiers: C) where C.Element == Pseudonym {
        guard let first = identifiers.first else {
            recordNodes.append(-1)
            return
        }
        let a = node(first)
        for p in identifiers.dropFirst() { sets.union(a, node(p)) }
        recordNodes.append(a)
    }

    /// Adds records in order: record `n` has the next `counts[n]` pseudonyms of `identifiers`.
    /// The table slots of pseudonyms a little ahead are fetched while earlier ones are linked.
    mutating func add(_ identifiers: ArraySlice<Pseudonym>, counts: ArraySlice<UInt8>) {
        let ahead = 16
        var start = identifiers.startIndex
        for count in counts {
            let end = start + Int(count)
            for j in start..<end where j + ahead < identifiers.endIndex { nodes.prefetch(identifiers[j + ahead]) }
            add(identifiers[start..<end])
            start = end
        }
    }

    private mutating func node(_ p: Pseudonym) -> Int32 {
        let (node, isNew) = nodes.node(for: p)
        if isNew { _ = sets.append() }
        return node
    }

    /// Ends adding: computes each person's smallest pseudonym and the statistics.
    mutating func finish() -> LinkageSummary {
        // Each node's root, once.
        let parent = (0..<sets.count).map { sets.find(Int32($0)) }
        let pseudonyms = nodes.keys
        var smallest = pseudonyms
        for (i, p) in pseudonyms.enumerated() {
            let r = Int(parent[i])
            if p < smallest[r] { smallest[r] = p }
        }
        personOfNode = parent.map { smallest[Int($0)] }
        var isRootUsed = [Bool](repeating: false, count: parent.count)
        var linkedPersons = 0
        var unlinkable = 0
        for n in recordNodes {
            if n < 0 { unlinkable += 1; continue }
            let r = Int(parent[Int(n)])
            if !isRootUsed[r] { isRootUsed[r] = true; linkedPersons += 1 }
        }
        nodes = PseudonymTable()  // no longer needed: free the largest table
        let rows = recordNodes.count
        return LinkageSummary(rows: rows, persons: linkedPersons + unlinkable,
                              rowsMerged: rows - unlinkable - linkedPersons, unlinkableRows: unlinkable)
    }

    /// After `finish()`: the person id of record `index` (reading order), or nil if it had no
    /// usable identifier.
    func person(ofRecord index: Int) -> Pseudonym? {
        let n = recordNodes[index]
        guard n >= 0 else { return nil }
        return personOfNode[Int(n)]
    }
}

/// How the records of one population were linked into persons.
public struct LinkageSummary: Sendable, Equatable, Codable {
    /// Records read.
    public let rows: Int
    /// Distinct persons, unlinkable records included (each its own person).
    public let persons: Int
    /// Records that joined a person already seen: rows − persons.
    public let rowsMerged: Int
    /// Records with no usable identifier.
    public let unlinkableRows: Int

    enum CodingKeys: String, CodingKey {
        case rows, persons
        case rowsMerged = "rows_merged"
        case unlinkableRows = "unlinkable_rows"
    }
}
