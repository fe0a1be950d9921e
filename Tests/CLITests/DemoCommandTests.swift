import Foundation
import Testing

/// `safestats demo` as an installed binary runs it: from a directory that is not the checkout,
/// with the example keys built into the binary.
@Suite struct DemoCommandTests {
    @Test func theDemoRunsOutsideTheCheckoutWithItsBuiltInKeys() throws {
        let dir = CLI.temporaryDirectory()
        #expect(!FileManager.default.fileExists(atPath: dir + "/keys-example"))
        let r = CLI.run("demo", "--out", "demo", "--victims", "120", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3. pseudonymise with demo/keys-example/pseudonymisation.example.key"), "\(r.stdout)")
        #expect(r.stdout.contains("6. verify each bundle with demo/keys-example/signing.example.pub"), "\(r.stdout)")
        #expect(r.stdout.contains("us-tip-2024: 35 checks passed (signed by C079D8FB59CC3536, EXAMPLE key)"), "\(r.stdout)")
        #expect(r.stderr.contains("is an EXAMPLE key"))
        // The keys it wrote are the published ones, byte for byte.
        for name in ["pseudonymisation.example.key", "signing.example.key", "signing.example.pub"] {
            #expect(FileManager.default.contents(atPath: dir + "/demo/keys-example/" + name) == FileManager.default.contents(atPath: CLI.root + "/keys-example/" + name), "\(name)")
        }
        #expect(CLI.run("verify", dir + "/demo/bundles/greta-2023", "--public-key", CLI.examplePublicKey).status == 0)
    }
}
