import ArgumentParser
import Foundation
import SafeStats

extension SafeStatsCommand {
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make keys.",
            subcommands: [PseudonymisationKeygen.self, SigningKeygen.self]
        )
    }

    struct PseudonymisationKeygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pseudonymisation",
            abstract: "Write a new pseudonymisation key file (mode 0600).",
            usage: "safestats keygen pseudonymisation --out <file> [<options>]",
            discussion: """
                The key is 32 random bytes from libsodium. With --passphrase-env it is sealed under the \
                passphrase in that environment variable (Argon2id + XSalsa20-Poly1305). An existing file \
                is never overwritten.

                Example (first put the passphrase in SAFESTATS_PASSPHRASE and export it, for \
                instance with read -rs SAFESTATS_PASSPHRASE; export SAFESTATS_PASSPHRASE):
                  safestats keygen pseudonymisation --passphrase-env SAFESTATS_PASSPHRASE \\
                      --out pseudo.key
                """
        )

        @Option(help: ArgumentHelp("Key file to create.", valueName: "file"), completion: .file())
        var out: String

        @Option(name: .customLong("passphrase-env"), help: ArgumentHelp("Environment variable holding a passphrase to encrypt the key with.", valueName: "variable"), completion: .list(["SAFESTATS_PASSPHRASE", "SAFESTATS_SIGNING_PASSPHRASE"]))
        var passphraseVariable: String?

        @Flag(help: "Mark the key as an example key; everything made with it says so.")
        var example = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            do {
                let passphrase = try passphraseVariable.map(Passphrase.fromEnvironment)
                let key = PseudonymisationKey.generate(created: Timestamp.now(), example: example)
                try key.write(to: out, passphrase: passphrase)
                if output.json {
                    print(#"{"key_file": \#(jsonString(out)), "key_id": "\#(key.keyID)", "encrypted": \#(passphrase != nil), "example": \#(example)}"#)
                } else {
                    print("wrote \(out) (key id \(key.keyID)\(passphrase != nil ? ", encrypted" : "")\(example ? ", EXAMPLE key" : ""))")
                }
            } catch {
                throw statusFor(error)
            }
        }
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
}
