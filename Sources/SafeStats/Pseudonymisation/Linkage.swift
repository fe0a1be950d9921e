/// Links the records of one population into persons: records that share any identifier pseudonym
/// are one person (union–find), whose id is the smallest of its pseudonyms.
///
/// Memory: one entry per distinct identifier pseudonym and one `Int32` per record.
struct Linkage {
    /// Identifier pseudonym → node.
    private var nodes = PseudonymTable()
    private var pseudonyms: [Pseudonym] = []
    private var parent: [Int32] = []
    /// Per record in reading order: its first identifier's node, or -1 when it has none.
    private var recordNodes: [Int32] = []
    /// After `finish()`: per node, its person's smallest pseudonym.
    private var personOfNode: [Pseudonym] = []

    /// Makes room for this many more records and identifiers, so the tables do not grow step by step.
    mutating func reserve(records: Int, identifiers: Int) {
        recordNodes.reserveCapacity(recordNodes.count + records)
        nodes.reserve(nodes.count + identifiers)
        pseudonyms.reserveCapacity(pseudonyms.count + identifiers)
        parent.reserveCapacity(parent.count + identifiers)
    }

    /// Adds the next record with the pseudonyms of its usable identifiers.
    mutating func add<C: Collection>(_ identifiers: C) where C.Element == Pseudonym {
        guard let first = identifiers.first else {
            recordNodes.append(-1)
            return
        }
        let a = node(first)
        for p in identifiers.dropFirst() { union(a, node(p)) }
        recordNodes.append(a)
    }

    private mutating func node(_ p: Pseudonym) -> Int32 {
        nodes.node(for: p) {
            let n = Int32(parent.count)
            pseudonyms.append(p)
            parent.append(n)
            return n
        }
    }

    private mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var x = x
        while parent[Int(x)] != root {
            let next = parent[Int(x)]
            parent[Int(x)] = root
            x = next
        }
        return root
    }

    private mutating func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[Int(max(ra, rb))] = min(ra, rb) }
    }

    /// Ends adding: computes each person's smallest pseudonym and the statistics.
    mutating func finish() -> LinkageSummary {
        // Compress every path, so each node's parent is its root.
        for i in parent.indices { parent[i] = find(Int32(i)) }
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
        pseudonyms = []
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
