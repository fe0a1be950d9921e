/// What a revised bundle replaces (`revisions: publish`): the same recipient and period counted
/// again from the register as it is now, after late registrations or corrections, and protected
/// together with every version already sent (see `RegisterVersions`). Its manifest and report say so.
public struct BundleRevision: Codable, Sendable, Equatable {
    /// The bundle's version: 2 for the first revision (the bundle first sent is version 1).
    public var version: Int
    /// The bundle id (`manifest.json`'s `bundle_id`) of the version it replaces.
    public var replaces: String

    public init(version: Int, replaces: String) {
        self.version = version
        self.replaces = replaces
    }

    /// What the directory name adds: `-v2` for version 2.
    var nameSuffix: String { "-v\(version)" }
}
