import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that bundles are exactly what the signing key's holder produced.",
            discussion: """
                For each BUNDLE: every file's minisign signature by --public-key and its trusted comment (file, \
                recipient, period, bundle id, key id); every size and SHA-256 in manifest.json and SHA256SUMS; \
                that no file is missing and none was added; and the disclosure audit: proven by the bundle's \
                certificate.json with integer arithmetic (no program solved), or re-run on the published \
                tables when there is no certificate or it does not prove the audit (for a record extract: k and \
                l counted again on its rows). Prints each check; exit 0 only if everything holds for every \
                bundle, 1 otherwise, naming what failed. --public-key takes the public key file or its base64 line.

                The same checks without safestats: minisign -Vm FILE -P <public key> for each signature, and \
                scripts/check-certificate BUNDLE (Python's standard library) for the certificate.

                Example:
                  safestats verify bundles/greta-2023 --public-key signing.pub
                """
        )

        @Argument(help: ArgumentHelp("Bundle directories (e.g. bundles/greta-2023).", valueName: "bundle"), completion: .directory)
        var bundles: [String]

        @Option(name: .customLong("public-key"), help: ArgumentHelp("The signer's public key: a minisign .pub file, or its base64 line.", valueName: "key"), completion: .file(extensions: ["pub"]))
        var publicKey: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let key: SigningPublicKey
            do { key = try SigningPublicKey.load(publicKey) } catch { throw statusFor(error) }
            let results = bundles.map { BundleVerification(bundle: $0, publicKey: key) }
            if output.json {
                print("[" + results.map(json).joined(separator: ",\n") + "]")
            } else {
                for r in results { print(text(r)) }
            }
            if !results.allSatisfy(\.passed) { throw ExitCode(ExitStatus.verificationFailed.rawValue) }
        }

        private func text(_ r: BundleVerification) -> String {
            var lines = r.checks.map { c in
                c.failure.map { "FAILED \(c.subject): \(c.what): \($0)" } ?? "ok     \(c.subject): \(c.what)"
            }
            lines.append(r.passed
                ? "\(r.bundle): VERIFIED — signed by \(r.keyID), intact, nothing missing or added, \(r.checks.contains { $0.subject == RecordExtract.fileName } ? "k and l re-checked" : "audit passed") (\(r.checks.count) checks)"
                : "\(r.bundle): NOT VERIFIED — \(r.failures.count) of \(r.checks.count) checks failed")
            return lines.joined(separator: "\n")
        }

        private func json(_ r: BundleVerification) -> String {
            let checks = r.checks.map { c in
                #"{"subject": \#(jsonString(c.subject)), "check": \#(jsonString(c.what)), "failure": \#(c.failure.map(jsonString) ?? "null")}"#
            }
            return #"{"bundle": \#(jsonString(r.bundle)), "key_id": "\#(r.keyID)", "passed": \#(r.passed), "checks": [\#(checks.joined(separator: ", "))]}"#
        }
    }
}
