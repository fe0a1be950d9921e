import Foundation

/// The published EXAMPLE keys of `keys-example/`, built into safestats so that `safestats demo`
/// runs from any directory, with an installed binary and no source tree: the demo writes them
/// into its output directory and uses them from there.
public enum ExampleKeys {
    public static let pseudonymisationKey = "pseudonymisation.example.key"
    public static let signingKey = "signing.example.key"
    public static let signingPublicKey = "signing.example.pub"

    /// Writes the three example key files into the new directory `directory` (the files mode
    /// 0644: they are published, and marked as examples). Returns its path.
    @discardableResult
    public static func write(to directory: String) throws(OutputError) -> String {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false) } catch {
            throw .io(path: directory, reason: "cannot create: \(error.localizedDescription)")
        }
        for (name, text) in embedded.sorted(by: { $0.key < $1.key }) {
            let path = directory + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644]) else {
                throw .io(path: path, reason: "cannot create")
            }
        }
        return directory
    }
}
