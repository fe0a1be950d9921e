/// The SHA-256 of each input file, taken from the very bytes a reader counted (not from a second
/// read): what a release's manifest commits to. Filled by one reader at a time.
public final class FileDigests: @unchecked Sendable {
    /// File name (`victims.csv`, …) → SHA-256 (hex).
    public private(set) var byName: [String: String] = [:]

    public init() {}

    func record(_ name: String, _ digest: String) {
        byName[name] = digest
    }
}
